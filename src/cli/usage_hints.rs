//! Hints added to clap's own usage errors for what people coming from other tools type:
//! jwt-cli's `encode`/`decode` and `--exp 2d` (clap's nearest spelling would be `--no-expiry`),
//! `-j` for `--json`, a key on the command line (`--key`, `-k`, `--api-key`, jwt-cli's `-S`, or a
//! bare word that looks like a key), `issue alice` for `issue --user-id alice`, and an
//! unquoted `--expires-in 2 days`, where the shell hands clap a stray `days`. Clap still words
//! and prints the error; this module only adds or replaces its tip, and never lets that tip
//! lead into another refusal (`-- -j` would make `-j` the token). What clap quotes of the
//! command line is made safe to show: never the API key (`--color "$COURIER_API_KEY"`), never
//! raw escape sequences, never more than 64 characters (`Redaction::echoed`, with a
//! [`Redaction`] built here from the key options parsed, as the run would have had).

use std::ffi::OsString;
use std::path::Path;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::key::{API_KEY_ENV, KEY_SOURCES_HINT, LEGACY_API_KEY_ENV};
use crate::shown::redaction::{Redaction, WITHHELD};

/// Spellings of a lifetime option that other JWT tools use.
const EXPIRY_SPELLINGS: &[&str] = &["--exp", "--expire", "--expires", "--expiry", "--ttl"];

/// Options whose value is a duration that people write with a space (`2 days`).
const DURATION_OPTIONS: &[&str] = &["--expires-in", "--leeway", "--timeout", "--min-ttl"];

/// Options that would take the key itself, as other tools spell them (jwt-cli: `-S`,
/// `--secret`), compared without dashes, underscores and case.
const KEY_SPELLINGS: &[&str] = &["key", "apikey", "secret", "apisecret", "courierapikey"];

/// Subcommands of other JWT tools, and what does their job here.
const OTHER_TOOLS_SUBCOMMANDS: &[(&str, &str)] = &[
    (
        "decode",
        "to decode a token use 'courier-token inspect' (no key needed), to check it 'courier-token verify'",
    ),
    ("encode", "to mint a token use 'courier-token issue'"),
    ("sign", "to mint a token use 'courier-token issue'"),
    ("create", "to mint a token use 'courier-token issue'"),
    ("validate", "to check a token use 'courier-token verify'"),
];

/// `error` with a better tip when the mistake is one of the known ones, and what it quotes of
/// the command line made safe to show.
pub fn with_hints(error: clap::Error, args: &[OsString]) -> clap::Error {
    let redaction = key_sources_redaction(args);
    sanitized(
        match error.kind() {
            ErrorKind::UnknownArgument => unknown_argument(error, args, &redaction),
            ErrorKind::InvalidSubcommand => other_tools_subcommand(error),
            ErrorKind::MissingRequiredArgument if subcommand(args) == Some("hmac-sign") => {
                let mut error = error;
                replace_tip(
                    &mut error,
                    "to read the user id from stdin: ... | courier-token hmac-sign -".to_string(),
                );
                error
            }
            _ => error,
        },
        &redaction,
    )
}

/// What may be shown, from where the key may come from (the global options are not resolved
/// when parsing failed), so the key at hand is recognised in what clap quotes.
fn key_sources_redaction(args: &[OsString]) -> Redaction {
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
    let key_file = value_of("--key-file").filter(|path| path != "-");
    Redaction::for_key_sources(
        key_file.as_deref().map(Path::new),
        [API_KEY_ENV, LEGACY_API_KEY_ENV]
            .into_iter()
            .chain(key_env.as_deref()),
    )
}

/// `error` with the values it quotes (an invalid value, an unexpected argument) as
/// [`Redaction::echoed`] shows them.
fn sanitized(mut error: clap::Error, redaction: &Redaction) -> clap::Error {
    for kind in [ContextKind::InvalidValue, ContextKind::InvalidArg] {
        if let Some(ContextValue::String(text)) = error.get(kind) {
            let shown = redaction.echoed(text);
            if shown != *text {
                error.insert(kind, ContextValue::String(shown));
            }
        }
    }
    error
}

fn unknown_argument(
    mut error: clap::Error,
    args: &[OsString],
    redaction: &Redaction,
) -> clap::Error {
    let Some(ContextValue::String(invalid)) = error.get(ContextKind::InvalidArg) else {
        return error;
    };
    let invalid = invalid.clone();
    let name = invalid.split('=').next().unwrap_or_default().to_string();
    if name != invalid {
        // `--apikey=sk_live_…`: the error names the option, never what follows its `=`.
        error.insert(ContextKind::InvalidArg, ContextValue::String(name.clone()));
    }
    if !invalid.starts_with('-') && (redaction.holds_secret(&invalid) || names_a_key_option(args)) {
        // A bare word that looks like a key, or any word beside a key option: never quoted.
        error.insert(
            ContextKind::InvalidArg,
            ContextValue::String(WITHHELD.to_string()),
        );
        replace_tip(
            &mut error,
            format!(
                "a key on the command line shows up in `ps` and shell history; {KEY_SOURCES_HINT}"
            ),
        );
    } else if let Some(tip) = user_id_as_option_tip(&invalid, args, redaction) {
        replace_tip(&mut error, tip);
    } else if is_key_spelling(&name) {
        replace_tip(
            &mut error,
            format!(
                "{name} is not accepted: a key on the command line shows up in `ps` and shell \
                 history; {KEY_SOURCES_HINT}"
            ),
        );
    } else if EXPIRY_SPELLINGS.contains(&name.as_str()) {
        error.remove(ContextKind::Suggested);
        error.insert(
            ContextKind::SuggestedArg,
            ContextValue::String("--expires-in".to_string()),
        );
    } else if name == "-j" && subcommand(args).is_some() {
        error.remove(ContextKind::Suggested);
        error.insert(
            ContextKind::SuggestedArg,
            ContextValue::String("--json".to_string()),
        );
    } else if name == "-j" {
        replace_tip(
            &mut error,
            "--json goes after the subcommand: courier-token inspect --json TOKEN".to_string(),
        );
    } else if let Some(option) = negative_duration(&invalid, args) {
        replace_tip(
            &mut error,
            format!("{option} takes a length of time, which cannot be negative"),
        );
    } else if let Some(option) = duration_split_by_the_shell(&invalid, args) {
        let tip = format!(
            "a duration with a space must be quoted: {option} '{}'",
            spliced(&invalid, args)
        );
        replace_tip(&mut error, tip);
    } else if let Some(tip) = dash_value_tip(&invalid, args) {
        replace_tip(&mut error, tip);
    } else if name.starts_with('-') && takes_a_token(args) {
        // clap offers `-- -x`, which would make `-x` the token: no token starts with `-`.
        error.remove(ContextKind::Suggested);
    }
    error
}

/// Replaces whatever clap suggested with `tip`.
fn replace_tip(error: &mut clap::Error, tip: String) {
    error.remove(ContextKind::SuggestedArg);
    error.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![StyledStr::from(tip)]),
    );
}

/// `issue alice`: the user id is an option, `--user-id alice`.
fn user_id_as_option_tip(
    invalid: &str,
    args: &[OsString],
    redaction: &Redaction,
) -> Option<String> {
    let bare = subcommand(args) == Some("issue")
        && !invalid.starts_with('-')
        && !invalid.is_empty()
        && !invalid.contains(char::is_whitespace)
        && !args
            .iter()
            .any(|arg| arg.to_str().is_some_and(|arg| arg.starts_with("--user-id")));
    bare.then(|| {
        format!(
            "did you mean `--user-id {}`? issue takes the user id as an option",
            redaction.echoed(invalid)
        )
    })
}

/// True when the arguments hold an option meant to take the key (`-k`, `--key=…`), so the
/// words beside it may be the key.
fn names_a_key_option(args: &[OsString]) -> bool {
    args.iter().filter_map(|arg| arg.to_str()).any(|arg| {
        let name = arg.split('=').next().unwrap_or_default();
        name.starts_with('-') && is_key_spelling(name)
    })
}

/// `--api-key`, `--apikey`, `--API_KEY`, `--secret`, `-S`, `-k`: an option meant to take the
/// key.
fn is_key_spelling(name: &str) -> bool {
    if name == "-S" || name == "-k" {
        return true;
    }
    let Some(long) = name.strip_prefix("--") else {
        return false;
    };
    let folded: String = long
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    KEY_SPELLINGS.contains(&folded.as_str())
}

/// The subcommand the arguments name, if any.
fn subcommand(args: &[OsString]) -> Option<&str> {
    const SUBCOMMANDS: &[&str] = &[
        "issue",
        "verify",
        "hmac-sign",
        "inspect",
        "doctor",
        "completions",
    ];
    args.iter()
        .skip(1)
        .filter_map(|arg| arg.to_str())
        .find(|arg| SUBCOMMANDS.contains(arg))
}

/// True when the arguments name a subcommand whose argument is a token (`verify`, `inspect`,
/// `doctor`), which never starts with `-`.
fn takes_a_token(args: &[OsString]) -> bool {
    matches!(subcommand(args), Some("verify" | "inspect" | "doctor"))
}

/// The duration option given `invalid` (`-5s`) as its value: clap takes a value that starts
/// with `-` for an option unless it is a plain number (`--leeway -5` reaches the duration
/// parser, which says what is wrong with it).
fn negative_duration<'a>(invalid: &str, args: &'a [OsString]) -> Option<&'a str> {
    if !invalid.starts_with('-')
        || !invalid[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    // `-5s` reaches clap as the short options `-5` and `-s`: it names the first.
    let position = args
        .iter()
        .position(|arg| arg.to_str().is_some_and(|arg| arg.starts_with(invalid)))?;
    let option = args.get(position.checked_sub(1)?)?.to_str()?;
    DURATION_OPTIONS
        .iter()
        .find(|known| **known == option)
        .copied()
}

/// A value that starts with `-`, which clap took for options: `--user-id -bob` is written
/// `--user-id=-bob`, and `hmac-sign -bob` takes its user id after `--`. clap's own tip (`use
/// '-- -b'`) names only the first letter, and following it would sign `-b`.
fn dash_value_tip(invalid: &str, args: &[OsString]) -> Option<String> {
    if !invalid.starts_with('-') || invalid.starts_with("--") {
        return None;
    }
    let position = args
        .iter()
        .position(|arg| arg.to_str().is_some_and(|arg| arg.starts_with(invalid)))?;
    let value = args.get(position)?.to_str()?;
    let option = args.get(position.checked_sub(1)?)?.to_str()?;
    if takes_a_value(subcommand(args), option) {
        return Some(format!(
            "a value that starts with '-' is written with '=': {option}={value}"
        ));
    }
    (subcommand(args) == Some("hmac-sign")).then(|| {
        format!(
            "a user id that starts with '-' goes after '--': courier-token hmac-sign -- {value}"
        )
    })
}

/// True when `option` (`--user-id`) is a long option of `subcommand`, or a global one, that
/// takes a value.
fn takes_a_value(subcommand: Option<&str>, option: &str) -> bool {
    let Some(long) = option.strip_prefix("--").filter(|long| !long.contains('=')) else {
        return false;
    };
    let root = super::full_command();
    let named = subcommand.and_then(|name| root.find_subcommand(name));
    let takes = named
        .into_iter()
        .chain(std::iter::once(&root))
        .flat_map(clap::Command::get_arguments)
        .find(|arg| arg.get_long() == Some(long))
        .is_some_and(|arg| arg.get_action().takes_values());
    takes
}

/// `decode`, `encode`, `sign`: a tip naming the subcommand that does that job.
fn other_tools_subcommand(mut error: clap::Error) -> clap::Error {
    let Some(ContextValue::String(invalid)) = error.get(ContextKind::InvalidSubcommand) else {
        return error;
    };
    let Some((_, tip)) = OTHER_TOOLS_SUBCOMMANDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(invalid))
    else {
        return error;
    };
    error.remove(ContextKind::SuggestedSubcommand);
    error.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![StyledStr::from(tip.to_string())]),
    );
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
