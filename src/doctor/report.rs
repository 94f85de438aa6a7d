//! Rendering a [`Diagnosis`]: text (one line per check — symbol, code, message — then, for the
//! audit, the table of modes, then the verdict) or the stable `--json` document
//! `{"ok","verdict","checks":[{"code","status","message"}],"probes":[{"mode","channel","url",
//! "tenant","http_status","accepted","unread"}],"audit":[{"mode","channel","accepted",
//! "http_status","note"}]}`, with `"error"` when Courier could not be asked. Text from the token or from Courier is escaped for the
//! terminal; colour follows the run's `Palette` and JSON never has any. Writing only.

use std::io::Write;

use super::finding::Status;
use super::json_shape::DiagnosisJson;
use super::Diagnosis;
use crate::shown::printable::printable;
use crate::terminal::palette::{Painted, Palette};

/// Least width of the code column: `client_key_not_token` plus a space; longer codes widen it.
const CODE_WIDTH: usize = 21;

/// The text report.
pub fn write_text(
    out: &mut impl Write,
    diagnosis: &Diagnosis,
    palette: Palette,
) -> std::io::Result<()> {
    let width = diagnosis
        .checks
        .iter()
        .map(|check| check.code.len() + 1)
        .fold(CODE_WIDTH, usize::max);
    for check in &diagnosis.checks {
        writeln!(
            out,
            "{} {:<width$} {}",
            symbol(check.status, palette),
            check.code,
            printable(&check.message)
        )?;
    }
    if !diagnosis.audit.is_empty() {
        writeln!(out)?;
        write_audit_table(out, diagnosis, palette)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", palette.bold(printable(&diagnosis.verdict)))
}

/// The audit's table: mode, HTTP status, whether the workspace accepts it, a note.
fn write_audit_table(
    out: &mut impl Write,
    diagnosis: &Diagnosis,
    palette: Palette,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<16} {:<6} {:<10} note",
        "mode", "status", "workspace"
    )?;
    for row in &diagnosis.audit {
        let status = row
            .http_status
            .map_or_else(|| "-".to_string(), |status| status.to_string());
        let padded = format!("{:<10}", row.answer());
        let answer = match (row.mode, row.accepted) {
            (super::Mode::ClientKey, Some(true)) => palette.red_bold(padded),
            (_, Some(true)) => palette.green(padded),
            _ => palette.normal(padded),
        };
        let line = format!(
            "{:<16} {status:<6} {answer} {}",
            row.label(),
            printable(&row.note)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn symbol(status: Status, palette: Palette) -> Painted<'static> {
    match status {
        Status::Pass => palette.green_bold("✓"),
        Status::Warn => palette.yellow_bold("!"),
        Status::Fail => palette.red_bold("✗"),
        Status::Info => palette.blue("i"),
    }
}

/// The `--json` document (its shape is `json_shape`'s).
pub fn to_json(diagnosis: &Diagnosis) -> DiagnosisJson<'_> {
    DiagnosisJson::of(diagnosis)
}
