//! What `/__serve/` answers, as types, field for field in the order the man page's SERVE
//! section and the tests read them: a journal entry (optional members absent rather than
//! `null`), the clock, the standing faults, a wait's outcome. The data is the concern modules';
//! the shapes are here.

use serde::Serialize;

use super::super::message::iso;
use super::super::now::ServeClock;

/// One journal entry: `{"seq","time","method","path","user","status"}`, then `duration_ms`,
/// `operation`, `event`, `fault`, `code` and `reason` when they apply.
#[derive(Debug, Serialize)]
pub(crate) struct EntryJson {
    pub(crate) seq: u64,
    pub(crate) time: String,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) user: Option<String>,
    pub(crate) status: Option<u16>,
    /// Milliseconds to one decimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) duration_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) operation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) event: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) fault: Option<String>,
    /// A refusal's reason code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) code: Option<&'static str>,
    /// A refusal's sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
}

/// The clock: `{"now", "unix", "pinned", "offset_ms"}`.
#[derive(Serialize)]
pub(crate) struct ClockJson {
    now: String,
    unix: i64,
    pinned: bool,
    offset_ms: i64,
}

impl ClockJson {
    pub(crate) fn of(clock: &ServeClock) -> Self {
        let now = clock.now();
        ClockJson {
            now: iso(now),
            unix: now.div_euclid(1000),
            pinned: clock.is_pinned(),
            offset_ms: clock.offset(),
        }
    }
}

/// The faults that stand: `{"latency_ms","error_rate","status","upgrade"}`, `null` when unset.
#[derive(Serialize)]
pub(crate) struct StandingJson {
    pub(crate) latency_ms: Option<u64>,
    pub(crate) error_rate: Option<f64>,
    pub(crate) status: Option<u16>,
    pub(crate) upgrade: Option<u16>,
}

/// `GET`/`DELETE /__serve/faults`: `{"standing"}`.
#[derive(Serialize)]
pub(crate) struct StandingAnswer {
    pub(crate) standing: StandingJson,
}

/// `POST /__serve/faults`: `{"standing","sockets"}` (how many sockets heard a one-off fault).
#[derive(Serialize)]
pub(crate) struct FaultsAnswer {
    pub(crate) standing: StandingJson,
    pub(crate) sockets: usize,
}

/// What a wait saw: `{"user","subscribed"}` or `{"user","messages"}`; at the timeout also
/// `"message"` and `"type": "timeout"`.
#[derive(Serialize)]
pub(crate) struct WaitAnswer<'a> {
    pub(crate) user: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) subscribed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) messages: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub(crate) kind: Option<&'static str>,
}

impl<'a> WaitAnswer<'a> {
    /// Nothing seen yet about `user`.
    pub(crate) fn user(user: &'a str) -> Self {
        WaitAnswer {
            user,
            subscribed: None,
            messages: None,
            message: None,
            kind: None,
        }
    }
}
