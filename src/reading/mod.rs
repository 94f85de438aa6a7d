//! Reading what a person hands the tool: bounded input from files and stdin (`input`),
//! recognising an API or client key pasted where a token belongs (`pasted_secret`), and
//! explaining a token in Courier's terms without trusting it (`inspection`). Finding the token
//! in pasted text is `extract`'s.

pub mod input;
pub mod inspection;
pub mod pasted_secret;
