//! serve's own control surface for tests and CI, under `/__serve/` (Courier has none of it):
//! the request journal (`journal`: what each request was and why a refusal was one), the
//! injected faults (`faults`: latency, errors, refused upgrades, socket reconnects and closes),
//! the clock (`clock`), and waiting for a socket or for messages instead of sleeping (`wait`).
//! `endpoints` is the HTTP side that reads and changes them. [`Control`] is the data every
//! handler shares, held by `App`; nothing here holds the API key or a whole token.

pub(crate) mod clock;
pub(crate) mod endpoints;
pub(crate) mod faults;
pub(crate) mod injection;
pub(crate) mod journal;
pub(crate) mod recording;
pub(crate) mod shapes;
pub(crate) mod wait;

use faults::Faults;
use journal::Journal;

/// The journal and the faults of one running `serve`.
#[derive(Default)]
pub(crate) struct Control {
    pub(crate) journal: std::sync::Arc<Journal>,
    pub(crate) faults: std::sync::Arc<Faults>,
}
