//! `GET /__serve/console/events`: server-sent events that tell the page what to load again.
//! First `ready` (connected: load everything), then `changed` with the topics that changed
//! since the last event (`inbox`, `requests`, space-separated), folded so a burst is one event.
//! The stream ends when serve stops, so stopping never waits on an open page.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::watch;

use crate::serve::app::App;
use crate::serve::changes::{changed_between, Revisions};

/// One page's place in the changes.
struct Listener {
    changes: watch::Receiver<Revisions>,
    seen: Option<Revisions>,
    stopping: watch::Receiver<bool>,
}

pub(crate) async fn events(
    State(app): State<Arc<App>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let listener = Listener {
        changes: app.workspace.changes.subscribe(),
        seen: None,
        stopping: app.stopping.clone(),
    };
    Sse::new(stream::unfold(listener, next_event)).keep_alive(KeepAlive::default())
}

async fn next_event(mut listener: Listener) -> Option<(Result<Event, Infallible>, Listener)> {
    let Some(seen) = listener.seen else {
        listener.seen = Some(*listener.changes.borrow_and_update());
        return Some((Ok(Event::default().event("ready").data("all")), listener));
    };
    let stopped = tokio::select! {
        changed = listener.changes.changed() => changed.is_err(),
        _ = listener.stopping.wait_for(|stopping| *stopping) => true,
    };
    if stopped {
        return None;
    }
    let now = *listener.changes.borrow_and_update();
    listener.seen = Some(now);
    let topics: Vec<&str> = changed_between(&seen, &now)
        .into_iter()
        .map(|topic| topic.name())
        .collect();
    let event = Event::default().event("changed").data(topics.join(" "));
    Some((Ok(event), listener))
}
