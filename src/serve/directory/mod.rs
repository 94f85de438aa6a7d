//! Everything the workspace holds besides the inboxes: tenants and their members, the preference
//! page and each user's choices (per tenant), brands, templates, device tokens, list
//! subscriptions and what became of each send (`store`, with the `entries` it keeps). Seeded
//! from the workspace file; `reset` puts it back as the file had it (preference choices, tokens,
//! subscriptions and send records go). It lives inside `state::Workspace` beside the inboxes,
//! behind its own mutex that is never held across an await. Pure data: no HTTP, no GraphQL.
//! `preferences` is what choosing means, `sends` the records of sends, `tenants`, `brands` and
//! `devices` (tokens, list subscriptions) what the REST API changes; `export` the directory as
//! the workspace file carries it, for `--export-on-exit` and `GET /__serve/state`.

mod brands;
mod devices;
mod entries;
mod export;
mod preferences;
mod sends;
mod shapes;
mod store;
mod tenants;

pub(crate) use entries::{Choice, SendRecord, SendStatus, TopicView};
pub(crate) use shapes::SendRecordJson;
pub(crate) use store::Directory;
