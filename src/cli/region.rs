//! Courier's API regions, as `--region` names them for `issue --remote` and `doctor`.

use clap::ValueEnum;

/// Courier's API regions (`--region`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Region {
    /// https://api.courier.com
    Us,
    /// https://api.eu.courier.com
    Eu,
}
