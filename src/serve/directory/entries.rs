//! The directory's entries: a user's preference choice and a topic as one user sees it, and
//! what became of one message of a send (delivered to an inbox, or not and why: an unknown
//! template, routing without the Inbox, a tenant without members) in the statuses Courier's
//! message API uses, with its JSON.

use super::shapes::SendRecordJson;

use super::super::message::{iso, Millis};
use super::super::workspace_file::{Channel, TopicStatus};

/// What a user chose for a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) status: TopicStatus,
    pub(crate) has_custom_routing: bool,
    pub(crate) routing: Vec<Channel>,
    pub(crate) digest_schedule: Option<String>,
}

/// A topic as one user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TopicView {
    pub(crate) topic_id: String,
    pub(crate) topic_name: String,
    pub(crate) section_id: String,
    pub(crate) section_name: String,
    pub(crate) default_status: TopicStatus,
    pub(crate) status: TopicStatus,
    pub(crate) has_custom_routing: bool,
    pub(crate) routing: Vec<Channel>,
    pub(crate) digest_schedule: Option<String>,
}

/// Courier's message statuses that serve gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SendStatus {
    /// In the recipient's inbox.
    Delivered,
    /// No template by the id the send named.
    Unmapped,
    /// The send's routing names no channel serve delivers to (the Inbox).
    Unroutable,
    /// No one to deliver to (a tenant without members).
    Undeliverable,
}

impl SendStatus {
    pub(crate) fn name(self) -> &'static str {
        match self {
            SendStatus::Delivered => "DELIVERED",
            SendStatus::Unmapped => "UNMAPPED",
            SendStatus::Unroutable => "UNROUTABLE",
            SendStatus::Undeliverable => "UNDELIVERABLE",
        }
    }
}

/// One message of a send.
#[derive(Debug, Clone)]
pub(crate) struct SendRecord {
    pub(crate) request_id: Box<str>,
    pub(crate) recipient: Option<Box<str>>,
    pub(crate) tenant: Option<Box<str>>,
    pub(crate) template: Option<Box<str>>,
    pub(crate) status: SendStatus,
    /// Why it was not delivered.
    pub(crate) reason: Option<Box<str>>,
    pub(crate) enqueued: Millis,
    pub(crate) tags: Vec<Box<str>>,
}

impl SendRecord {
    /// The record in the shape of Courier's `GET /messages/{id}`.
    pub(crate) fn to_json(&self, id: &str) -> SendRecordJson {
        let delivered = self.status == SendStatus::Delivered;
        let text = |text: &Option<Box<str>>| text.as_deref().map(str::to_string);
        SendRecordJson {
            id: id.to_string(),
            request_id: self.request_id.to_string(),
            status: self.status.name(),
            recipient: text(&self.recipient),
            tenant: text(&self.tenant),
            notification: text(&self.template),
            enqueued: self.enqueued,
            sent: delivered.then_some(self.enqueued),
            delivered: delivered.then_some(self.enqueued),
            enqueued_at: iso(self.enqueued),
            error: text(&self.reason),
            reason: (!delivered).then(|| self.status.name()),
            tags: self.tags.iter().map(|tag| tag.to_string()).collect(),
            opened: None,
        }
    }
}
