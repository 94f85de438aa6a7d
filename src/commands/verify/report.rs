//! How `verify` reports a verdict: a line for people (`valid: user u, expires ... (in 1h)` or
//! `invalid: <why> [<reason code>]`, with ` (line N)` when read from a stream), one JSON object
//! per token (with `"line": N` from a stream), or nothing. Written straight
//! into a byte buffer, with the expiry phrase cached, because bulk verification writes a
//! million of these.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::commands::resolved::ResolvedOptions;
use crate::scope;
use crate::shown::printable::{printable, printable_json};
use crate::shown::redaction::Redaction;
use crate::terminal::date_zone::DateZone;
use crate::token::Verdict;
use crate::worded::{Worded, Wording};

/// How verdicts are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Report {
    Text,
    Json,
    Quiet,
}

/// Renders verdicts in one [`Report`] form.
pub(super) struct VerdictWriter {
    report: Report,
    now: i64,
    dates: DateZone,
    /// What a rejection's sentence may quote.
    redaction: Redaction,
    valid_label: String,
    invalid_label: String,
    /// The last expiry rendered: tokens minted together share one.
    cached_expiry: Option<(u64, String)>,
}

impl VerdictWriter {
    /// Colour and the zone of instants follow the resolved options.
    pub(super) fn new(report: Report, options: &ResolvedOptions) -> Self {
        Self {
            report,
            now: options.now,
            dates: options.dates.clone(),
            redaction: options.redaction.clone(),
            valid_label: options.palette.green_bold("valid").to_string(),
            invalid_label: options.palette.red_bold("invalid").to_string(),
            cached_expiry: None,
        }
    }

    /// Appends the report of one verdict (with its newline) to `out`; `line` is the input line
    /// the token came from when there can be many (JSON `"line": N`, text `(line N)` at the end).
    pub(super) fn write(&mut self, out: &mut Vec<u8>, verdict: &Verdict, line: Option<u64>) {
        match self.report {
            Report::Quiet => {}
            Report::Json => {
                let text = serde_json::to_string(&VerdictJson::of(verdict, line, self.wording()))
                    .unwrap_or_default();
                out.extend_from_slice(printable_json(&text).as_bytes());
                out.push(b'\n');
            }
            Report::Text => {
                self.write_text(out, verdict);
                if let Some(line) = line {
                    out.extend_from_slice(b" (line ");
                    push_decimal(out, line);
                    out.push(b')');
                }
                out.push(b'\n');
            }
        }
    }

    /// How a rejection is worded: the run's zone and redaction.
    fn wording(&self) -> Wording<'_> {
        Wording {
            dates: &self.dates,
            redaction: &self.redaction,
        }
    }

    /// The verdict for people, without its newline.
    fn write_text(&mut self, out: &mut Vec<u8>, verdict: &Verdict) {
        if let Some(rejection) = &verdict.rejection {
            let _ = write!(
                out,
                "{}: {} [{}]",
                self.invalid_label,
                printable(&rejection.detail.worded(self.wording())),
                rejection.reason.code()
            );
            return;
        }
        out.extend_from_slice(self.valid_label.as_bytes());
        out.extend_from_slice(b": ");
        let mut users = scope::user_ids_in(verdict.scope.as_deref().unwrap_or("")).peekable();
        if users.peek().is_none() {
            out.extend_from_slice(b"no user");
        } else {
            out.extend_from_slice(b"user ");
            for (index, user) in users.enumerate() {
                if index > 0 {
                    out.extend_from_slice(b", ");
                }
                out.extend_from_slice(printable(user).as_bytes());
            }
        }
        out.extend_from_slice(b", ");
        match verdict.expires_at {
            Some(exp) => {
                let now = self.now;
                let cached = self
                    .cached_expiry
                    .get_or_insert_with(|| (exp, String::new()));
                if cached.0 != exp || cached.1.is_empty() {
                    let when = match i64::try_from(exp) {
                        Ok(exp) => self.dates.describe_instant(exp, now),
                        Err(_) => format!("{exp} (not a representable date)"),
                    };
                    *cached = (exp, format!("expires {when}"));
                }
                out.extend_from_slice(cached.1.as_bytes());
            }
            None => out.extend_from_slice(b"never expires"),
        }
    }
}

/// The `--json` object for one verdict (courier-token-verify(1), JSON OUTPUT); `line` only
/// when the token came from a stream of many.
#[derive(Serialize)]
struct VerdictJson<'a> {
    valid: bool,
    reason: Option<&'static str>,
    message: Option<String>,
    header: &'a Option<Map<String, Value>>,
    claims: &'a Option<Map<String, Value>>,
    expires_at: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
}

impl<'a> VerdictJson<'a> {
    fn of(verdict: &'a Verdict, line: Option<u64>, wording: Wording<'_>) -> Self {
        VerdictJson {
            valid: verdict.is_valid(),
            reason: verdict.rejection.as_ref().map(|r| r.reason.code()),
            message: verdict.rejection.as_ref().map(|r| r.detail.worded(wording)),
            header: &verdict.header,
            claims: &verdict.claims,
            expires_at: verdict.expires_at,
            line,
        }
    }
}

/// Appends `number` in decimal, as `write!` would, without the formatting machinery (bulk
/// `verify` writes one line number per token).
fn push_decimal(out: &mut Vec<u8>, mut number: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_line_numbers_as_format_writes_them() {
        for number in [0, 7, 10, 99, 1_000_000, u64::MAX] {
            let mut out = b"x".to_vec();
            push_decimal(&mut out, number);
            assert_eq!(out, format!("x{number}").into_bytes());
        }
    }
}
