//! `GET /__serve/wait`: answers as soon as something a test needs is true, instead of the test
//! sleeping. `?subscribed=USER`: that user has a socket whose `subscribe` serve has taken (any
//! protocol) — from then on a message sent to the user is pushed to it; courier-js gives app
//! code no way to see its `ack`, so without this a test that sends right after
//! `socket.connect()` races the subscription. `?messages=USER&count=N`: the user's inbox holds
//! at least N messages. `&timeout=5s` (default 5s, at most 5m): 408 when it passes first.
//! It looks again on every change the workspace announces; nothing polls.

use std::collections::HashMap;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tokio::sync::watch;

use super::super::error_bodies::ErrorBody;
use super::super::responses::invalid_request;
use super::super::state::Workspace;
use super::shapes::WaitAnswer;
use crate::duration::parse_length;

/// How long a wait lasts unless `timeout` says.
pub(crate) const DEFAULT_WAIT: Duration = Duration::from_secs(5);
/// The longest `timeout` taken.
pub(crate) const MAX_WAIT: Duration = Duration::from_secs(300);

/// What a wait waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Condition {
    Subscribed(String),
    Messages { user: String, count: usize },
}

impl Condition {
    fn read(params: &HashMap<String, String>) -> Result<(Self, Duration), String> {
        let timeout = match params.get("timeout") {
            None => DEFAULT_WAIT,
            Some(text) => parse_length(text)
                .ok()
                .filter(|timeout| *timeout <= MAX_WAIT)
                .ok_or_else(|| {
                    format!("timeout {text:?} is not a duration up to 5m, such as 5s")
                })?,
        };
        let known = ["subscribed", "messages", "count", "timeout"];
        if let Some(unknown) = params.keys().find(|key| !known.contains(&key.as_str())) {
            return Err(format!("unknown parameter {unknown:?}; wait for ?subscribed=USER or ?messages=USER&count=N"));
        }
        let condition = match (params.get("subscribed"), params.get("messages")) {
            (Some(user), None) if !params.contains_key("count") => Self::Subscribed(user.clone()),
            (None, Some(user)) => {
                let count = params.get("count").map_or(Ok(1), |count| {
                    count
                        .parse()
                        .map_err(|_| format!("count {count:?} is not a whole number"))
                })?;
                Self::Messages {
                    user: user.clone(),
                    count,
                }
            }
            _ => {
                return Err("wait for one thing: ?subscribed=USER or ?messages=USER&count=N".into())
            }
        };
        Ok((condition, timeout))
    }

    /// Whether it holds now, and what was seen.
    fn check<'a>(&'a self, workspace: &Workspace) -> (bool, WaitAnswer<'a>) {
        match self {
            Self::Subscribed(user) => {
                let subscribed = workspace.is_subscribed(user);
                let seen = WaitAnswer {
                    subscribed: Some(subscribed),
                    ..WaitAnswer::user(user)
                };
                (subscribed, seen)
            }
            Self::Messages { user, count } => {
                let held = workspace.holds(user);
                let seen = WaitAnswer {
                    messages: Some(held),
                    ..WaitAnswer::user(user)
                };
                (held >= *count, seen)
            }
        }
    }
}

/// Waits for what `params` asks, until it holds, the timeout passes or serve stops.
pub(crate) async fn wait(
    workspace: &Workspace,
    params: &HashMap<String, String>,
    mut stopping: watch::Receiver<bool>,
) -> Response {
    let (condition, timeout) = match Condition::read(params) {
        Ok(read) => read,
        Err(message) => return invalid_request(&message),
    };
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let changed = workspace.changed().notified();
        tokio::pin!(changed);
        // Registered before looking: a change between the look and the await still wakes it.
        changed.as_mut().enable();
        let (holds, seen) = condition.check(workspace);
        if holds {
            return Json(seen).into_response();
        }
        tokio::select! {
            () = changed => {}
            () = tokio::time::sleep_until(deadline) => {
                let mut body = seen;
                body.message = Some(format!("not within {}s", timeout.as_secs_f64()));
                body.kind = Some("timeout");
                return (StatusCode::REQUEST_TIMEOUT, Json(body)).into_response();
            }
            _ = stopping.changed() => {
                return (StatusCode::SERVICE_UNAVAILABLE, Json(ErrorBody { message: "serve is stopping", kind: "api_error" })).into_response();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn conditions_are_read_or_refused() {
        assert_eq!(
            Condition::read(&params(&[("subscribed", "alice")])),
            Ok((Condition::Subscribed("alice".into()), DEFAULT_WAIT))
        );
        assert_eq!(
            Condition::read(&params(&[
                ("messages", "bob"),
                ("count", "3"),
                ("timeout", "2s")
            ])),
            Ok((
                Condition::Messages {
                    user: "bob".into(),
                    count: 3
                },
                Duration::from_secs(2)
            ))
        );
        for bad in [
            params(&[]),
            params(&[("subscribed", "a"), ("messages", "b")]),
            params(&[("subscribed", "a"), ("timeout", "1h")]),
            params(&[("messages", "a"), ("count", "many")]),
            params(&[("subscribed", "a"), ("user", "b")]),
        ] {
            assert!(Condition::read(&bad).is_err(), "{bad:?}");
        }
    }
}
