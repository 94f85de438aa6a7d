//! The workspace `serve` plays, as one value every handler shares (tokio-rs/mini-redis's
//! `db.rs`): the inboxes, one per user, behind one mutex that is never held across an await;
//! for each user with an open socket, a broadcast channel that carries what changed, so a
//! change made through any connection reaches every socket of that user; the clock (`now`'s:
//! the system's or `--now` pinned, moved by `/__serve/clock`); and a notifier that wakes
//! `/__serve/wait` on every change. Every change goes through here, so none is lost between
//! concurrent connections and none goes unannounced.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use tokio::sync::{broadcast, Notify};

use super::changes::{Changes, Topic};
use super::directory::Directory;
use super::inbox::{Filter, Inbox, InboxChange, MessageChange, Page};
use super::message::{Message, Millis, NewMessage};
use super::now::ServeClock;
use super::render::message_json;
use super::urls::{path_segment, TRACKING_PREFIX};
use crate::wire::inbox_push::InboxPush;
use crate::wire::socket::InboxEvent;

/// How many pushes a slow socket may fall behind before it misses some.
const LIVE_BACKLOG: usize = 256;

/// What a socket is told: the JSON text to send, the tenant it concerns (a socket subscribed
/// with an `accountId` hears only that tenant's messages) and the connection that caused it
/// (courier-js's `x-courier-client-source-id`, which is not told its own change back).
#[derive(Debug, Clone)]
pub(crate) struct Push {
    pub(crate) json: Arc<str>,
    /// `Some(tenant)`: about one message, of that tenant or of none; `None`: the whole inbox.
    pub(crate) tenant: Option<Option<Box<str>>>,
    pub(crate) source: Option<Arc<str>>,
}

#[derive(Default)]
struct User {
    inbox: Inbox,
    live: Option<broadcast::Sender<Push>>,
}

/// The workspace: every user's inbox and live channel.
pub(crate) struct Workspace {
    users: Mutex<HashMap<Box<str>, User>>,
    next_seq: AtomicU64,
    clock: ServeClock,
    /// Woken on every change (a message, a subscription): `/__serve/wait` looks again.
    changed: Notify,
    /// Told of every change, for serve's console.
    pub(crate) changes: Changes,
    /// Tenants, preferences, brands, templates, device tokens, send records.
    pub(crate) directory: Directory,
    /// `http://<address>` once serve listens: where a message's tracking URL points.
    base_url: OnceLock<Box<str>>,
}

impl Workspace {
    pub(crate) fn new(pinned_now: Option<i64>) -> Self {
        Self {
            users: Mutex::new(HashMap::new()),
            next_seq: AtomicU64::new(1),
            clock: ServeClock::new(pinned_now),
            changed: Notify::new(),
            changes: Changes::default(),
            directory: Directory::default(),
            base_url: OnceLock::new(),
        }
    }

    /// Where serve listens, for tracking URLs (set once, when it listens).
    pub(crate) fn set_base_url(&self, base: String) {
        let _ = self.base_url.set(base.into());
    }

    /// The message's tracking URL, `<base>/t/<message id>` (the mobile SDKs POST `{event}` to
    /// a push's `trackingUrl`; `tracking` answers it).
    pub(crate) fn tracking_url(&self, message_id: &str) -> Option<String> {
        let base = self.base_url.get()?;
        Some(format!(
            "{base}{TRACKING_PREFIX}{}",
            path_segment(message_id)
        ))
    }

    /// The user whose inbox holds message `id`.
    pub(crate) fn owner_of(&self, id: &str) -> Option<String> {
        let users = self.users();
        users
            .iter()
            .find(|(_, user)| user.inbox.find(id).is_some())
            .map(|(user_id, _)| user_id.to_string())
    }

    /// Now, in Unix milliseconds: serve's clock, which `/__serve/clock` moves.
    pub(crate) fn now(&self) -> Millis {
        self.clock.now()
    }

    pub(crate) fn clock(&self) -> &ServeClock {
        &self.clock
    }

    /// Resolves at the next change (create it before looking, so none is missed).
    pub(crate) fn changed(&self) -> &Notify {
        &self.changed
    }

    /// Whether `user_id` has a socket subscribed right now (pushes reach it).
    pub(crate) fn is_subscribed(&self, user_id: &str) -> bool {
        self.users()
            .get(user_id)
            .and_then(|user| user.live.as_ref())
            .is_some_and(|live| live.receiver_count() > 0)
    }

    /// How many messages `user_id`'s inbox holds, archived ones included.
    pub(crate) fn holds(&self, user_id: &str) -> usize {
        self.users().get(user_id).map_or(0, |user| user.inbox.len())
    }

    /// Now, in Unix seconds (for tokens).
    pub(crate) fn now_seconds(&self) -> i64 {
        self.now().div_euclid(1000)
    }

    fn users(&self) -> MutexGuard<'_, HashMap<Box<str>, User>> {
        // A panic while holding the lock leaves plain data behind: keep serving it.
        self.users
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds a message to its user's inbox and tells their sockets; returns its id.
    pub(crate) fn add(&self, new: NewMessage) -> String {
        // An id given as `msg_<n>` (an exported workspace read back) is never made again.
        if let Some(taken) = new.id.as_deref().and_then(|id| id.strip_prefix("msg_")) {
            if let Ok(taken) = taken.parse::<u64>() {
                self.next_seq
                    .fetch_max(taken.saturating_add(1), Ordering::Relaxed);
            }
        }
        let seq = self.next_seq.fetch_add(1, Ordering::Relaxed);
        let mut message = new.message;
        message.seq = seq;
        message.created = new.created.unwrap_or_else(|| self.now());
        message.id = new.id.map(Box::from);
        let id = message.id().into_owned();
        let mut users = self.users();
        let user = users.entry(Box::from(new.user_id.as_str())).or_default();
        if user.live.is_some() {
            let mut data = message_json(&message);
            data.tracking_url = self.tracking_url(&id);
            let push = InboxPush {
                event: InboxEvent::NewMessage,
                message_id: None,
                data: Some(data),
            };
            announce(user, push.to_text(), Some(message.tenant.clone()), None);
        }
        user.inbox.insert(message);
        drop(users);
        self.changed.notify_waiters();
        self.changes.notify(Topic::Inbox);
        id
    }

    pub(crate) fn count(&self, user_id: &str, filter: &Filter) -> usize {
        self.users()
            .get(user_id)
            .map_or(0, |user| user.inbox.count(filter))
    }

    pub(crate) fn page(
        &self,
        user_id: &str,
        filter: &Filter,
        limit: usize,
        after: Option<&str>,
    ) -> Page {
        self.users()
            .get(user_id)
            .map(|user| user.inbox.page(filter, limit, after))
            .unwrap_or_default()
    }

    pub(crate) fn find(&self, user_id: &str, id: &str) -> Option<Message> {
        self.users().get(user_id)?.inbox.find(id).cloned()
    }

    /// Changes one message; false when the user has no message `id`.
    pub(crate) fn change(
        &self,
        user_id: &str,
        id: &str,
        change: MessageChange,
        source: Option<&str>,
    ) -> bool {
        let now = self.now();
        let mut users = self.users();
        let Some(user) = users.get_mut(user_id) else {
            return false;
        };
        let Some(tenant) = user.inbox.change(id, change, now) else {
            return false;
        };
        let push: InboxPush = InboxPush {
            event: change.event(),
            message_id: Some(id.to_string()),
            data: None,
        };
        announce(user, push.to_text(), Some(tenant), source);
        drop(users);
        self.changes.notify(Topic::Inbox);
        true
    }

    /// Changes every message of the user's inbox.
    pub(crate) fn change_all(
        &self,
        user_id: &str,
        change: InboxChange,
        tags: &[String],
        source: Option<&str>,
    ) {
        let now = self.now();
        let mut users = self.users();
        if let Some(user) = users.get_mut(user_id) {
            user.inbox.change_all(change, tags, now);
            let push: InboxPush = InboxPush {
                event: change.event(),
                message_id: None,
                data: None,
            };
            announce(user, push.to_text(), None, source);
            drop(users);
            self.changes.notify(Topic::Inbox);
        }
    }

    /// A receiver of everything that happens to the user's inbox from now on.
    pub(crate) fn subscribe(&self, user_id: &str) -> broadcast::Receiver<Push> {
        let mut users = self.users();
        let user = users.entry(Box::from(user_id)).or_default();
        let receiver = match &user.live {
            Some(sender) => sender.subscribe(),
            None => {
                let (sender, receiver) = broadcast::channel(LIVE_BACKLOG);
                user.live = Some(sender);
                receiver
            }
        };
        drop(users);
        self.changed.notify_waiters();
        receiver
    }

    /// Empties every inbox (open sockets stay open) and puts the directory back as the
    /// workspace file had it; returns how many messages went.
    pub(crate) fn reset(&self) -> usize {
        self.directory.reset();
        let mut users = self.users();
        let removed = users.values().map(|user| user.inbox.len()).sum();
        users.retain(|_, user| user.live.is_some());
        for user in users.values_mut() {
            user.inbox = Inbox::default();
        }
        drop(users);
        self.changes.notify(Topic::Inbox);
        removed
    }

    /// Calls `visit` with every user's id and inbox, under the lock (serve's console lists
    /// them; keep `visit` short).
    pub(crate) fn each_inbox(&self, mut visit: impl FnMut(&str, &Inbox)) {
        for (user_id, user) in self.users().iter() {
            visit(user_id, &user.inbox);
        }
    }

    /// Gives back the room the inboxes grew into while they were loaded.
    pub(crate) fn shrink(&self) {
        let mut users = self.users();
        users.shrink_to_fit();
        for user in users.values_mut() {
            user.inbox.shrink();
        }
    }

    /// How many messages and users are held.
    pub(crate) fn size(&self) -> (usize, usize) {
        let users = self.users();
        (
            users.values().map(|user| user.inbox.len()).sum(),
            users.len(),
        )
    }
}

/// Sends `json` to the user's sockets, dropping the channel once nobody listens.
fn announce(user: &mut User, json: String, tenant: Option<Option<Box<str>>>, source: Option<&str>) {
    let Some(sender) = &user.live else { return };
    let push = Push {
        json: json.into(),
        tenant,
        source: source.map(Arc::from),
    };
    if sender.send(push).is_err() {
        user.live = None;
    }
}
