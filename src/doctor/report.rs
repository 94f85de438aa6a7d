//! Rendering a [`Diagnosis`]: text (one line per check — symbol, code, message — then the
//! verdict) or the stable `--json` document
//! `{"ok","verdict","checks":[{"code","status","message"}],"probes":[{"url","tenant",
//! "http_status","accepted","unread"}]}`. Text from the token or from Courier is escaped for the
//! terminal; colour follows the global setting and JSON never has any. Writing only.

use std::io::Write;

use colored::{ColoredString, Colorize};
use serde_json::{json, Value};

use super::check::Status;
use super::Diagnosis;
use crate::printable::printable;

/// Width of the code column: the longest code, `client_key_not_token`, plus a space.
const CODE_WIDTH: usize = 21;

/// The text report.
pub fn write_text(out: &mut impl Write, diagnosis: &Diagnosis) -> std::io::Result<()> {
    for check in &diagnosis.checks {
        writeln!(
            out,
            "{} {:<CODE_WIDTH$} {}",
            symbol(check.status),
            check.code,
            printable(&check.message)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", printable(&diagnosis.verdict).bold())
}

fn symbol(status: Status) -> ColoredString {
    match status {
        Status::Pass => "✓".green().bold(),
        Status::Warn => "!".yellow().bold(),
        Status::Fail => "✗".red().bold(),
        Status::Info => "i".blue(),
    }
}

/// The `--json` document.
pub fn to_json(diagnosis: &Diagnosis) -> Value {
    json!({
        "ok": diagnosis.ok(),
        "verdict": diagnosis.verdict,
        "checks": diagnosis
            .checks
            .iter()
            .map(|check| json!({
                "code": check.code,
                "status": check.status.as_str(),
                "message": check.message,
            }))
            .collect::<Vec<_>>(),
        "probes": diagnosis
            .probes
            .iter()
            .map(super::ProbeResult::to_json)
            .collect::<Vec<_>>(),
    })
}
