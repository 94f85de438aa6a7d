//! serve's Inbox schema held to the wire protocol's names. async-graphql's derive attributes
//! take only literals, so `graphql` cannot spell its filter type and mutations with
//! `wire::graphql`'s constants; this test reads the schema's SDL and requires that its filter
//! input type is `wire::graphql::FILTER_PARAMS_INPUT` and that its mutations are exactly
//! `MESSAGE_MUTATIONS` and `INBOX_MUTATIONS`, so the two cannot drift.

use async_graphql::{EmptySubscription, Schema};

use super::graphql::{MutationRoot, QueryRoot};
use crate::wire::graphql::{FILTER_PARAMS_INPUT, INBOX_MUTATIONS, MESSAGE_MUTATIONS};

/// The field names declared in the SDL block that opens with `opening` (`type MutationRoot {`);
/// description lines are not fields.
fn fields_of<'a>(sdl: &'a str, opening: &str) -> Vec<&'a str> {
    let Some(start) = sdl.find(opening) else {
        return Vec::new();
    };
    let block = &sdl[start + opening.len()..];
    let block = &block[..block.find('}').unwrap_or(block.len())];
    block
        .lines()
        .map(str::trim)
        .filter_map(|line| line.split(['(', ':']).next())
        .map(str::trim)
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect()
}

#[test]
fn the_schema_declares_the_wire_protocols_filter_type_and_mutations() {
    let sdl = Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .finish()
        .sdl();
    assert!(
        sdl.contains(&format!("input {FILTER_PARAMS_INPUT} {{")),
        "no input {FILTER_PARAMS_INPUT} in:\n{sdl}"
    );
    let mut declared = fields_of(&sdl, "type MutationRoot {");
    let mut wire: Vec<&str> = MESSAGE_MUTATIONS
        .into_iter()
        .chain(INBOX_MUTATIONS)
        .collect();
    declared.sort_unstable();
    wire.sort_unstable();
    assert_eq!(
        declared, wire,
        "serve's mutations differ from wire::graphql's"
    );
}
