//! Where `doctor` asks Courier and how patiently, resolved from its options: `--min-ttl` and
//! `--timeout`; the Inbox URL (`--inbox-url`, `--region`, `COURIER_INBOX_URL`, the US Inbox);
//! the realtime socket's URL (`--realtime-url`, `--region`, `COURIER_REALTIME_URL`, none for a
//! custom Inbox URL, the US socket; `--no-realtime` turns it off); and blank values refused.

use std::time::Duration;

use crate::cli::{DoctorArgs, Region};
use crate::commands::options::durations::{length_option, timeout_option};
use crate::doctor::{Realtime, INBOX_EU_URL, INBOX_URL_ENV, INBOX_US_URL};
use crate::remote::BaseUrl;
use crate::shown::printable::printable;
use crate::shown::redaction::Redaction;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::wire::urls::INBOX_GRAPHQL_PATH;
use crate::wire::urls::{REALTIME_EU_URL, REALTIME_URL_ENV, REALTIME_US_URL};

/// An option given an empty (or all-space) value would silently check nothing: a usage error.
pub(super) fn refuse_blank(
    option: &str,
    value: Option<&str>,
    what: &str,
    redaction: &Redaction,
) -> anyhow::Result<()> {
    match value {
        Some(value) if value.trim().is_empty() => Err(user_error_with_hint(
            format!("{option} {} is empty", redaction.quoted(value)),
            format!("give {what}, or drop the option"),
        )),
        _ => Ok(()),
    }
}

/// `--min-ttl` and `--timeout`, both in the `--timeout` grammar of `issue --remote`.
pub(super) fn resolve_durations(
    args: &DoctorArgs,
    redaction: &Redaction,
) -> anyhow::Result<(Option<Duration>, Duration)> {
    let min_ttl = match args.min_ttl.as_deref() {
        None => None,
        Some(text) => Some(length_option("--min-ttl", text, redaction)?),
    };
    Ok((min_ttl, timeout_option(args.timeout.as_deref(), redaction)?))
}

/// `--inbox-url`, else `--region`, else `COURIER_INBOX_URL`, else the US Inbox.
pub(super) fn resolve_inbox_url(
    args: &DoctorArgs,
    redaction: &Redaction,
) -> anyhow::Result<BaseUrl> {
    let parse = |text: &str, origin: &str| {
        BaseUrl::parse_for(
            without_graphql_path(text, origin),
            origin,
            INBOX_US_URL,
            redaction,
        )
    };
    if let Some(url) = &args.inbox_url {
        return parse(url, "--inbox-url");
    }
    match args.region {
        Some(Region::Eu) => return parse(INBOX_EU_URL, "--region"),
        Some(Region::Us) => return parse(INBOX_US_URL, "--region"),
        None => {}
    }
    match env_text(INBOX_URL_ENV)? {
        Some(text) => parse(&text, INBOX_URL_ENV),
        None => parse(INBOX_US_URL, "the default Inbox URL"),
    }
}

/// `--no-realtime`, else `--realtime-url`, else `--region`, else `COURIER_REALTIME_URL`; a
/// custom Inbox URL (`--inbox-url`, `COURIER_INBOX_URL`) has no known socket; else the US one.
pub(super) fn resolve_realtime(args: &DoctorArgs) -> anyhow::Result<Realtime> {
    if args.no_realtime {
        return Ok(Realtime::Skipped("--no-realtime"));
    }
    if let Some(url) = &args.realtime_url {
        return realtime_url(url, "--realtime-url");
    }
    match args.region {
        Some(Region::Eu) => return Ok(Realtime::Url(REALTIME_EU_URL.to_string())),
        Some(Region::Us) => return Ok(Realtime::Url(REALTIME_US_URL.to_string())),
        None => {}
    }
    if let Some(text) = env_text(REALTIME_URL_ENV)? {
        return realtime_url(&text, REALTIME_URL_ENV);
    }
    if args.inbox_url.is_some() || env_text(INBOX_URL_ENV)?.is_some() {
        return Ok(Realtime::Skipped(
            "a custom Inbox URL has no known realtime URL (pass --realtime-url)",
        ));
    }
    Ok(Realtime::Url(REALTIME_US_URL.to_string()))
}

/// A `ws://` or `wss://` URL with a host and no query or fragment, without trailing slashes.
fn realtime_url(text: &str, origin: &str) -> anyhow::Result<Realtime> {
    let trimmed = text.trim_end_matches('/');
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("wss://")
        .or_else(|| lower.strip_prefix("ws://"));
    let acceptable = rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && !trimmed.contains(['?', '#'])
        && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control());
    if !acceptable {
        return Err(user_error_with_hint(
            format!("{origin} {text:?} is not a ws(s):// URL"),
            format!("give the socket's URL, such as {REALTIME_US_URL} or ws://127.0.0.1:8080 for a local stand-in"),
        ));
    }
    Ok(Realtime::Url(trimmed.to_string()))
}

/// A variable's value when it is set and not empty.
fn env_text(name: &str) -> anyhow::Result<Option<String>> {
    match std::env::var_os(name) {
        Some(value) if !value.is_empty() => value
            .into_string()
            .map(Some)
            .map_err(|_| user_error(format!("{name} is not valid UTF-8"))),
        _ => Ok(None),
    }
}

/// The option's value, else what the pasted request says (told on stderr either way when the
/// request says something).
pub(super) fn from_option_or_request<'a>(
    option: &str,
    given: Option<&'a str>,
    field: &str,
    in_request: Option<&'a str>,
) -> Option<&'a str> {
    match (given, in_request) {
        (Some(given), Some(pasted)) if given != pasted => {
            crate::terminal::diagnostics::note(format_args!(
                "{option} {} overrides the pasted request's {field} {}",
                printable(given),
                printable(pasted)
            ));
            Some(given)
        }
        (None, Some(pasted)) => {
            crate::terminal::diagnostics::note(format_args!(
                "the pasted request's {field} is {} (the SDK's); {option} overrides it",
                printable(pasted)
            ));
            Some(pasted)
        }
        _ => given,
    }
}

/// The Inbox URL as copied from a browser's network tab ends in `/q`, the GraphQL endpoint the
/// probe appends itself: take its base, and say so, rather than post to `/q/q`.
fn without_graphql_path<'a>(text: &'a str, origin: &str) -> &'a str {
    let trimmed = text.trim_end_matches('/');
    let Some(base) = trimmed.strip_suffix(INBOX_GRAPHQL_PATH) else {
        return text;
    };
    let has_host = base
        .split_once("://")
        .is_some_and(|(_, authority)| !authority.is_empty());
    if !has_host {
        return text;
    }
    let shown = printable(base);
    crate::terminal::diagnostics::note(format_args!(
        "{origin} ends in {INBOX_GRAPHQL_PATH}, the Inbox's GraphQL endpoint; using its base {shown} (the probe posts to {shown}{INBOX_GRAPHQL_PATH})"
    ));
    base
}
