//! The "something changed" signal serve's console listens to: one counter per [`Topic`] in a
//! tokio `watch` channel, bumped by [`Changes::notify`] and read by the console's server-sent
//! events, which tell the page which of its panels to load again. A burst of changes is folded
//! into one event, so a busy workspace never queues work for a slow page. Nothing here knows
//! what changed beyond the topic: the page asks for the current state.

use tokio::sync::watch;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    /// A message added, read, opened, archived or removed; a new user.
    Inbox,
    /// A request logged in the journal.
    Requests,
}

impl Topic {
    /// Every topic, in the order the console's events name them.
    pub(crate) const ALL: [Topic; 2] = [Topic::Inbox, Topic::Requests];

    /// The server-sent event's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Topic::Inbox => "inbox",
            Topic::Requests => "requests",
        }
    }

    fn index(self) -> usize {
        match self {
            Topic::Inbox => 0,
            Topic::Requests => 1,
        }
    }
}

/// How many changes each topic has seen.
pub(crate) type Revisions = [u64; Topic::ALL.len()];

/// The signal. Cheap to notify with nobody listening.
pub(crate) struct Changes {
    revisions: watch::Sender<Revisions>,
}

impl Default for Changes {
    fn default() -> Self {
        Self {
            revisions: watch::Sender::new([0; Topic::ALL.len()]),
        }
    }
}

impl Changes {
    /// Tells every open console that `topic` changed. Call it after the change is made (the
    /// page reads the state when told): the workspace does for the inboxes, `App::journal` for
    /// each entry of the request journal (whose own reads under `/__serve/` are not entries,
    /// so the page reading it never tells itself to read again).
    pub(crate) fn notify(&self, topic: Topic) {
        // With no page open (loading --messages, a benchmark) there is nobody to tell; a page
        // that opens later reads the state as it then is.
        if self.revisions.receiver_count() > 0 {
            self.revisions
                .send_modify(|revisions| revisions[topic.index()] += 1);
        }
    }

    /// A receiver of every change from now on.
    pub(crate) fn subscribe(&self) -> watch::Receiver<Revisions> {
        self.revisions.subscribe()
    }
}

/// The topics whose revision differs between `before` and `now`.
pub(crate) fn changed_between(before: &Revisions, now: &Revisions) -> Vec<Topic> {
    Topic::ALL
        .into_iter()
        .filter(|topic| before[topic.index()] != now[topic.index()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_changes_is_one_event_per_topic() {
        let changes = Changes::default();
        let mut receiver = changes.subscribe();
        let before = *receiver.borrow_and_update();
        changes.notify(Topic::Inbox);
        changes.notify(Topic::Inbox);
        assert!(receiver.has_changed().unwrap_or(false));
        let now = *receiver.borrow_and_update();
        assert_eq!(changed_between(&before, &now), vec![Topic::Inbox]);
        changes.notify(Topic::Requests);
        let later = *receiver.borrow_and_update();
        assert_eq!(changed_between(&now, &later), vec![Topic::Requests]);
    }
}
