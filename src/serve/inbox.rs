//! One user's inbox and what Courier's Inbox does to it: filters as Courier applies them
//! (archived messages only when asked; `status` read/unread; `tags` any-of; `from` a lower
//! bound on `created`; `accountId` one tenant's messages, and none of any tenant without it),
//! newest first, pages with a cursor, and the state changes the SDK's mutations ask for. Pure
//! data: no locks, no sockets; `state` owns the inboxes and announces the changes.

#[cfg(test)]
use super::message::{Extras, Stamp};
use super::message::{Message, Millis};
use crate::wire::socket::InboxEvent;

/// `status` in a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadStatus {
    Read,
    Unread,
}

/// A filter as the SDK's `FilterParamsInput` gives it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// `accountId`: this tenant's messages only; `None`: only messages of no tenant.
    pub(crate) tenant: Option<String>,
    /// True: only archived messages; false: archived ones are left out.
    pub(crate) archived: bool,
    pub(crate) status: Option<ReadStatus>,
    /// Any of them (empty: no restriction).
    pub(crate) tags: Vec<String>,
    /// Created at or after.
    pub(crate) from: Option<Millis>,
}

impl Filter {
    pub(crate) fn matches(&self, message: &Message) -> bool {
        message.tenant.as_deref() == self.tenant.as_deref()
            && message.archived.is_set() == self.archived
            && match self.status {
                Some(ReadStatus::Read) => message.read.is_set(),
                Some(ReadStatus::Unread) => !message.read.is_set(),
                None => true,
            }
            && (self.tags.is_empty()
                || message
                    .tags()
                    .iter()
                    .any(|tag| self.tags.iter().any(|wanted| **tag == **wanted)))
            && self.from.is_none_or(|from| message.created >= from)
    }
}

/// One page of messages, newest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub(crate) total: usize,
    pub(crate) messages: Vec<Message>,
    /// Where the next page starts (courier-js sends it back as `after`); `None` on the last.
    pub(crate) next: Option<String>,
}

/// A change to one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MessageChange {
    Read,
    Unread,
    Opened,
    Archive,
    Unarchive,
    Clicked,
}

impl MessageChange {
    pub(crate) fn event(self) -> InboxEvent {
        match self {
            MessageChange::Read => InboxEvent::Read,
            MessageChange::Unread => InboxEvent::Unread,
            MessageChange::Opened => InboxEvent::Opened,
            MessageChange::Archive => InboxEvent::Archive,
            MessageChange::Unarchive => InboxEvent::Unarchive,
            MessageChange::Clicked => InboxEvent::Clicked,
        }
    }
}

/// A change to every message of the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InboxChange {
    MarkAllRead,
    ArchiveRead,
    ArchiveAll,
}

impl InboxChange {
    pub(crate) fn event(self) -> InboxEvent {
        match self {
            InboxChange::MarkAllRead => InboxEvent::MarkAllRead,
            InboxChange::ArchiveRead => InboxEvent::ArchiveRead,
            InboxChange::ArchiveAll => InboxEvent::ArchiveAll,
        }
    }
}

/// A user's messages, oldest first (the order they are shown is the reverse).
#[derive(Debug, Default)]
pub(crate) struct Inbox {
    messages: Vec<Message>,
}

impl Inbox {
    /// Puts `message` in its place by `created` (then arrival). The list grows by a quarter at
    /// a time, not double: a workspace holds many small inboxes, and doubling would leave most
    /// of their room unused.
    pub(crate) fn insert(&mut self, message: Message) {
        if self.messages.len() == self.messages.capacity() {
            self.messages
                .reserve_exact((self.messages.len() / 4).max(4));
        }
        let key = (message.created, message.seq);
        let at = self.messages.partition_point(|m| (m.created, m.seq) <= key);
        self.messages.insert(at, message);
    }

    pub(crate) fn count(&self, filter: &Filter) -> usize {
        self.messages.iter().filter(|m| filter.matches(m)).count()
    }

    /// Up to `limit` matching messages, newest first, starting after the cursor `after`.
    pub(crate) fn page(&self, filter: &Filter, limit: usize, after: Option<&str>) -> Page {
        let start = after.and_then(parse_cursor);
        let matching = self.messages.iter().rev().filter(|m| filter.matches(m));
        let total = matching.clone().count();
        let mut rest = matching.skip_while(|m| start.is_some_and(|key| (m.created, m.seq) >= key));
        let messages: Vec<Message> = rest.by_ref().take(limit).cloned().collect();
        let next = match (messages.last(), rest.next()) {
            (Some(last), Some(_)) => Some(cursor(last)),
            _ => None,
        };
        Page {
            total,
            messages,
            next,
        }
    }

    pub(crate) fn find(&self, id: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.has_id(id))
    }

    /// Applies `change` to the message `id`; `None` when there is no such message, else the
    /// message's tenant.
    pub(crate) fn change(
        &mut self,
        id: &str,
        change: MessageChange,
        now: Millis,
    ) -> Option<Option<Box<str>>> {
        let message = self.messages.iter_mut().find(|m| m.has_id(id))?;
        match change {
            MessageChange::Read => message.read.set_once(now),
            MessageChange::Unread => message.read.clear(),
            MessageChange::Opened => message.opened.set_once(now),
            MessageChange::Archive => message.archived.set_once(now),
            MessageChange::Unarchive => message.archived.clear(),
            // A click is recorded by Courier's tracking, not in the message.
            MessageChange::Clicked => {}
        }
        Some(message.tenant.clone())
    }

    /// Applies `change` to every message, or to those with any of `tags` when there are some
    /// (the v7 Inbox's `markAllRead(params: {tags})`).
    pub(crate) fn change_all(&mut self, change: InboxChange, tags: &[String], now: Millis) {
        let tagged = |message: &Message| {
            tags.is_empty()
                || message
                    .tags()
                    .iter()
                    .any(|tag| tags.iter().any(|t| **t == **tag))
        };
        for message in self.messages.iter_mut().filter(|m| tagged(m)) {
            match change {
                InboxChange::MarkAllRead => message.read.set_once(now),
                InboxChange::ArchiveRead if message.read.is_set() => message.archived.set_once(now),
                InboxChange::ArchiveRead => {}
                InboxChange::ArchiveAll => message.archived.set_once(now),
            }
        }
    }

    pub(crate) fn shrink(&mut self) {
        self.messages.shrink_to_fit();
    }

    pub(crate) fn len(&self) -> usize {
        self.messages.len()
    }

    /// Every message, oldest first, whatever its tenant or state.
    pub(crate) fn all(&self) -> &[Message] {
        &self.messages
    }
}

/// The cursor naming a message's place: `created` and arrival, as text.
fn cursor(message: &Message) -> String {
    format!("{}.{}", message.created, message.seq)
}

fn parse_cursor(text: &str) -> Option<(Millis, u64)> {
    let (created, seq) = text.split_once('.')?;
    Some((created.parse().ok()?, seq.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::message_texts::MessageTexts;

    fn message(seq: u64, tenant: Option<&str>, tags: &[&str]) -> Message {
        Message {
            id: Some(format!("m{seq}").into()),
            seq,
            tenant: tenant.map(Box::from),
            texts: MessageTexts::default(),
            extras: Some(Box::new(Extras {
                tags: tags.iter().map(|t| Box::from(*t)).collect(),
                ..Extras::default()
            })),
            created: 1_000 * seq as i64,
            read: Stamp::default(),
            archived: Stamp::default(),
            opened: Stamp::default(),
        }
    }

    #[test]
    fn filters_pages_and_changes_as_courier_does() {
        let mut inbox = Inbox::default();
        for seq in 1..=5 {
            inbox.insert(message(
                seq,
                None,
                if seq % 2 == 0 { &["a"] } else { &["b"] },
            ));
        }
        inbox.insert(message(6, Some("acme"), &[]));
        let all = Filter::default();
        assert_eq!(inbox.count(&all), 5);
        let acme = Filter {
            tenant: Some("acme".into()),
            ..Filter::default()
        };
        assert_eq!(inbox.count(&acme), 1);
        let tagged = Filter {
            tags: vec!["a".into(), "z".into()],
            ..Filter::default()
        };
        assert_eq!(inbox.count(&tagged), 2);

        let first = inbox.page(&all, 2, None);
        assert_eq!((first.total, first.messages.len()), (5, 2));
        assert_eq!(first.messages[0].id(), "m5");
        let second = inbox.page(&all, 2, first.next.as_deref());
        assert_eq!(second.messages[0].id(), "m3");
        let last = inbox.page(&all, 2, second.next.as_deref());
        assert_eq!((last.messages.len(), last.next), (1, None));

        inbox.change("m5", MessageChange::Read, 9).unwrap();
        let unread = Filter {
            status: Some(ReadStatus::Unread),
            ..Filter::default()
        };
        assert_eq!(inbox.count(&unread), 4);
        inbox.change_all(InboxChange::ArchiveRead, &[], 10);
        assert_eq!(inbox.count(&all), 4);
        assert_eq!(
            inbox.count(&Filter {
                archived: true,
                ..Filter::default()
            }),
            1
        );
        assert!(inbox.change("nope", MessageChange::Read, 0).is_none());
    }
}
