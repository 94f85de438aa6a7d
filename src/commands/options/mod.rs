//! Options several subcommands share, as the command line reads them: the domain's typed
//! errors worded with the option the user typed and a hint they can act on. `durations`
//! (`--expires-in`, `--leeway`, `--timeout`, `--min-ttl`), `keys` (the API key's sources, the
//! client key, and the one rule that a key and an input cannot share stdin), `scopes`
//! (`--user-id`, `--scope`, a bulk file's user ids), and `user_ids_from` (opening the input of a
//! bulk run and the line rules every bulk mode shares). The rules themselves live in the domain
//! modules (`duration`, `key`, `client_key`, `scope`); nothing here decides what is valid.

pub mod durations;
pub mod keys;
pub mod pasted;
pub mod scopes;
pub mod user_ids_from;
