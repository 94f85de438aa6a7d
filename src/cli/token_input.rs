//! The token input `verify`, `inspect` and `doctor` share, defined once so the three read and
//! describe it alike: the TOKEN argument, or `--from FILE`, or stdin. What the text may hold
//! (headers, curl commands, JSON, HAR files, several tokens) is `extract`'s business.

use std::path::PathBuf;

use clap::{Args, ValueHint};

#[derive(Debug, Args)]
pub struct TokenInputArgs {
    /// The token, or text holding it: a header, NAME=TOKEN, JSON, a curl command... ("-" or absent: read stdin)
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "token")]
    pub from: Option<PathBuf>,
}
