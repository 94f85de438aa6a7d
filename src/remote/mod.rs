//! Talking to Courier over HTTP. `transport` is the one client every network call shares (the
//! agent, timeouts, the retry policy for 429/5xx) and `failure` words every way a call can fail
//! as one line. On top of them: Courier's Issue Token API, `POST {base}/auth/issue-token` —
//! where it lives (base URL and region), the exact request this tool sends (headers and JSON
//! body, also rendered for `--dry-run`) and, in `exchange`, reading the token out of the
//! answer. `doctor`'s Inbox probes live here too (`inbox_probes`: the requests
//! courier-js and the v7 SDK send, the GraphQL probe on the same transport, and the realtime
//! probe, which opens a websocket with the same rules, `socket`). The API key
//! only ever goes into the `Authorization` header; nothing here prints it. What to ask for (the
//! scope, the lifetime) is decided by `commands::issue`; this module knows nothing of clap or
//! the local signer.

mod endpoint;
mod exchange;
mod failure;
pub(crate) mod inbox_probes;
mod issue_request;
mod issued_token;
mod proxy;
mod socket;
mod timeout;
mod transport;

pub use crate::shown::scrub::scrub_secret;
pub use endpoint::{BaseUrl, Target, BASE_URL_ENV, EU_BASE_URL, USER_AGENT, US_BASE_URL};
pub use exchange::issue_token;
pub use issue_request::{wire_expires_in, IssueTokenRequest, FIXED_HEADERS, ISSUE_TOKEN_PATH};
pub use proxy::{clear_text_warning, proxy_reads_it_too, Route};
pub use socket::{limit_reads, open_socket, Socket, SocketDeadline, SocketFailure};
pub use timeout::{
    parse_seconds_or_duration, parse_timeout, TimeoutError, DEFAULT_TIMEOUT, LONGEST_TIMEOUT,
};
pub use transport::{post_with_retries, Answer, RetryPolicy, RETRY_BASE_ENV};
