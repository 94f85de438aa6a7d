//! What may be shown: the one escaping rule for untrusted text (`printable`, also for JSON),
//! whether text a person typed holds the API key so that errors never quote it
//! (`secret_echo`), and hiding a key or token from text a server sent back, in every spelling
//! (`scrub`). Every command, doctor's probes and serve's log ask here before they print text
//! they did not write.

pub(crate) mod printable;
pub(crate) mod scrub;
pub(crate) mod secret_echo;
