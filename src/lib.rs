//! courier-token: mint, verify, sign and explain Courier Inbox authentication tokens.
//!
//! The `courier-token` binary is a thin shell over this library: it parses arguments, calls
//! [`run`], and maps the [`Outcome`] to an exit code. The modules a program can build on:
//!
//! - [`token`]: minting tokens exactly as Courier shapes them ([`token::Minter`]), strict
//!   verification with stable reason codes ([`token::verify_token`], [`token::Reason`]), and
//!   lenient decoding for display ([`token::decode_token`]);
//! - [`scope`]: Courier's documented scopes and building a token's scope string;
//! - [`expires_in`] and [`duration`]: lifetimes in Courier's `expires_in` grammar (Node's `ms`)
//!   and the one duration grammar for everything else; [`clock`]: "now" and showing instants;
//! - [`user_signature`]: the deprecated HMAC user signature;
//! - [`reading`] (`input`, `inspection`, `pasted_secret`), [`extract`], [`client_key`]: reading
//!   what a person pastes, and explaining a token in Courier's terms without trusting it;
//! - [`doctor`]: whether Courier accepts a token (offline checks, then read-only probes of the
//!   Inbox and its realtime socket), and which modes a workspace accepts (the client key alone,
//!   HMAC signatures, JWTs); [`remote`]: Courier's Issue Token API, the shared HTTP transport
//!   and the websocket opened with its rules;
//! - [`wire`]: Courier's wire protocol as data (hosts, headers, GraphQL documents, socket
//!   messages), shared by `doctor`'s probes and `serve`;
//! - [`serve`]: a local Courier for Inbox authentication (Issue Token API, Inbox GraphQL,
//!   realtime socket) that the real SDKs run against;
//! - [`key`]: where the API key comes from and how it is held (zeroized, never printed).
//!
//! Courier's domain (`token`, `scope`, `expires_in`, `duration`, `client_key`,
//! `user_signature`, `wire`, the time spans of `clock`) is the core crate `courier_inbox_auth`
//! (`crates/courier-inbox-auth`), re-exported here under its old paths. Its errors are typed
//! values whose text names no command-line option; `worded` and the `commands` layer word them
//! for the terminal. The modules marked hidden (`cli`, `commands`, `assets`, `terminal`: output,
//! diagnostics, errors, exit codes, colour, process guard; `worded`) are public only
//! for the binary, the integration tests and the fuzz targets.
//!
//! ```
//! use courier_token::scope::{build_scope, ScopeRequest};
//! use courier_token::token::{verify_token, ClaimTemplate, Minter, Policy, Signer};
//!
//! let user_ids = ["alice".to_string()];
//! let scope = build_scope(&ScopeRequest { user_ids: &user_ids, ..Default::default() }).unwrap();
//! assert_eq!(scope, "user_id:alice inbox:read:messages inbox:write:events");
//!
//! let template = ClaimTemplate { iat: 1_700_000_000, exp: Some(1_700_003_600), ..Default::default() };
//! let token = Minter::new(Signer::from_bytes(b"a test key"), &template).mint(&scope, None);
//!
//! let policy = Policy { now: 1_700_000_060, user_id: Some("alice".into()), ..Default::default() };
//! assert!(verify_token(&token, &Signer::from_bytes(b"a test key"), &policy).is_valid());
//! let wrong_key = verify_token(&token, &Signer::from_bytes(b"another key"), &policy);
//! assert_eq!(wrong_key.rejection.unwrap().reason.code(), "bad_signature");
//! ```

// Courier's domain lives in the core crate (crates/courier-inbox-auth); it is re-exported under
// the paths it had before the split, so `crate::token::…` reads as it always did.
pub use courier_inbox_auth::credentials::{api_key, client_key, user_signature};
pub use courier_inbox_auth::time::{duration, expires_in};
pub use courier_inbox_auth::{scope, token, wire};

// The library: what a program can build on, documented for a library caller.
pub mod clock;
pub mod doctor;
pub mod extract;
pub mod key;
pub mod reading;
pub mod remote;
pub mod serve;

// The command line and the terminal: public only so the binary (`main.rs`), the integration
// tests and the fuzz targets can reach them; not an interface for library callers.
#[doc(hidden)]
pub mod assets;
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod commands;
#[doc(hidden)]
pub mod terminal;
#[doc(hidden)]
pub mod worded;

// Internal plumbing.
pub(crate) mod bulk;
pub(crate) mod shown;

// The modules' names before they moved into layer folders (issue 22), for the binary, the
// tests, the benchmarks and the fuzz targets.
#[doc(hidden)]
pub use reading::input;
pub use reading::{inspection, pasted_secret};
pub use terminal::local_zone;
#[doc(hidden)]
pub use terminal::{diagnostics, exit_codes, output, process_guard};

pub use terminal::exit_codes::Outcome;

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<Outcome> {
    if commands::writes_to_stdout(&cli.command) {
        terminal::output::require_writable_stdout()?;
    }
    let context = commands::resolved::ResolvedOptions::resolve(&cli.global)?;
    commands::dispatch(&cli.command, &context)
}
