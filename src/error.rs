//! A bridge, not a home: `token::verify`, `token::claim_checks` and `scope::error` still quote
//! values through `crate::error` until they return typed details (issue 22, the core crate).
//! Everything else uses `shown::quoting`; delete this file with those calls.

pub(crate) use crate::shown::quoting::quoted;
