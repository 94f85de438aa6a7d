//! Courier's regions as the command line names them: `issue --remote --region` picks an API
//! base URL, `doctor --region` an Inbox URL; one enum, described by the URL each option uses.

use clap::ValueEnum;

/// Courier's API regions (`--region`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Region {
    /// https://api.courier.com
    Us,
    /// https://api.eu.courier.com
    Eu,
}

/// `doctor --region`: the same regions as `issue --remote`, described by their Inbox URLs.
pub(super) fn inbox_region() -> impl clap::builder::TypedValueParser<Value = Region> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new([
        PossibleValue::new("us").help("https://inbox.courier.com"),
        PossibleValue::new("eu").help("https://inbox.eu.courier.io"),
    ])
    .map(|name| match name.as_str() {
        "eu" => Region::Eu,
        _ => Region::Us,
    })
}
