//! `verify`: strict verification of one token, or of many (one per line on stdin), each
//! reported in order and, from stdin, with its input line number. The token is found as
//! `extract` finds it for `inspect` and `doctor`; stdin is read one token per line when its
//! first non-blank line holds one, else as one pasted text. The checks themselves are `token::verify`; this file reads the input and
//! picks the exit code; `report` renders the verdicts.

mod not_a_token;
mod report;

use std::io::{Cursor, Read, Write};

use super::options::durations::length_option;
use crate::bulk::{
    available_workers, line_text, run_bulk, BulkInput, LineAnswer, LineFailure, LineProcessor,
};
use crate::cli::VerifyArgs;
use crate::commands::options::keys::{key_in_use, key_option};
use crate::commands::options::pasted::{tell_notes, PastedInput};
use crate::commands::options::scopes::user_id_option;
use crate::commands::resolved::ResolvedOptions;
use crate::duration;
use crate::extract::wrapping::is_bare;
use crate::extract::{
    extract_text, is_one_token_per_line, starts_with_header_line, strip_token_wrapping, Extraction,
};
use crate::reading::input::{io_reason, MAX_INPUT_BYTES};
use crate::shown::redaction::Redaction;
use crate::terminal::error::{user_error, user_error_with_hint};
use crate::terminal::exit_codes::Outcome;
use crate::terminal::output::written;
use crate::token::{verify_token, verify_token_with_json, Policy, Reason, Signer, Verdict};
use not_a_token::{name_a_cut_off_token, pasted_secret_verdict};
use report::{Report, VerdictWriter};

pub fn run(args: &VerifyArgs, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    let policy = resolve_policy(args, context.now, &context.redaction)?;
    let report = if args.quiet {
        Report::Quiet
    } else if args.json {
        Report::Json
    } else {
        Report::Text
    };
    let input = PastedInput {
        argument: args.input.token.as_deref(),
        from: args.input.from.as_deref(),
        command: "verify",
    };
    input.refuse_unreadable(&context.key_source)?;
    let single = Single {
        report,
        policy: &policy,
        context,
    };
    if let Some(text) = input.argument_text().filter(|_| args.input.from.is_none()) {
        let extraction = extract_text(text);
        input.refuse_empty(&extraction)?;
        tell_notes(&extraction);
        return single.verify(&extraction);
    }
    let mut reader = input.open()?;
    let head = read_first_line(&mut reader, &input.name())?;
    let rest = Cursor::new(head).chain(reader);
    if first_line_holds_a_token(rest.get_ref().0.get_ref()) {
        return verify_stream(rest, &input.name(), report, &policy, context);
    }
    // Not one token per line: one pasted text (a curl command, pretty-printed JSON, a token cut
    // over lines), read as `inspect` reads it.
    let header_first =
        std::str::from_utf8(rest.get_ref().0.get_ref()).is_ok_and(starts_with_header_line);
    let extraction = input.extract_from(rest)?;
    // Header lines each with a token of its own (`grep 'Authorization: Bearer' access.log`)
    // are a stream, every token checked; a request's header block holds one token.
    let header_lines = header_first && extraction.count() > 1 && extraction.text.is_some();
    if extraction.token().is_some() && !header_lines {
        tell_notes(&extraction);
        return single.verify(&extraction);
    }
    match extraction.text {
        Some(text) => verify_stream(
            Cursor::new(text.into_bytes()),
            &input.name(),
            report,
            &policy,
            context,
        ),
        None => Err(user_error_with_hint(
            format!("no token found in {}", input.name()),
            "pass tokens one per line, or a text holding one",
        )),
    }
}

/// One token's verdict, written without a line number.
struct Single<'a> {
    report: Report,
    policy: &'a Policy,
    context: &'a ResolvedOptions,
}

impl Single<'_> {
    fn verify(&self, extraction: &Extraction) -> anyhow::Result<Outcome> {
        let text = extraction.text.as_deref().unwrap_or("");
        let token = extraction
            .token()
            .unwrap_or_else(|| strip_token_wrapping(text));
        // A pasted API key is explained even when no key is at hand.
        let verdict = match pasted_secret_verdict(token) {
            Some(verdict) => verdict,
            None => {
                let signer = Signer::new(&key_option(
                    &self.context.key_source,
                    &self.context.redaction,
                )?);
                let mut verdict = verify_for(self.report)(token, &signer, self.policy);
                name_the_key(
                    &mut verdict,
                    &key_in_use(&self.context.key_source, &self.context.redaction),
                );
                verdict
            }
        };
        let mut verdict = verdict;
        name_a_cut_off_token(&mut verdict, token);
        let mut out_text = Vec::new();
        VerdictWriter::new(self.report, self.context).write(&mut out_text, &verdict, None);
        let mut out = crate::terminal::output::Stdout;
        let decided = outcome(verdict.is_valid());
        written(out.write_all(&out_text).and_then(|()| out.flush()), decided)
    }
}

/// Reads up to the end of the first non-blank line (or [`MAX_INPUT_BYTES`], or the end).
fn read_first_line(reader: &mut impl Read, name: &str) -> anyhow::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let count = match reader.read(&mut chunk) {
            Ok(0) => return Ok(head),
            Ok(count) => count,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => {
                return Err(user_error(format!(
                    "could not read {name}: {}",
                    io_reason(&error)
                )))
            }
        };
        let searched_from = head.len();
        head.extend_from_slice(&chunk[..count]);
        let content = head.iter().position(|byte| !byte.is_ascii_whitespace());
        let line_ends = content.is_some_and(|start| {
            memchr::memchr(b'\n', &head[start.max(searched_from)..]).is_some()
        });
        if line_ends || head.len() > MAX_INPUT_BYTES {
            return Ok(head);
        }
    }
}

/// True when the input is read one token per line: its first non-blank line says so
/// (`extract::is_one_token_per_line`), or cannot start one pasted text (nothing there, not
/// UTF-8, too long).
fn first_line_holds_a_token(head: &[u8]) -> bool {
    let Some(start) = head.iter().position(|byte| !byte.is_ascii_whitespace()) else {
        return true;
    };
    let Some(length) = memchr::memchr(b'\n', &head[start..]) else {
        // A first line over the bound: a JSON document (a HAR export) is one paste; anything
        // else is a line too long for a token, which the stream refuses by its number.
        return head.len() <= MAX_INPUT_BYTES || !matches!(head[start], b'{' | b'[');
    };
    match std::str::from_utf8(&head[start..start + length]) {
        Ok(line) => is_one_token_per_line(line),
        Err(_) => true,
    }
}

/// Bulk: one verdict per line, each naming its line.
fn verify_stream(
    reader: impl Read + Send,
    name: &str,
    report: Report,
    policy: &Policy,
    context: &ResolvedOptions,
) -> anyhow::Result<Outcome> {
    let signer = Signer::new(&key_option(&context.key_source, &context.redaction)?);
    let key_name = key_in_use(&context.key_source, &context.redaction);
    let input = BulkInput {
        reader,
        name: name.to_string(),
        max_line: MAX_INPUT_BYTES,
        // A verdict is shorter than its token: large blocks, few hand-offs.
        block_bytes: 256 * 1024,
    };
    let mut out = crate::terminal::output::Stdout;
    let totals = run_bulk(input, &mut out, available_workers(), || VerdictPerLine {
        signer: &signer,
        key_name: &key_name,
        policy,
        verify: verify_for(report),
        writer: VerdictWriter::new(report, context),
    })?;
    out.flush()?;
    if totals.lines == 0 {
        return Err(user_error_with_hint(
            format!("no token on {name}"),
            "pipe tokens in, one per line",
        ));
    }
    Ok(outcome(totals.negatives == 0))
}

fn outcome(all_valid: bool) -> Outcome {
    if all_valid {
        Outcome::Success
    } else {
        Outcome::Negative
    }
}

/// Verifies the token on one line of a stream and writes its verdict.
struct VerdictPerLine<'a> {
    signer: &'a Signer,
    /// Which key the signature was checked with, for a `bad_signature` verdict.
    key_name: &'a str,
    policy: &'a Policy,
    verify: fn(&str, &Signer, &Policy) -> Verdict,
    writer: VerdictWriter,
}

impl LineProcessor for VerdictPerLine<'_> {
    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        let text = line_text(line, "not UTF-8 text; a token is ASCII")?;
        self.process_text(number, text, out)
    }

    fn process_text(
        &mut self,
        number: u64,
        text: &str,
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        let blank =
            !text.as_bytes().first().is_some_and(u8::is_ascii_graphic) && text.trim().is_empty();
        if blank {
            return Ok(None);
        }
        let mut verdict = verify_input(self.verify, text, self.signer, self.policy, number);
        name_the_key(&mut verdict, self.key_name);
        self.writer.write(out, &verdict, Some(number));
        Ok(Some(if verdict.is_valid() {
            LineAnswer::Positive
        } else {
            LineAnswer::Negative
        }))
    }
}

/// A `bad_signature` verdict says which key it tried (`the key from COURIER_API_KEY`, a file
/// path), so a wrong or stale key source is found at once. Never the key itself.
fn name_the_key(verdict: &mut Verdict, key_name: &str) {
    if let Some(rejection) = verdict
        .rejection
        .as_mut()
        .filter(|rejection| rejection.reason == Reason::BadSignature)
    {
        rejection.detail = format!("the signature does not match {key_name}").into();
    }
}

/// Verifies one line of a stream: a bare token as it is (the fast path of a million-line run),
/// anything else — or a bare line that is malformed as a token — as `extract` reads it. A line
/// is one token, so a `.` after it is not a sentence's end: such a line stays rejected, with
/// a hint.
fn verify_input(
    verify: fn(&str, &Signer, &Policy) -> Verdict,
    text: &str,
    signer: &Signer,
    policy: &Policy,
    number: u64,
) -> Verdict {
    let mut as_written = None;
    if is_bare(text) {
        let verdict = verify(text, signer, policy);
        let malformed = verdict.rejection.as_ref().is_some_and(|rejection| {
            matches!(
                rejection.reason,
                Reason::MalformedSegments | Reason::MalformedBase64 | Reason::MalformedHeader
            )
        });
        if !malformed {
            return verdict;
        }
        as_written = Some(verdict);
    }
    let extraction = extract_text(text);
    if let (Some(mut verdict), Some(token)) = (as_written, extraction.token()) {
        if text.strip_suffix('.') == Some(token) {
            if let Some(rejection) = verdict.rejection.as_mut() {
                rejection
                    .detail
                    .push_text(" (a '.' after the token: without it, the line is a JWT)");
            }
            return verdict;
        }
    }
    for note in extraction.notes() {
        crate::terminal::diagnostics::note(format_args!("line {number}: {note}"));
    }
    let token = extraction
        .token()
        .unwrap_or_else(|| strip_token_wrapping(text));
    let mut verdict = pasted_secret_verdict(token).unwrap_or_else(|| verify(token, signer, policy));
    name_a_cut_off_token(&mut verdict, token);
    verdict
}

/// The verifier for a report: JSON needs the decoded header and claims; the others do not.
fn verify_for(report: Report) -> fn(&str, &Signer, &Policy) -> Verdict {
    match report {
        Report::Json => verify_token_with_json,
        Report::Text | Report::Quiet => verify_token,
    }
}

fn resolve_policy(args: &VerifyArgs, now: i64, redaction: &Redaction) -> anyhow::Result<Policy> {
    if let Some(user_id) = &args.user_id {
        user_id_option(user_id, redaction)?;
    }
    if let Some(blank) = args.required_scopes.iter().find(|s| s.trim().is_empty()) {
        return Err(user_error_with_hint(
            format!("--require-scope {} is empty", redaction.quoted(blank)),
            "name the scope to require, e.g. --require-scope inbox:read:messages, or drop the option",
        ));
    }
    if let Some(blank) = args.audiences.iter().find(|a| a.trim().is_empty()) {
        return Err(user_error_with_hint(
            format!("--audience {} is empty", redaction.quoted(blank)),
            "name the audience a token's \"aud\" may hold, or drop the option",
        ));
    }
    Ok(Policy {
        now,
        leeway: parse_leeway(&args.leeway, redaction)?,
        user_id: args.user_id.clone(),
        audiences: args.audiences.clone(),
        required_scopes: args
            .required_scopes
            .iter()
            .flat_map(|s| s.split_whitespace())
            .map(str::to_string)
            .collect(),
        require_exp: args.require_exp,
    })
}

/// Longest `--leeway` accepted: more would be no check at all.
const MAX_LEEWAY_SECONDS: u64 = 10 * 365 * 86_400;

/// `--leeway`: seconds, or a duration such as `30s`, `2m` or `1m 30s`; whole seconds count
/// (a fraction is dropped, never rounded up into more leeway).
pub fn parse_leeway(text: &str, redaction: &Redaction) -> anyhow::Result<i64> {
    let too_long = || {
        user_error(format!(
            "--leeway {} is more than ten years; that is no check at all",
            redaction.quoted(text)
        ))
    };
    let seconds = match length_option("--leeway", text, redaction) {
        Ok(leeway) => leeway.as_secs(),
        Err(_) if duration::parse(text).is_ok_and(|d| d.milliseconds > 0.0) => {
            return Err(too_long())
        }
        Err(error) => return Err(error),
    };
    if seconds > MAX_LEEWAY_SECONDS {
        return Err(too_long());
    }
    Ok(seconds as i64)
}
