//! Time in Courier's terms, with jiff's calendar and no clock of its own: token lifetimes in
//! Courier's `expires_in` grammar (`expires_in`, Node's `ms`) and the one duration grammar for
//! everything else (`duration`), spans between instants for people (`spans`), and instants as
//! text (`instant`: reading a time that stands in for "now", writing one in UTC). Which clock is
//! "now" and which zone an instant is shown in are the binary's.

pub mod duration;
pub mod expires_in;
pub mod instant;
pub mod spans;
