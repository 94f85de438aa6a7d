//! `POST /client/q`, Courier's client GraphQL endpoint (preferences and brands): `endpoint`
//! (who calls, which scopes the document needs) executing `schema`.

mod brand;
pub(crate) mod endpoint;
pub(crate) mod schema;
