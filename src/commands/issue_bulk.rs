//! `issue --user-ids-from`: one token per user id, streamed through the bulk engine on every
//! core, output in input order (a token per line, or JSON Lines `{"user_id","token"}`). Every
//! other `issue` option applies to each token exactly as it would for `--user-id`.

use std::io::Write;
use std::path::Path;

use super::bulk_input::{close_json_record, open_json_record, open_user_ids, user_id_on_line};
use super::issue::{resolve_template, JtiPolicy};
use crate::bulk::{available_workers, run_bulk, LineAnswer, LineFailure, LineProcessor};
use crate::cli::IssueArgs;
use crate::context::Context;
use crate::exit_codes::Outcome;
use crate::key::{load_key, stdin_conflict};
use crate::scope::{build_scope, ScopeRequest, INBOX_SCOPES, MAX_SCOPE_BYTES};
use crate::token::{JtiGenerator, Minter, Signer};

pub fn run(args: &IssueArgs, path: &Path, context: &Context) -> anyhow::Result<Outcome> {
    if path == Path::new("-") && context.key_source.reads_stdin() {
        return Err(stdin_conflict("--user-ids-from -"));
    }
    let default_scopes: Vec<String> = INBOX_SCOPES.iter().map(|s| s.to_string()).collect();
    let scopes = if args.scopes.is_empty() {
        &default_scopes
    } else {
        &args.scopes
    };
    let other_scopes = build_scope(&ScopeRequest {
        user_ids: &[],
        scopes,
        allow_unknown: args.allow_unknown_scopes,
    })?;
    let (template, jti) = resolve_template(args, context.now)?;
    let minter = Minter::new(Signer::new(&load_key(&context.key_source)?), &template);
    let input = open_user_ids(path)?;

    let mut out = std::io::stdout().lock();
    let totals = run_bulk(input, &mut out, available_workers(), || TokenPerLine {
        minter: &minter,
        other_scopes: &other_scopes,
        jti: &jti,
        json: args.json,
        generator: JtiGenerator::new(),
        scope: String::with_capacity(256),
        payload: String::with_capacity(512),
        jti_text: String::with_capacity(36),
    })?;
    out.flush()?;
    if template.exp.is_none() {
        super::issue::note_never_expires();
    }
    if context.stderr_is_terminal {
        crate::diagnostics::note(format_args!("minted {} tokens", totals.lines));
    }
    Ok(Outcome::Success)
}

/// Mints the token for one line's user id.
struct TokenPerLine<'a> {
    minter: &'a Minter,
    /// The scopes after `user_id:<id>`, already checked.
    other_scopes: &'a str,
    jti: &'a JtiPolicy,
    json: bool,
    generator: JtiGenerator,
    scope: String,
    payload: String,
    jti_text: String,
}

impl LineProcessor for TokenPerLine<'_> {
    fn process(
        &mut self,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        let Some(user_id) = user_id_on_line(line)? else {
            return Ok(None);
        };
        self.scope.clear();
        self.scope.push_str("user_id:");
        self.scope.push_str(user_id);
        self.scope.push(' ');
        self.scope.push_str(self.other_scopes);
        if self.scope.len() > MAX_SCOPE_BYTES {
            return Err(LineFailure(format!(
                "the scope for this user id is longer than {MAX_SCOPE_BYTES} bytes"
            )));
        }
        let jti = self
            .jti
            .next(&mut self.generator, &mut self.jti_text)
            .map_err(|err| LineFailure(err.to_string()))?;
        if self.json {
            open_json_record(out, &mut self.payload, user_id, "token");
            self.minter
                .mint_into(&self.scope, jti, &mut self.payload, out);
            close_json_record(out);
        } else {
            self.minter
                .mint_into(&self.scope, jti, &mut self.payload, out);
            out.push(b'\n');
        }
        Ok(Some(LineAnswer::Positive))
    }
}
