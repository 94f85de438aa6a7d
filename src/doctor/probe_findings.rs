//! One probe sent and what came of it: the mode it spoke, the endpoint it asked (GraphQL or the
//! realtime socket), the HTTP status and what the answer means; and each result as a check with
//! its code, which depends on the mode (a 200 is good news for a JWT and bad news for the
//! client key alone). Sending is `remote::inbox_probes`' business.

use super::finding::{Check, Status};
use super::modes::{Channel, Mode};

/// What Courier made of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// The GraphQL endpoint answered with the unread count.
    Accepted { unread: u64 },
    /// 401 or 403 (at the upgrade, for the socket), with what Courier said, if anything.
    Rejected { said: Option<String> },
    /// GraphQL `errors`, Courier's messages joined.
    GraphqlErrors { messages: String },
    /// The socket opened (101) and acknowledged the subscription.
    Subscribed,
    /// The socket opened but did not acknowledge the subscription: why.
    NoAck { why: String },
    /// The socket opened, but `--timeout` passed before it acknowledged the subscription.
    TimedOut { why: String },
    /// The socket could not be reached: why, in one line.
    Unreachable { why: String },
}

/// One probe sent and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeResult {
    pub mode: Mode,
    pub channel: Channel,
    /// Where it went (for the socket, with the token redacted).
    pub url: String,
    pub user_id: String,
    pub tenant: Option<String>,
    /// The HTTP status (101 for an opened socket), if there was an answer.
    pub http_status: Option<u16>,
    pub outcome: ProbeOutcome,
}

impl ProbeResult {
    /// True when Courier let the request through.
    pub fn accepted(&self) -> bool {
        matches!(
            self.outcome,
            ProbeOutcome::Accepted { .. } | ProbeOutcome::Subscribed
        )
    }

    pub fn unread(&self) -> Option<u64> {
        match self.outcome {
            ProbeOutcome::Accepted { unread } => Some(unread),
            _ => None,
        }
    }

    /// The HTTP status as text, `-` when there was none.
    pub fn status_text(&self) -> String {
        self.http_status
            .map_or_else(|| "-".to_string(), |status| status.to_string())
    }

    /// The probe as a check.
    pub fn check(&self) -> Check {
        if self.channel == Channel::Realtime {
            return self.realtime_check();
        }
        let with_tenant = self
            .tenant
            .as_deref()
            .map(|tenant| format!(" with tenant {tenant} (accountId)"))
            .unwrap_or_default();
        let status = self.status_text();
        let user = &self.user_id;
        match (&self.outcome, self.mode) {
            (ProbeOutcome::Accepted { unread }, Mode::Jwt) => Check::new(
                "accepted",
                Status::Pass,
                format!("Courier accepts the token for user {user}{with_tenant}: {unread} unread"),
            ),
            (ProbeOutcome::Accepted { unread }, Mode::ClientKey) => Check::new(
                "client_key_only_accepted",
                Status::Fail,
                format!("Courier's Inbox answered {status} to the client key and user id alone ({unread} unread for {user}{with_tenant}): anyone who reads the client key from the page and guesses a user id reads that user's inbox"),
            ),
            (ProbeOutcome::Accepted { unread }, Mode::Hmac) => Check::new(
                "hmac_accepted",
                Status::Pass,
                format!("Courier accepts the HMAC user signature for user {user}{with_tenant}: {unread} unread"),
            ),
            (ProbeOutcome::Rejected { said }, mode) => {
                let said = said.as_deref().map(|s| format!(": {s}")).unwrap_or_default();
                match mode {
                    Mode::Jwt => Check::new(
                        "rejected_by_courier",
                        Status::Fail,
                        format!("Courier answered {status}{with_tenant}{said}"),
                    ),
                    Mode::ClientKey => Check::new(
                        "client_key_only_refused",
                        Status::Pass,
                        format!("client-key-only access is refused: Courier answered {status}{said}"),
                    ),
                    Mode::Hmac => Check::new(
                        "hmac_refused",
                        Status::Fail,
                        format!("Courier refuses the HMAC user signature for user {user}: it answered {status}{said}"),
                    ),
                }
            }
            (ProbeOutcome::GraphqlErrors { messages }, _) => Check::new(
                "graphql_errors",
                Status::Fail,
                format!("Courier answered {status}{with_tenant} with errors: {messages}"),
            ),
            (other, _) => Check::new(
                "graphql_errors",
                Status::Fail,
                format!("Courier's Inbox answered {status}: {other:?}"),
            ),
        }
    }

    fn realtime_check(&self) -> Check {
        let status = self.status_text();
        match &self.outcome {
            ProbeOutcome::Subscribed => Check::new(
                "realtime_accepted",
                Status::Pass,
                format!("the realtime socket accepts the token: {status}, and subscribed to user {}", self.user_id),
            ),
            ProbeOutcome::Rejected { said } => Check::new(
                "realtime_refused",
                Status::Fail,
                format!(
                    "the realtime socket refused the token at the upgrade ({status}{}): the Inbox loads but live updates will not arrive",
                    said.as_deref().map(|s| format!(": {s}")).unwrap_or_default()
                ),
            ),
            ProbeOutcome::NoAck { why } => Check::new(
                "realtime_no_ack",
                Status::Fail,
                format!("the realtime socket opened ({status}) but {why}: live updates will not arrive"),
            ),
            ProbeOutcome::TimedOut { why } => Check::new(
                "realtime_timeout",
                Status::Fail,
                format!("the realtime socket opened ({status}) but {why}: live updates may not arrive"),
            ),
            ProbeOutcome::Unreachable { why } => Check::new(
                "realtime_unreachable",
                Status::Fail,
                format!("the realtime socket could not be reached: {why}; live updates will not arrive from here"),
            ),
            other => Check::new(
                "realtime_no_ack",
                Status::Fail,
                format!("the realtime socket answered {status}: {other:?}"),
            ),
        }
    }
}
