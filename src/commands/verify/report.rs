//! How `verify` reports a verdict: a line for people (`valid: user u, expires ... (in 1h)` or
//! `invalid: <why> [<reason code>]`, with ` (line N)` when read from a stream), one JSON object
//! per token (with `"line": N` from a stream), or nothing. Written straight
//! into a byte buffer, with the expiry phrase cached, because bulk verification writes a
//! million of these.

use std::io::Write;

use colored::Colorize;
use serde_json::{json, Value};

use crate::clock::describe_instant;
use crate::printable::{printable, printable_json};
use crate::scope;
use crate::token::Verdict;
use crate::worded::Worded;

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
    valid_label: String,
    invalid_label: String,
    /// The last expiry rendered: tokens minted together share one.
    cached_expiry: Option<(u64, String)>,
}

impl VerdictWriter {
    /// Colour follows the global `colored` setting at the time of creation.
    pub(super) fn new(report: Report, now: i64) -> Self {
        Self {
            report,
            now,
            valid_label: "valid".green().bold().to_string(),
            invalid_label: "invalid".red().bold().to_string(),
            cached_expiry: None,
        }
    }

    /// Appends the report of one verdict (with its newline) to `out`; `line` is the input line
    /// the token came from when there can be many (JSON `"line": N`, text `(line N)` at the end).
    pub(super) fn write(&mut self, out: &mut Vec<u8>, verdict: &Verdict, line: Option<u64>) {
        match self.report {
            Report::Quiet => {}
            Report::Json => {
                let mut object = verdict_json(verdict);
                if let (Some(line), Value::Object(members)) = (line, &mut object) {
                    members.insert("line".to_string(), Value::from(line));
                }
                out.extend_from_slice(printable_json(&object.to_string()).as_bytes());
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

    /// The verdict for people, without its newline.
    fn write_text(&mut self, out: &mut Vec<u8>, verdict: &Verdict) {
        if let Some(rejection) = &verdict.rejection {
            let _ = write!(
                out,
                "{}: {} [{}]",
                self.invalid_label,
                printable(&rejection.detail.worded()),
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
                        Ok(exp) => describe_instant(exp, now),
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

/// The `--json` object for one verdict.
pub(super) fn verdict_json(verdict: &Verdict) -> Value {
    json!({
        "valid": verdict.is_valid(),
        "reason": verdict.rejection.as_ref().map(|r| r.reason.code()),
        "message": verdict.rejection.as_ref().map(|r| r.detail.worded()),
        "header": verdict.header,
        "claims": verdict.claims,
        "expires_at": verdict.expires_at,
    })
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
