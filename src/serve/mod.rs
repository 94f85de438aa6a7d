//! `serve`: a local Courier for Inbox authentication, so a backend and a frontend can test the
//! whole flow offline — the Issue Token API (`issue_token`), the Inbox GraphQL endpoint
//! (`inbox_endpoint`, executing `graphql`'s schema), the realtime socket (`socket`, with
//! `legacy_socket` for the older protocol of the v7 and mobile SDKs), the Send API and a reset
//! (`send`), each a thin handler over the shared workspace (`state`, with `inbox` for what
//! Courier's filters and mutations mean and `message` for what a message is) and the
//! workspace's authentication policy (`auth`, whose refusals speak doctor's codes, `refusal`).
//! `control` is serve's own surface for tests (`/__serve/wait`, the request journal, the clock,
//! injected faults), `now` the clock every check reads, `supervise` a command run beside serve
//! (`serve -- COMMAND`), `tracking` a message's tracking URL, `workspace_export` the workspace written back as a workspace file. `server` owns the listener and shutdown (tokio-rs/mini-redis's shape), `routes` the HTTP
//! surface and its `tower-http` layers (`middleware` the two of its own), `log` what goes to stderr; `console` the web page a
//! browser gets at `/`, told of changes by `changes`. The wire facts (paths,
//! header names, socket messages) are `crate::wire`'s, shared with `doctor`; token checks are
//! `crate::token`'s. Nothing here runs until `serve` is the chosen command.

mod answer_shapes;
mod app;
mod auth;
mod changes;
mod client_access;
mod client_graphql;
mod console;
mod control;
mod count_plan;
mod delivery;
mod directory;
mod document_cache;
mod error_bodies;
mod graphql;
mod graphql_body;
mod graphql_limits;
#[cfg(test)]
mod graphql_names;
mod inbox;
mod inbox_endpoint;
mod issue_token;
mod legacy_socket;
mod log;
mod message;
mod message_texts;
mod middleware;
mod now;
mod origin_policy;
mod recent_verdicts;
mod refusal;
mod render;
mod responses;
mod rest;
mod routes;
mod send;
mod server;
mod settings;
mod shutdown;
mod socket;
mod socket_limits;
mod state;
mod supervise;
mod tracking;
mod urls;
mod workspace_export;
mod workspace_file;
mod workspace_load;

pub use app::{MAX_BODY_BYTES, REQUEST_TIMEOUT};
pub use refusal::{DOCTOR_CODES, SERVE_ONLY_CODES, VERIFY_CODES};
pub use send::RESET_PATH;
pub use server::run;
pub use settings::{
    AuthModes, Enforcement, LogLevel, MissingScopes, Settings, DEFAULT_WORKSPACE_ID,
};
pub use supervise::{run_command, CommandLine, COMMAND_ENVIRONMENT, COMMAND_NOT_STARTED};
