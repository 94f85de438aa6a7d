//! The command line resolved once (ripgrep's `HiArgs`): [`ResolvedOptions`] is built from
//! clap's global options in one place and handed to every subcommand, which never reads clap's
//! globals itself. It holds the time standing in for "now", where the key comes from, the
//! [`Palette`] (colour), the [`DateZone`] instants are shown in and the [`Redaction`] (what
//! errors may quote). The wording of their errors for the terminal (`--now`, `--key-env`) lives
//! here; the domain modules behind them (`clock`, `key`) return typed errors.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{ColorChoice, DateChoice, GlobalArgs};
use crate::clock;
use crate::clock::TimeError;
use crate::key::{KeySource, API_KEY_ENV, LEGACY_API_KEY_ENV};
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;
use crate::terminal::error::user_error_with_hint;
use crate::terminal::palette::Palette;
use crate::worded::Wording;

/// Global settings, resolved.
#[derive(Debug, Clone)]
pub struct ResolvedOptions {
    /// Unix seconds: `--now` or the clock.
    pub now: i64,
    /// True when `--now` pinned the clock.
    pub now_is_pinned: bool,
    pub key_source: KeySource,
    /// Whether and how text output is coloured (`--color`).
    pub palette: Palette,
    /// The zone instants are shown in (`--date`).
    pub dates: DateZone,
    /// What errors may quote: the key sources whose values are never echoed.
    pub redaction: Redaction,
    /// Whether stderr is a terminal (for summaries meant for people only).
    pub stderr_is_terminal: bool,
}

impl ResolvedOptions {
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Self> {
        let redaction = Redaction::for_key_sources(
            global
                .key_file
                .as_deref()
                .filter(|path| *path != Path::new("-")),
            [API_KEY_ENV, LEGACY_API_KEY_ENV]
                .into_iter()
                .chain(global.key_env.as_deref()),
        );
        if let Some(name) = global.key_env.as_deref().filter(|n| n.trim().is_empty()) {
            return Err(user_error_with_hint(
                format!("--key-env {} is empty", redaction.quoted(name)),
                "name the environment variable that holds the key, e.g. --key-env COURIER_API_KEY",
            ));
        }
        let dates = match global.date {
            DateChoice::Utc => DateZone::utc(),
            DateChoice::Local => {
                let (dates, problem) = DateZone::local();
                if let Some(problem) = problem {
                    crate::terminal::diagnostics::warning(format_args!(
                        "TZ={} {}, so --date local shows UTC",
                        redaction.quoted(&problem.tz),
                        problem.why
                    ));
                }
                dates
            }
        };
        let (now, now_is_pinned) = match &global.now {
            Some(text) => (now_option(text, &redaction)?, true),
            None => (clock::system_now(), false),
        };
        Ok(Self {
            now,
            now_is_pinned,
            key_source: KeySource::from_options(
                global.key_file.as_deref(),
                global.key_env.as_deref(),
            ),
            palette: Palette::resolve(match global.color {
                ColorChoice::Always => Some(true),
                ColorChoice::Never => Some(false),
                ColorChoice::Auto => None,
            }),
            dates,
            redaction,
            stderr_is_terminal: std::io::stderr().is_terminal(),
        })
    }

    /// How this run words what it shows: its zone and its redaction.
    pub fn wording(&self) -> Wording<'_> {
        Wording {
            dates: &self.dates,
            redaction: &self.redaction,
        }
    }
}

/// `--now`, with the clock's typed error worded for the option.
fn now_option(text: &str, redaction: &Redaction) -> anyhow::Result<i64> {
    const HINT: &str = "give Unix seconds (1700000000) or RFC 3339 (2024-05-01T12:00:00Z)";
    clock::parse_now(text).map_err(|error| {
        let shown = redaction.quoted(text.trim());
        match error {
            TimeError::NotATime => {
                user_error_with_hint(format!("--now {shown} is not a time"), HINT)
            }
            TimeError::BeforeEpoch => user_error_with_hint(
                format!("--now {shown} is before 1970-01-01T00:00:00Z"),
                HINT,
            ),
            TimeError::LooksLikeMilliseconds { seconds } => user_error_with_hint(
                format!("--now {shown} is after the year 9999; it looks like milliseconds"),
                format!("--now takes Unix seconds: --now {seconds}"),
            ),
            TimeError::AfterYear9999 => {
                user_error_with_hint(format!("--now {shown} is after the year 9999"), HINT)
            }
        }
    })
}
