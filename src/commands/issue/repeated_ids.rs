//! Repeated user ids in a bulk `issue` whose `--jti` is made from the user id alone
//! (`{user_id}` without `{n}`): two lines with one id would mint two tokens with one `jti`,
//! which a token id must never be. Only such runs track ids, 8 bytes of hash and 8 of line
//! number per distinct id, so the usual bulk run keeps its flat memory. The answer does not
//! depend on how lines were spread over the workers: the count is lines minus distinct ids,
//! and the example is the repeat with the lowest line number.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

/// The ids seen so far, shared by the workers of one run.
#[derive(Debug, Default)]
pub(crate) struct RepeatedUserIds {
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    /// A user id's hash → the lowest line it was seen on so far.
    lowest_line: HashMap<u64, u64>,
    repeats: u64,
    earliest: Option<Repeat>,
}

/// One user id seen on two lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repeat {
    pub(crate) user_id: String,
    pub(crate) first: u64,
    pub(crate) again: u64,
}

impl RepeatedUserIds {
    /// Notes that `line` holds `user_id`.
    pub(crate) fn record(&self, line: u64, user_id: &str) {
        let mut hasher = DefaultHasher::new();
        user_id.hash(&mut hasher);
        let key = hasher.finish();
        let Ok(mut seen) = self.seen.lock() else {
            return;
        };
        let Some(&other) = seen.lowest_line.get(&key) else {
            seen.lowest_line.insert(key, line);
            return;
        };
        let (first, again) = (other.min(line), other.max(line));
        seen.lowest_line.insert(key, first);
        seen.repeats += 1;
        if seen.earliest.as_ref().is_none_or(|e| again < e.again) {
            let user_id = user_id.to_string();
            seen.earliest = Some(Repeat {
                user_id,
                first,
                again,
            });
        }
    }

    /// How many lines repeated an earlier line's user id, and the first such repeat.
    pub(crate) fn finish(self) -> Option<(u64, Repeat)> {
        let seen = self.seen.into_inner().ok()?;
        Some((seen.repeats, seen.earliest?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_repeat_whatever_the_order() {
        let repeats = RepeatedUserIds::default();
        for (line, id) in [(5, "b"), (3, "a"), (4, "b"), (1, "a"), (2, "c"), (6, "a")] {
            repeats.record(line, id);
        }
        let (count, earliest) = repeats.finish().unwrap();
        assert_eq!(count, 3);
        assert_eq!(
            earliest,
            Repeat {
                user_id: "a".to_string(),
                first: 1,
                again: 3
            }
        );
        assert!(RepeatedUserIds::default().finish().is_none());
    }
}
