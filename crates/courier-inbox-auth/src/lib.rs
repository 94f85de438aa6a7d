//! Courier Inbox authentication as a library: the domain the `courier-token` binary and its
//! local Courier (`serve`) are built on, with no command line, no colour, no network, no
//! server and no process-wide state (nothing here reads the environment, a file or a static).
//!
//! - [`token`]: minting tokens exactly as Courier shapes them ([`token::Minter`]), strict
//!   verification with stable reason codes ([`token::verify_token`], [`token::Reason`]), and
//!   lenient decoding for display ([`token::decode_token`]);
//! - [`scope`]: Courier's documented scopes, the user-id rule, and building a token's scope;
//! - [`time`]: lifetimes in Courier's `expires_in` grammar (Node's `ms`) and the one duration
//!   grammar for everything else, spans between instants, and reading a time that stands in for
//!   "now" and writing one in UTC (jiff alone);
//! - [`credentials`]: the API key as held bytes (zeroed on drop, never printed), the public
//!   client key and the deprecated HMAC user signature;
//! - [`wire`]: Courier's wire protocol as data and types, read by both a client (`doctor`'s
//!   probes) and a server (`serve`).
//!
//! Errors are typed values that name no command-line option; where a refusal quotes a value it
//! was given or shows an instant, it says so in its parts ([`token::Detail`]) and the caller
//! decides how such values are shown (the binary withholds secrets and picks the time zone).
//!
//! ```
//! use courier_inbox_auth::scope::{build_scope, ScopeRequest};
//! use courier_inbox_auth::token::{verify_token, ClaimTemplate, Minter, Policy, Signer};
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

// The crate root holds only this file; each layer is a folder.

pub mod credentials;
pub mod scope;
pub mod time;
pub mod token;
pub mod wire;
