//! The verdicts of the current second, kept so that the same credentials asking for the same
//! scope within one second are checked once. An SDK sends the same token (or client key, user id
//! and signature) on every request, and checking it costs two HMACs and a JSON parse that
//! dominate a small request; the verdict is a pure function of the credentials, the scope
//! needed and the second (`Authority::check` reads nothing else, and the workspace's policy is
//! fixed for a run), so a kept one is exactly what checking again would give.
//!
//! Bounded: at most [`MAX_VERDICTS`] of the current second, dropped when serve's clock moves to
//! another second (also when `/__serve/clock` moves it back). Lookups cannot be steered: the
//! index is a hash under the process's random SipHash keys, so a kept token's text is compared
//! only with a question whose keyed hash equals its own — one that carries the same token, short
//! of a SipHash collision under keys no caller sees. How long a lookup takes therefore tells
//! nothing of a kept token that the caller does not already hold, and the comparison can be a
//! plain one.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};
use std::sync::Mutex;

/// How many verdicts one second keeps; more distinct credentials in a second are checked each
/// time (as without the cache).
pub(crate) const MAX_VERDICTS: usize = 1024;

/// What a request carries, as text (`auth::Credentials`' bearer, user id, client key and
/// user signature), and the scope it needs.
pub(crate) type Question<'a, N> = ([Option<&'a str>; 4], N);

/// A question a verdict was given for, owned.
struct Asked<N> {
    parts: [Option<Box<str>>; 4],
    need: N,
}

impl<N: PartialEq + Copy> Asked<N> {
    fn new((parts, need): Question<'_, N>) -> Self {
        Self {
            parts: parts.map(|part| part.map(Box::from)),
            need,
        }
    }

    /// Whether this is `question` (asked only of the entry whose keyed hash `question` has).
    fn is(&self, (parts, need): Question<'_, N>) -> bool {
        self.need == need
            && self
                .parts
                .iter()
                .zip(parts)
                .all(|(kept, asked)| kept.as_deref() == asked)
    }
}

/// The second's verdicts, by a keyed hash of what was asked (already a hash: the map uses it as
/// it is rather than hashing it again).
struct Second<N, V> {
    now: i64,
    verdicts: HashMap<u64, (Asked<N>, V), BuildHasherDefault<KeyedHash>>,
}

/// A map index that is already a keyed SipHash, passed through unchanged.
#[derive(Default)]
struct KeyedHash(u64);

impl Hasher for KeyedHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is ever called (the key is a `u64`); fold anything else in anyway.
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, index: u64) {
        self.0 = index;
    }
}

/// Verdicts of type `V` on questions needing an `N`, kept for the current second.
pub(crate) struct RecentVerdicts<N, V> {
    hasher: RandomState,
    second: Mutex<Second<N, V>>,
}

impl<N, V> Default for RecentVerdicts<N, V> {
    fn default() -> Self {
        Self {
            hasher: RandomState::new(),
            second: Mutex::new(Second {
                now: i64::MIN,
                verdicts: HashMap::default(),
            }),
        }
    }
}

impl<N: Hash + PartialEq + Copy, V: Clone> RecentVerdicts<N, V> {
    /// The verdict on `question` at `now` (Unix seconds): a kept one, or `check`'s, kept for
    /// the rest of the second.
    pub(crate) fn get_or_check(
        &self,
        question: Question<'_, N>,
        now: i64,
        check: impl FnOnce() -> V,
    ) -> V {
        let index = self.hasher.hash_one(question);
        let Ok(mut second) = self.second.lock() else {
            return check();
        };
        if second.now != now {
            second.now = now;
            second.verdicts.clear();
        }
        if let Some((asked, verdict)) = second.verdicts.get(&index) {
            if asked.is(question) {
                return verdict.clone();
            }
        }
        // Checked outside the lock: the other threads' requests need not wait for it.
        drop(second);
        let verdict = check();
        if let Ok(mut second) = self.second.lock() {
            if second.now == now && second.verdicts.len() < MAX_VERDICTS {
                second
                    .verdicts
                    .insert(index, (Asked::new(question), verdict.clone()));
            }
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Hash)]
    enum Need {
        Read,
        Write,
    }

    fn credentials<'a>(bearer: &'a str, user_id: &'a str) -> [Option<&'a str>; 4] {
        [Some(bearer), Some(user_id), None, None]
    }

    #[test]
    fn the_same_question_in_the_same_second_is_checked_once() {
        let recent = RecentVerdicts::default();
        let checks = Cell::new(0);
        let check = || {
            checks.set(checks.get() + 1);
            checks.get()
        };
        let asked = credentials("token", "alice");
        assert_eq!(recent.get_or_check((asked, Need::Read), 100, check), 1);
        assert_eq!(recent.get_or_check((asked, Need::Read), 100, check), 1);
        // Another scope, another user, another token, another second: each checked afresh.
        assert_eq!(recent.get_or_check((asked, Need::Write), 100, check), 2);
        let bob = credentials("token", "bob");
        assert_eq!(recent.get_or_check((bob, Need::Read), 100, check), 3);
        let other = credentials("token2", "alice");
        assert_eq!(recent.get_or_check((other, Need::Read), 100, check), 4);
        let no_user = [Some("token"), None, None, None];
        assert_eq!(recent.get_or_check((no_user, Need::Read), 100, check), 5);
        assert_eq!(recent.get_or_check((asked, Need::Read), 101, check), 6);
        assert_eq!(recent.get_or_check((asked, Need::Read), 100, check), 7);
    }

    #[test]
    fn a_second_keeps_at_most_the_bound() {
        let recent = RecentVerdicts::default();
        let tokens: Vec<String> = (0..MAX_VERDICTS + 10).map(|n| format!("t{n}")).collect();
        for token in &tokens {
            recent.get_or_check((credentials(token, "a"), Need::Read), 1, || 0);
        }
        let kept = recent.second.lock().map(|s| s.verdicts.len()).unwrap_or(0);
        assert_eq!(kept, MAX_VERDICTS);
        // One past the bound is still answered, by checking it.
        let last = credentials(&tokens[MAX_VERDICTS + 5], "a");
        assert_eq!(recent.get_or_check((last, Need::Read), 1, || 9), 9);
    }
}
