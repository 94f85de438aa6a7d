//! Hints added to clap's own usage errors for what people coming from other tools type:
//! jwt-cli's `--exp 2d` (clap's nearest spelling would be `--no-expiry`) and an unquoted
//! `--expires-in 2 days`, where the shell hands clap a stray `days`. Clap still words and
//! prints the error; this module only adds or replaces its tip, and makes what clap quotes of
//! the command line safe to show: never the API key (`--color "$COURIER_API_KEY"`), never raw
//! escape sequences, never more than 64 characters (`error::echoed`).

use std::ffi::OsString;
use std::path::Path;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::error::echoed;
use crate::key::{API_KEY_ENV, LEGACY_API_KEY_ENV};
use crate::secret_echo::{remember_key_file, remember_key_variables};

/// Spellings of a lifetime option that other JWT tools use.
const EXPIRY_SPELLINGS: &[&str] = &["--exp", "--expire", "--expires", "--expiry", "--ttl"];

/// Options whose value is a duration that people write with a space (`2 days`).
const DURATION_OPTIONS: &[&str] = &["--expires-in", "--leeway", "--timeout", "--min-ttl"];

/// `error` with a better tip when the mistake is one of the known ones, and what it quotes of
/// the command line made safe to show.
pub fn with_hints(error: clap::Error, args: &[OsString]) -> clap::Error {
    remember_key_sources(args);
    tip(sanitized(error), args)
}

/// Registers where the key may come from (the global options are not resolved when parsing
/// failed), so the key at hand is recognised in what clap quotes.
fn remember_key_sources(args: &[OsString]) {
    let value_of = |option: &str| {
        args.iter().enumerate().find_map(|(at, arg)| {
            let arg = arg.to_str()?;
            match arg.strip_prefix(option)? {
                "" => args.get(at + 1)?.to_str().map(str::to_string),
                rest => rest.strip_prefix('=').map(str::to_string),
            }
        })
    };
    let key_env = value_of("--key-env");
    remember_key_variables(
        [API_KEY_ENV, LEGACY_API_KEY_ENV]
            .into_iter()
            .chain(key_env.as_deref()),
    );
    if let Some(path) = value_of("--key-file").filter(|path| path != "-") {
        remember_key_file(Path::new(&path));
    }
}

/// `error` with the values it quotes (an invalid value, an unexpected argument) as
/// `error::echoed` shows them.
fn sanitized(mut error: clap::Error) -> clap::Error {
    for kind in [ContextKind::InvalidValue, ContextKind::InvalidArg] {
        if let Some(ContextValue::String(text)) = error.get(kind) {
            let shown = echoed(text);
            if shown != *text {
                error.insert(kind, ContextValue::String(shown));
            }
        }
    }
    error
}

fn tip(mut error: clap::Error, args: &[OsString]) -> clap::Error {
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
