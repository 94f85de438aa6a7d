//! Hints added to clap's own usage errors for what people coming from other tools type:
//! jwt-cli's `--exp 2d` (clap's nearest spelling would be `--no-expiry`) and an unquoted
//! `--expires-in 2 days`, where the shell hands clap a stray `days`. Clap still words and
//! prints the error; this module only adds or replaces its tip.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Spellings of a lifetime option that other JWT tools use.
const EXPIRY_SPELLINGS: &[&str] = &["--exp", "--expire", "--expires", "--expiry", "--ttl"];

/// Options whose value is a duration that people write with a space (`2 days`).
const DURATION_OPTIONS: &[&str] = &["--expires-in", "--leeway", "--timeout", "--min-ttl"];

/// `error` with a better tip when the mistake is one of the known ones.
pub fn with_hints(mut error: clap::Error, args: &[OsString]) -> clap::Error {
    if error.kind() != ErrorKind::UnknownArgument {
        return error;
    }
    let Some(ContextValue::String(invalid)) = error.get(ContextKind::InvalidArg) else {
        return error;
    };
    let invalid = invalid.clone();
    let name = invalid.split('=').next().unwrap_or_default();
    if EXPIRY_SPELLINGS.contains(&name) {
        error.insert(
            ContextKind::SuggestedArg,
            ContextValue::String("--expires-in".to_string()),
        );
    } else if let Some(option) = duration_split_by_the_shell(&invalid, args) {
        error.remove(ContextKind::SuggestedArg);
        let tip = format!(
            "a duration with a space must be quoted: {option} '{}'",
            spliced(&invalid, args)
        );
        error.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![StyledStr::from(tip)]),
        );
    }
    error
}

/// The duration option whose value the stray word `invalid` was meant to end, if any.
fn duration_split_by_the_shell<'a>(invalid: &str, args: &'a [OsString]) -> Option<&'a str> {
    let position = args.iter().position(|arg| arg == invalid)?;
    let option = args.get(position.checked_sub(2)?)?.to_str()?;
    DURATION_OPTIONS
        .iter()
        .find(|known| **known == option)
        .copied()
}

/// The value and the stray word, joined as the user meant them (`2 days`).
fn spliced(invalid: &str, args: &[OsString]) -> String {
    let value = args
        .iter()
        .position(|arg| arg == invalid)
        .and_then(|position| args.get(position.checked_sub(1)?))
        .map(|value| value.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{value} {invalid}")
}
