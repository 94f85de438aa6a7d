//! The command line through the real binary, as one test executable (ripgrep's `tests/tests.rs`
//! style: one link instead of dozens, shared helpers without copies). Each module is one concern:
//! a subcommand (`issue`, `verify`, `inspect`, `hmac_sign`, `bulk`, `remote`), an input or
//! output rule (`pasted`, `standard_output`, `fail_closed`, `edges`), or a promise about the
//! tree and its documents (`assets`, `help`, `readme`, `layout`, `reference_codes`).
//! `doctor` and `serve` have their own executables; known answers and attacks are in `parity`.

mod assets;
mod bulk;
mod bulk_lines;
#[path = "../common/mod.rs"]
mod common;
mod completions;
mod durations;
mod edges;
mod fail_closed;
mod help;
mod hmac_sign;
mod hostile_text;
mod inspect;
mod issue;
mod json_schemas;
mod json_shapes;
mod keys;
mod layout;
#[path = "../mock_server/mod.rs"]
mod mock_server;
mod pasted;
mod pasted_secrets;
mod proxy;
mod readme;
mod reference_codes;
mod remote;
mod remote_answers;
mod remote_edges;
mod scope_catalogue;
mod scopes;
mod standard_output;
mod standards;
mod startup;
mod time_display;
mod usage_hints;
mod verify;
mod verify_inputs;
