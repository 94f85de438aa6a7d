//! What keeps a realtime socket from costing serve more than a socket should: messages of at
//! most 64 KiB (Courier's are a few hundred bytes), a small write buffer, every write and every
//! pong taken by the client within a deadline (a client that does not read is closed, not
//! buffered for), and a deadline for a socket that opened without credentials (the older
//! protocol's `?clientKey=` socket, whose user and signature come with `subscribe`) to
//! authenticate. How many sockets may be open is `app`'s.

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message as Frame, WebSocket, WebSocketUpgrade};
use futures_util::stream::SplitSink;
use futures_util::SinkExt;

use super::app::MAX_BODY_BYTES;

/// The largest message (and frame) a client may send.
pub(crate) const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// The most that may wait unsent for a client: one push of the largest message `/send` takes
/// (a 1 MiB body, escaped). Every write waits for the client, so no more than one frame waits.
const MAX_WRITE_BUFFER_BYTES: usize = 4 * MAX_BODY_BYTES;
/// How long the client has to take a write (a reply, a push, a pong) before it is closed.
pub(crate) const WRITE_DEADLINE: Duration = Duration::from_secs(10);
/// How long a socket opened without credentials has to authenticate with `subscribe`.
pub(crate) const AUTHENTICATION_DEADLINE: Duration = Duration::from_secs(10);
/// The close code for a socket that broke the policy (RFC 6455 1008).
const POLICY_VIOLATION: u16 = 1008;

/// `upgrade` with the message size and write buffer limits.
pub(crate) fn configured(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .write_buffer_size(0)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES)
}

/// Sends `frame`; false when the client did not take it within [`WRITE_DEADLINE`] or is gone.
pub(crate) async fn sent(sink: &mut SplitSink<WebSocket, Frame>, frame: Frame) -> bool {
    matches!(
        tokio::time::timeout(WRITE_DEADLINE, sink.send(frame)).await,
        Ok(Ok(()))
    )
}

/// Flushes what is queued (a pong); false when the client did not take it in time.
pub(crate) async fn flushed(sink: &mut SplitSink<WebSocket, Frame>) -> bool {
    matches!(
        tokio::time::timeout(WRITE_DEADLINE, sink.flush()).await,
        Ok(Ok(()))
    )
}

/// The close frame for a socket that did not authenticate in time.
pub(crate) fn unauthenticated_close() -> Frame {
    Frame::Close(Some(CloseFrame {
        code: POLICY_VIOLATION,
        reason: "no subscribe with credentials within 10 s".into(),
    }))
}
