//! What may be shown: the one escaping rule for untrusted text (`printable`, also for JSON),
//! whether text a person typed holds the API key (`redaction`: a [`redaction::Redaction`]
//! value built once from the key sources a run names and passed down, never a global), quoting
//! for errors and serve's log (`quoting`: methods of that value), and hiding a key or token from
//! text a server sent back, in every spelling (`scrub`). Every command, doctor's probes and
//! serve's log ask here before they print text they did not write.

pub(crate) mod printable;
pub(crate) mod quoting;
pub(crate) mod redaction;
pub(crate) mod scrub;
