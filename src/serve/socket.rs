//! The realtime socket as courier-js 3.x opens it (`?auth=<token>&cid=…&iwpv=v1&userId=…`):
//! authenticated at the upgrade like a query (a refusal is an HTTP 401 before any upgrade), then
//! `get-config` → `config`, `subscribe` → `ack` (the authenticated user's channel only), `ping`
//! → `pong`, and every change to the user's inbox pushed as it happens — a new message as
//! `{"event":"message","data":…}`, a change as `{"event":"read","messageId":…}` — except to the
//! connection that made it. The socket closes when the server stops.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message as Frame, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use futures_util::StreamExt;
use tokio::sync::{broadcast, OwnedSemaphorePermit};

use super::app::App;
use super::auth::{Credentials, Decision, Need};
use super::control::faults::SocketFault;
use super::control::journal::Entry;
use super::legacy_socket::{self as legacy, Legacy};
use super::log;
use super::responses::{error, for_user, refusal};
use super::socket_limits;
use super::state::Push;
use crate::wire::socket as wire;
use crate::wire::socket_messages::{
    ClientAction, ClientMessage, ReconnectMessage, ResponseData, ResponseKind, ServerEvent,
    ServerMessage,
};

pub(crate) async fn socket(
    State(app): State<Arc<App>>,
    Query(params): Query<HashMap<String, String>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let legacy = !params.contains_key(wire::PARAM_PROTOCOL_VERSION);
    let credentials = Credentials {
        bearer: params.get(wire::PARAM_AUTH).map(String::as_str),
        user_id: params.get(wire::PARAM_USER_ID).map(String::as_str),
        ..Credentials::default()
    };
    let what = "GET / (realtime)";
    if let (true, None, Some(client_key)) = (
        legacy,
        credentials.bearer,
        params.get(wire::PARAM_CLIENT_KEY),
    ) {
        // The older protocol with a client key: the user and its signature come with `subscribe`,
        // which must come within socket_limits' deadline; what can be checked now is.
        if let Some(why) = app.authority.refuse_client_key_upgrade(client_key) {
            log::refused(&app, what, None, &why);
            return refusal(&why, None);
        }
        let connection = Connection {
            user_id: String::new(),
            empty: false,
            cid: None,
            legacy: Some(Legacy {
                client_key: Some(client_key.clone()),
            }),
        };
        return upgraded(&app, upgrade, connection);
    }
    match app
        .authority
        .decide(&credentials, Need::Read, app.workspace.now_seconds())
    {
        Decision::Refuse(why) => {
            log::refused(&app, what, credentials.user_id, &why);
            refusal(&why, credentials.user_id)
        }
        Decision::Serve { access, finding } => {
            if let Some(finding) = &finding {
                log::finding(&app, what, &access.user_id, finding);
            }
            let connection = Connection {
                user_id: access.user_id,
                empty: access.empty,
                cid: params.get(wire::PARAM_CONNECTION_ID).cloned(),
                legacy: legacy.then_some(Legacy { client_key: None }),
            };
            upgraded(&app, upgrade, connection)
        }
    }
}

/// Upgrades to a socket that holds a socket permit while it is open (and, until it is
/// authenticated, one of the few for unauthenticated sockets), with the message size and
/// write buffer limits of [`limits`].
fn upgraded(app: &Arc<App>, upgrade: WebSocketUpgrade, connection: Connection) -> Response {
    let too_many = || {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            "api_error",
            "too many realtime sockets are open: close some, or try again later",
        )
    };
    let Ok(permit) = Arc::clone(&app.sockets).try_acquire_owned() else {
        return too_many();
    };
    let unauthenticated = if connection.user_id.is_empty() {
        match Arc::clone(&app.unauthenticated_sockets).try_acquire_owned() {
            Ok(permit) => Some(permit),
            Err(_) => return too_many(),
        }
    } else {
        None
    };
    let user_id = connection.user_id.clone();
    let app = Arc::clone(app);
    let response = socket_limits::configured(upgrade).on_upgrade(move |socket| async move {
        run(socket, app, connection, unauthenticated).await;
        drop(permit);
    });
    for_user(response, &user_id)
}

struct Connection {
    /// Empty until a legacy client-key socket subscribes.
    user_id: String,
    /// The token lacks the read scope: subscribe, but hear nothing.
    empty: bool,
    cid: Option<String>,
    /// `Some`: the older protocol of the v7 and mobile SDKs.
    legacy: Option<Legacy>,
}

/// What a subscription hears: the user's changes, for one tenant or for none.
struct Subscription {
    live: broadcast::Receiver<Push>,
    tenant: Option<String>,
}

async fn run(
    socket: WebSocket,
    app: Arc<App>,
    mut connection: Connection,
    mut unauthenticated: Option<OwnedSemaphorePermit>,
) {
    let (mut sink, mut stream) = socket.split();
    let mut stopping = app.stopping.clone();
    let mut subscription: Option<Subscription> = None;
    let mut faults = app.control.faults.socket_faults();
    let authentication_deadline = tokio::time::sleep(socket_limits::AUTHENTICATION_DEADLINE);
    tokio::pin!(authentication_deadline);
    loop {
        let pushed = async {
            match &mut subscription {
                Some(subscription) => Some(subscription.live.recv().await),
                None => std::future::pending().await,
            }
        };
        let unauthenticated_too_long = async {
            match unauthenticated {
                Some(_) => authentication_deadline.as_mut().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            frame = stream.next() => {
                let text = match frame {
                    Some(Ok(Frame::Text(text))) => text,
                    Some(Ok(Frame::Close(_))) | Some(Err(_)) | None => break,
                    // A ping's pong is queued: wait for the client to take it (a client that
                    // pings and never reads is closed, not buffered for).
                    Some(Ok(Frame::Ping(_))) => {
                        if !socket_limits::flushed(&mut sink).await {
                            break;
                        }
                        continue;
                    }
                    Some(Ok(_)) => continue,
                };
                let (reply, subscribe) = match &connection.legacy {
                    Some(legacy) => legacy::answer(&text, &app, &mut connection.user_id, legacy),
                    None => answer(&text, &connection).map_or((None, None), |(reply, tenant)| (Some(reply.to_text()), tenant)),
                };
                if !connection.user_id.is_empty() {
                    unauthenticated = None;
                }
                if let Some(tenant) = subscribe {
                    if !connection.empty {
                        subscription = Some(Subscription { live: app.workspace.subscribe(&connection.user_id), tenant });
                    }
                    app.journal(Entry::socket("subscribe", &connection.user_id));
                }
                if let Some(reply) = reply {
                    if !socket_limits::sent(&mut sink, Frame::Text(reply.into())).await {
                        break;
                    }
                }
            }
            Some(pushed) = pushed => match pushed {
                Ok(push) if wanted(&push, subscription.as_ref(), connection.cid.as_deref()) => {
                    let text = match connection.legacy {
                        Some(_) => legacy::push(&push.json),
                        None => push.json.to_string(),
                    };
                    if !socket_limits::sent(&mut sink, Frame::Text(text.into())).await {
                        break;
                    }
                }
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => subscription = None,
            },
            Ok(fault) = faults.recv() => {
                let Some(frame) = fault_frame(fault, &app, &connection) else { continue };
                let closing = matches!(frame, Frame::Close(_));
                if !socket_limits::sent(&mut sink, frame).await || closing {
                    break;
                }
            }
            () = unauthenticated_too_long => {
                let _ = socket_limits::sent(&mut sink, socket_limits::unauthenticated_close()).await;
                break;
            }
            _ = stopping.changed() => {
                let _ = socket_limits::sent(&mut sink, Frame::Close(None)).await;
                break;
            }
        }
    }
}

/// What an injected socket fault sends (journaled): courier-js's `reconnect` message (not to
/// the older protocol, which has none), or a close with the code asked.
fn fault_frame(fault: SocketFault, app: &App, connection: &Connection) -> Option<Frame> {
    let (event, note, frame) = match fault {
        SocketFault::Reconnect { retry_after_ms } if connection.legacy.is_none() => (
            "reconnect",
            format!("socket reconnect retry_after_ms {retry_after_ms}"),
            Frame::Text(
                ReconnectMessage {
                    event: ServerEvent::Reconnect,
                    message: "a fault injected by POST /__serve/faults".into(),
                    retry_after: retry_after_ms as f64 / 1000.0,
                    code: wire::CLOSE_NORMAL,
                }
                .to_text()
                .into(),
            ),
        ),
        SocketFault::Reconnect { .. } => return None,
        SocketFault::Close { code } => (
            "close",
            format!("socket close {code}"),
            Frame::Close(Some(CloseFrame {
                code,
                reason: "a fault injected by POST /__serve/faults".into(),
            })),
        ),
    };
    let mut entry = Entry::socket(event, &connection.user_id);
    entry.fault = Some(note);
    app.journal(entry);
    Some(frame)
}

/// The reply to one client message, and for a `subscribe` the tenant it asks for (`Some`).
fn answer(text: &str, connection: &Connection) -> Option<(ServerMessage, Option<Option<String>>)> {
    let message = ClientMessage::parse(text)?;
    let tid = message.tid;
    match message.action {
        ClientAction::GetConfig => Some((
            ServerMessage::answer(
                tid,
                ResponseKind::Config,
                Some(ResponseData::Config {
                    ping_interval: wire::DEFAULT_PING_INTERVAL_SECONDS,
                    max_outstanding_pings: wire::DEFAULT_MAX_OUTSTANDING_PINGS,
                }),
            ),
            None,
        )),
        ClientAction::Subscribe => {
            let data = message.data.unwrap_or_default();
            if let Some(channel) = data
                .channel
                .filter(|channel| *channel != connection.user_id)
            {
                let refused = format!(
                    "this connection is for user {}, not {channel}",
                    connection.user_id,
                );
                return Some((
                    ServerMessage::answer(
                        tid,
                        ResponseKind::Error,
                        Some(ResponseData::Error { message: refused }),
                    ),
                    None,
                ));
            }
            Some((
                ServerMessage::answer(tid, ResponseKind::Ack, None),
                Some(data.account_id),
            ))
        }
        ClientAction::Ping => Some((ServerMessage::answer(tid, ResponseKind::Pong, None), None)),
        _ => None,
    }
}

/// Whether a subscription wants a push: not one this connection caused, and about its tenant
/// (or about the whole inbox).
fn wanted(push: &Push, subscription: Option<&Subscription>, cid: Option<&str>) -> bool {
    let Some(subscription) = subscription else {
        return false;
    };
    if cid.is_some() && push.source.as_deref() == cid {
        return false;
    }
    match &push.tenant {
        None => true,
        Some(tenant) => tenant.as_deref() == subscription.tenant.as_deref(),
    }
}
