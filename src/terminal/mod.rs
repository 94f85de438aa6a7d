//! The process and its terminal: writing results to stdout (`output`) and diagnostics to stderr
//! (`diagnostics`), errors worded for a person with a hint (`error`), the one table of exit
//! codes (`exit_codes`), colour (`palette`), the zone instants are shown in (`date_zone`, with
//! `local_zone` reading `TZ` with bounds) and process hardening (`process_guard`). Nothing here knows Courier;
//! what text may be shown at all is `shown`'s.

pub mod date_zone;
pub mod diagnostics;
pub mod error;
pub mod exit_codes;
pub mod local_zone;
pub mod output;
pub(crate) mod palette;
pub mod process_guard;
