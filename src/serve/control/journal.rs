//! The request journal (WireMock's, for serve): a bounded ring of what happened, newest last —
//! each HTTP request (method, path without its query, user, status, duration, the GraphQL
//! operation's name, for a refusal doctor's reason code and sentence, the fault injected into
//! it) and each socket event (upgrade, subscribe, an injected reconnect or close). What the log
//! keeps and no more: never a query string (the socket's carries the token), a header value, a
//! token or the key. `GET /__serve/requests` reads it with filters; `DELETE` empties it.
//! `recording` fills it from each response.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use super::super::message::iso;
use super::super::refusal::Refusal;
use super::shapes::EntryJson;

/// How many entries the journal keeps; older ones fall out.
pub(crate) const JOURNAL_CAPACITY: usize = 1000;

/// The most characters of a path or user id an entry keeps (the ring's size stays bounded).
const MAX_TEXT: usize = 256;

/// `text`, cut to [`MAX_TEXT`] characters.
pub(crate) fn bounded(text: &str) -> String {
    text.chars().take(MAX_TEXT).collect()
}

/// Paths under this prefix are serve's control surface, not journaled.
pub(crate) const CONTROL_PREFIX: &str = "/__serve/";

/// The GraphQL operation a response answered, for the journal.
#[derive(Debug, Clone)]
pub(crate) struct OperationNote(pub(crate) String);

/// The refusal a response carries, for the journal.
#[derive(Debug, Clone)]
pub(crate) struct RefusalNote(pub(crate) Refusal);

/// The fault injected into a response, for the journal.
#[derive(Debug, Clone)]
pub(crate) struct FaultNote(pub(crate) String);

/// One thing that happened.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) user: Option<String>,
    pub(crate) status: Option<u16>,
    pub(crate) duration_ms: Option<f64>,
    pub(crate) operation: Option<String>,
    /// A socket event: `upgrade`, `subscribe`, `reconnect`, `close`.
    pub(crate) event: Option<&'static str>,
    pub(crate) refusal: Option<Refusal>,
    pub(crate) fault: Option<String>,
}

impl Entry {
    /// A socket event for `user`.
    pub(crate) fn socket(event: &'static str, user: &str) -> Self {
        Self {
            method: "WS".into(),
            path: "/".into(),
            user: Some(bounded(user)).filter(|user| !user.is_empty()),
            event: Some(event),
            ..Self::default()
        }
    }
}

/// What `?user=`, `?path=` and `?status=` keep.
#[derive(Debug, Default)]
pub(crate) struct Wanted {
    pub(crate) user: Option<String>,
    pub(crate) path: Option<String>,
    pub(crate) status: Option<u16>,
}

struct Recorded {
    seq: u64,
    at: i64,
    entry: Entry,
}

/// The ring.
#[derive(Default)]
pub(crate) struct Journal {
    entries: Mutex<(u64, VecDeque<Recorded>)>,
}

impl Journal {
    fn entries(&self) -> MutexGuard<'_, (u64, VecDeque<Recorded>)> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records `entry` at serve's time `at` (Unix milliseconds).
    pub(crate) fn record(&self, at: i64, entry: Entry) {
        let mut guard = self.entries();
        let (next, ring) = &mut *guard;
        *next += 1;
        if ring.len() == JOURNAL_CAPACITY {
            ring.pop_front();
        }
        ring.push_back(Recorded {
            seq: *next,
            at,
            entry,
        });
    }

    /// Empties the journal; how many entries went.
    pub(crate) fn clear(&self) -> usize {
        let mut guard = self.entries();
        let removed = guard.1.len();
        guard.1.clear();
        removed
    }

    /// The entries `wanted` keeps, oldest first, as JSON.
    pub(crate) fn list(&self, wanted: &Wanted) -> Vec<EntryJson> {
        self.entries()
            .1
            .iter()
            .filter(|recorded| {
                let entry = &recorded.entry;
                wanted
                    .user
                    .as_ref()
                    .is_none_or(|user| entry.user.as_ref() == Some(user))
                    && wanted.path.as_ref().is_none_or(|path| &entry.path == path)
                    && wanted
                        .status
                        .is_none_or(|status| entry.status == Some(status))
            })
            .map(entry_json)
            .collect()
    }
}

fn entry_json(recorded: &Recorded) -> EntryJson {
    let entry = recorded.entry.clone();
    EntryJson {
        seq: recorded.seq,
        time: iso(recorded.at),
        method: entry.method,
        path: entry.path,
        user: entry.user,
        status: entry.status,
        duration_ms: entry
            .duration_ms
            .map(|duration| (duration * 10.0).round() / 10.0),
        operation: entry.operation,
        event: entry.event,
        fault: entry.fault,
        code: entry.refusal.as_ref().map(|refusal| refusal.code),
        reason: entry.refusal.map(|refusal| refusal.detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_the_newest_and_filters() {
        let journal = Journal::default();
        for at in 0..(JOURNAL_CAPACITY as i64 + 5) {
            let user = if at % 2 == 0 { "alice" } else { "bob" };
            journal.record(at, Entry::socket("subscribe", user));
        }
        let all = journal.list(&Wanted::default());
        assert_eq!(all.len(), JOURNAL_CAPACITY);
        assert_eq!(all[0].seq, 6);
        let alice = Wanted {
            user: Some("alice".into()),
            ..Wanted::default()
        };
        assert_eq!(journal.list(&alice).len(), JOURNAL_CAPACITY / 2);
        assert_eq!(journal.clear(), JOURNAL_CAPACITY);
        assert!(journal.list(&Wanted::default()).is_empty());
    }
}
