//! `hmac-sign --user-ids-from`: sign every line's user id (`USER_ID<TAB>SIGNATURE` lines or JSON
//! Lines), or, with `--verify`, check every `USER_ID<TAB>SIGNATURE` line or JSON Lines record
//! (what signing writes): one verdict per line, in input order, exit 1 when any signature does not match. Lines follow
//! the rules every bulk mode shares (`options::user_ids_from`).

use std::io::{Read, Write};
use std::path::Path;

use crate::bulk::{
    available_workers, line_text, run_bulk, BulkInput, BulkTotals, LineAnswer, LineFailure,
    LineProcessor,
};
use crate::commands::options::keys::{key_option, refuse_key_and_user_ids_on_stdin};
use crate::commands::options::scopes::hmac_inner_whitespace_note;
use crate::commands::options::user_ids_from::{
    blank_line, close_json_record, nothing_to_do, open_json_record, open_user_ids, user_id_in_text,
    LineRules, UserIdLine,
};
use crate::commands::resolved::ResolvedOptions;
use crate::scope::UserIdUse;
use crate::shown::printable::printable;
use crate::terminal::exit_codes::Outcome;
use crate::token::Signer;
use crate::user_signature::{push_user_signature, verify_user_signature};

pub(super) fn sign(
    path: &Path,
    json: bool,
    skip_blank_lines: bool,
    context: &ResolvedOptions,
) -> anyhow::Result<Outcome> {
    let run =
        |signer: &Signer, spaced: &FirstSpacedId, rules: LineRules<'_>, input, out: &mut _| {
            run_bulk(input, out, available_workers(), || SignaturePerLine {
                signer,
                json,
                rules,
                spaced,
                scratch: String::new(),
            })
        };
    run_lines(path, skip_blank_lines, context, "user id", run)
}

pub(super) fn verify(
    path: &Path,
    json: bool,
    skip_blank_lines: bool,
    context: &ResolvedOptions,
) -> anyhow::Result<Outcome> {
    let run =
        |signer: &Signer, spaced: &FirstSpacedId, rules: LineRules<'_>, input, out: &mut _| {
            run_bulk(input, out, available_workers(), || VerdictPerLine {
                signer,
                json,
                rules,
                spaced,
                scratch: String::new(),
            })
        };
    run_lines(
        path,
        skip_blank_lines,
        context,
        "USER_ID<TAB>SIGNATURE line",
        run,
    )
}

type Input = BulkInput<Box<dyn Read + Send>>;
use crate::terminal::output::Stdout;

/// Opens the input, runs `run` over it, notes the first id with a space, and decides the exit.
fn run_lines(
    path: &Path,
    skip_blank_lines: bool,
    context: &ResolvedOptions,
    line_kind: &str,
    run: impl FnOnce(
        &Signer,
        &FirstSpacedId,
        LineRules<'_>,
        Input,
        &mut Stdout,
    ) -> anyhow::Result<BulkTotals>,
) -> anyhow::Result<Outcome> {
    refuse_key_and_user_ids_on_stdin(&context.key_source, path)?;
    let signer = Signer::new(&key_option(&context.key_source, &context.redaction)?);
    let mut input = open_user_ids(path, &context.redaction)?;
    // A signature line is about six times its id (a token line twenty): larger blocks, fewer
    // hand-offs between threads, and still well under a MiB of output per block.
    input.block_bytes = 128 * 1024;
    let name = input.name.clone();
    let rules = LineRules {
        used: UserIdUse::Signature,
        skip_blank_lines,
        redaction: &context.redaction,
    };
    let spaced = FirstSpacedId::default();
    let mut out = Stdout;
    let totals = run(&signer, &spaced, rules, input, &mut out)?;
    out.flush()?;
    if let Some((line, user_id, inner)) = spaced.0.into_inner().ok().flatten() {
        crate::terminal::diagnostics::note(format_args!(
            "note: {name} line {line}: {}",
            hmac_inner_whitespace_note(&user_id, inner, &context.redaction)
        ));
    }
    if totals.lines == 0 {
        return Err(nothing_to_do(&name, line_kind));
    }
    Ok(if totals.negatives > 0 {
        Outcome::Negative
    } else {
        Outcome::Success
    })
}

/// The lowest-numbered line whose id holds a space (signed as given; noted once after the run).
#[derive(Debug, Default)]
struct FirstSpacedId(std::sync::Mutex<Option<(u64, String, char)>>);

impl FirstSpacedId {
    #[inline]
    fn record(&self, line: u64, read: UserIdLine<'_>) {
        if let Some(inner) = read.inner_whitespace {
            self.record_spaced(line, read.user_id, inner);
        }
    }

    #[cold]
    fn record_spaced(&self, line: u64, user_id: &str, inner: char) {
        if let Ok(mut first) = self.0.lock() {
            if first.as_ref().is_none_or(|(earlier, _, _)| line < *earlier) {
                *first = Some((line, user_id.to_string(), inner));
            }
        }
    }
}

/// Signs one line's user id: `USER_ID<TAB>SIGNATURE`, or a JSON Lines object.
struct SignaturePerLine<'a> {
    signer: &'a Signer,
    json: bool,
    rules: LineRules<'a>,
    spaced: &'a FirstSpacedId,
    scratch: String,
}

impl LineProcessor for SignaturePerLine<'_> {
    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        self.process_text(number, line_text(line, "not valid UTF-8")?, out)
    }

    fn process_text(
        &mut self,
        number: u64,
        line: &str,
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        let Some(read) = user_id_in_text(line, self.rules)? else {
            return Ok(None);
        };
        self.spaced.record(number, read);
        let user_id = read.user_id;
        if self.json {
            open_json_record(out, &mut self.scratch, user_id, "user_signature");
            push_user_signature(self.signer, user_id, out);
            close_json_record(out);
        } else {
            push_shown_user_id(out, user_id);
            out.push(b'\t');
            push_user_signature(self.signer, user_id, out);
            out.push(b'\n');
        }
        Ok(Some(LineAnswer::Positive))
    }
}

/// Checks one `USER_ID<TAB>SIGNATURE` line (what [`SignaturePerLine`] writes).
struct VerdictPerLine<'a> {
    signer: &'a Signer,
    json: bool,
    rules: LineRules<'a>,
    spaced: &'a FirstSpacedId,
    scratch: String,
}

impl LineProcessor for VerdictPerLine<'_> {
    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        self.process_text(number, line_text(line, "not valid UTF-8")?, out)
    }

    /// `USER_ID<TAB>valid|invalid`, or JSON Lines `{"user_id","valid"}` as single `--verify
    /// --json` prints. A signature that cannot be read stops the run, as in single mode (exit 2).
    fn process_text(
        &mut self,
        number: u64,
        line: &str,
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        let from_json;
        let (user_id, signature) = if line.starts_with('{') {
            from_json = signed_record(line)?;
            (from_json.0.as_str(), from_json.1.as_str())
        } else if let Some(pair) = line.split_once('\t') {
            pair
        } else if line.trim().is_empty() {
            return blank_line(self.rules);
        } else {
            return Err(LineFailure(
                "no tab: expected USER_ID<TAB>SIGNATURE, as hmac-sign --user-ids-from writes"
                    .to_string(),
            ));
        };
        if user_id.trim().is_empty() {
            return Err(LineFailure(
                "the user id before the tab is empty".to_string(),
            ));
        }
        let Some(read) = user_id_in_text(user_id, self.rules)? else {
            return Ok(None);
        };
        self.spaced.record(number, read);
        let user_id = read.user_id;
        let valid = verify_user_signature(self.signer, user_id, signature)
            .map_err(|malformed| LineFailure(malformed.0))?;
        if self.json {
            open_json_record(out, &mut self.scratch, user_id, "valid");
            // `open_json_record` opened a string; a boolean replaces its quote.
            out.pop();
            out.extend_from_slice(if valid { b"true}\n" } else { b"false}\n" });
        } else {
            push_shown_user_id(out, user_id);
            out.extend_from_slice(if valid { b"\tvalid\n" } else { b"\tinvalid\n" });
        }
        Ok(Some(if valid {
            LineAnswer::Positive
        } else {
            LineAnswer::Negative
        }))
    }
}

/// A JSON Lines record of `hmac-sign --user-ids-from --json`: its user id and signature.
fn signed_record(line: &str) -> Result<(String, String), LineFailure> {
    let record: serde_json::Value = serde_json::from_str(line)
        .map_err(|_| LineFailure("a line starting with { is not a JSON object".to_string()))?;
    let field = |name: &str| record.get(name).and_then(serde_json::Value::as_str);
    match (field("user_id"), field("user_signature")) {
        (Some(user_id), Some(signature)) => Ok((user_id.to_string(), signature.to_string())),
        _ => Err(LineFailure(
            "a JSON line needs \"user_id\" and \"user_signature\" strings, as hmac-sign --user-ids-from --json writes".to_string(),
        )),
    }
}

/// The user id on a text line: as it is when ASCII (the user-id rule leaves only printable
/// characters and spaces there), else through the escaping rule (`printable`).
fn push_shown_user_id(out: &mut Vec<u8>, user_id: &str) {
    if user_id.is_ascii() {
        out.extend_from_slice(user_id.as_bytes());
    } else {
        out.extend_from_slice(printable(user_id).as_bytes());
    }
}
