//! `verify`: strict verification of one token, or of many (one per line on stdin), each
//! reported in order and, from stdin, with its input line number. Each input is read as
//! `extract::unwrap_token` reads it (a bare or `Bearer` token, a JSON string, `{"token": ...}`,
//! a line of bulk `issue --json`). The checks themselves are `token::verify`; this file reads the input and
//! picks the exit code; `report` renders the verdicts.

mod report;

use std::io::Write;

use super::options::durations::length_option;
use crate::bulk::{available_workers, run_bulk, BulkInput, LineAnswer, LineFailure, LineProcessor};
use crate::cli::VerifyArgs;
use crate::commands::options::keys::{key_in_use, key_option, refuse_key_and_token_on_stdin};
use crate::commands::options::scopes::user_id_option;
use crate::context::Context;
use crate::duration;
use crate::error::{quoted, user_error, user_error_with_hint};
use crate::exit_codes::Outcome;
use crate::extract::unwrap_token;
use crate::input::MAX_INPUT_BYTES;
use crate::output::written;
use crate::pasted_secret::recognise_pasted_secret;
use crate::token::{
    verify_token, verify_token_with_json, Policy, Reason, Rejection, Signer, Verdict,
};
use report::{Report, VerdictWriter};

pub fn run(args: &VerifyArgs, context: &Context) -> anyhow::Result<Outcome> {
    let policy = resolve_policy(args, context.now)?;
    let report = if args.quiet {
        Report::Quiet
    } else if args.json {
        Report::Json
    } else {
        Report::Text
    };
    refuse_key_and_token_on_stdin(&context.key_source, args.token.as_deref())?;
    if args.token.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(user_error_with_hint(
            "no token given",
            "pass the token as an argument, or pipe tokens in, one per line: ... | courier-token verify -",
        ));
    }
    if let Some(token) = args.token.as_deref().filter(|token| *token != "-") {
        let token = unwrap_token(token);
        // A pasted API key is explained even when no key is at hand.
        let verdict = match pasted_secret_verdict(&token) {
            Some(verdict) => verdict,
            None => {
                let signer = Signer::new(&key_option(&context.key_source)?);
                let mut verdict = verify_for(report)(&token, &signer, &policy);
                name_the_key(&mut verdict, &key_in_use(&context.key_source));
                verdict
            }
        };
        let mut text = Vec::new();
        VerdictWriter::new(report, context.now).write(&mut text, &verdict, None);
        let mut out = crate::output::Stdout;
        let decided = outcome(verdict.is_valid());
        return written(out.write_all(&text).and_then(|()| out.flush()), decided);
    }
    let signer = Signer::new(&key_option(&context.key_source)?);
    let key_name = key_in_use(&context.key_source);
    let input = BulkInput {
        reader: std::io::stdin(),
        name: "stdin".to_string(),
        max_line: MAX_INPUT_BYTES,
        // A verdict is shorter than its token: large blocks, few hand-offs.
        block_bytes: 256 * 1024,
    };
    let mut out = crate::output::Stdout;
    let totals = run_bulk(input, &mut out, available_workers(), || VerdictPerLine {
        signer: &signer,
        key_name: &key_name,
        policy: &policy,
        verify: verify_for(report),
        writer: VerdictWriter::new(report, context.now),
    })?;
    out.flush()?;
    if totals.lines == 0 {
        return Err(user_error_with_hint(
            "no token on stdin",
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
        let text = std::str::from_utf8(line)
            .map_err(|_| LineFailure("not UTF-8 text; a token is ASCII".to_string()))?;
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
        let mut verdict = verify_input(self.verify, text, self.signer, self.policy);
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
        rejection.detail = format!("the signature does not match {key_name}");
    }
}

/// Verifies one line of a stream as `extract::unwrap_token` reads it.
fn verify_input(
    verify: fn(&str, &Signer, &Policy) -> Verdict,
    text: &str,
    signer: &Signer,
    policy: &Policy,
) -> Verdict {
    let token = unwrap_token(text);
    pasted_secret_verdict(&token).unwrap_or_else(|| verify(&token, signer, policy))
}

/// An API key or client key pasted instead of a token: rejected as malformed (it has no JWT
/// segments), with a message that says what it is and never the key itself.
fn pasted_secret_verdict(token: &str) -> Option<Verdict> {
    // Every JWT has dots and no key does: a stream of tokens skips the key checks.
    if token.contains('.') {
        return None;
    }
    let secret = recognise_pasted_secret(token)?;
    Some(Verdict {
        rejection: Some(Rejection {
            reason: Reason::MalformedSegments,
            detail: secret.explanation(),
        }),
        ..Verdict::default()
    })
}

/// The verifier for a report: JSON needs the decoded header and claims; the others do not.
fn verify_for(report: Report) -> fn(&str, &Signer, &Policy) -> Verdict {
    match report {
        Report::Json => verify_token_with_json,
        Report::Text | Report::Quiet => verify_token,
    }
}

fn resolve_policy(args: &VerifyArgs, now: i64) -> anyhow::Result<Policy> {
    if let Some(user_id) = &args.user_id {
        user_id_option(user_id)?;
    }
    if let Some(blank) = args.required_scopes.iter().find(|s| s.trim().is_empty()) {
        return Err(user_error_with_hint(
            format!("--require-scope {} is empty", quoted(blank)),
            "name the scope to require, e.g. --require-scope inbox:read:messages, or drop the option",
        ));
    }
    if let Some(blank) = args.audiences.iter().find(|a| a.trim().is_empty()) {
        return Err(user_error_with_hint(
            format!("--audience {} is empty", quoted(blank)),
            "name the audience a token's \"aud\" may hold, or drop the option",
        ));
    }
    Ok(Policy {
        now,
        leeway: parse_leeway(&args.leeway)?,
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
pub fn parse_leeway(text: &str) -> anyhow::Result<i64> {
    let too_long = || {
        user_error(format!(
            "--leeway {} is more than ten years; that is no check at all",
            quoted(text)
        ))
    };
    let seconds = match length_option("--leeway", text) {
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
