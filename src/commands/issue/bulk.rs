//! `issue --user-ids-from`: one token per user id, streamed through the bulk engine on every
//! core, output in input order (a token per line, or JSON Lines `{"user_id","token"}`). Each
//! line's scope is written by the same rule as `--user-id` (`scope::PreparedScopes`), so a bulk
//! run equals one `issue --user-id` per line, byte for byte.

use std::io::Write;

use super::jti_policy::JtiPolicy;
use super::output::note_never_expires;
use super::plan::BulkPlan;
use super::repeated_ids::RepeatedUserIds;
use crate::bulk::{available_workers, run_bulk, LineAnswer, LineFailure, LineProcessor};
use crate::commands::options::keys::key_option;
use crate::commands::options::user_ids_from::{
    close_json_record, nothing_to_do, open_json_record, open_user_ids, user_id_in_text,
    user_id_on_line, LineRules,
};
use crate::commands::resolved::ResolvedOptions;
use crate::scope::{PreparedScopes, ScopeProblem, UserIdUse};
use crate::terminal::exit_codes::Outcome;
use crate::token::{JtiGenerator, Minter, Signer};

pub(crate) fn run(
    plan: &BulkPlan,
    json: bool,
    context: &ResolvedOptions,
) -> anyhow::Result<Outcome> {
    let minter = Minter::new(
        Signer::new(&key_option(&context.key_source, &context.redaction)?),
        &plan.template,
    );
    let mut input = open_user_ids(&plan.input, &context.redaction)?;
    // Twice the default: half the hand-offs between threads (3% less time); a token line is
    // about twenty times its id, so a block's output is ~1.5 MiB and peak RSS ~10 MiB.
    input.block_bytes = 64 * 1024;

    let rules = LineRules {
        used: UserIdUse::Scope,
        skip_blank_lines: plan.skip_blank_lines,
        redaction: &context.redaction,
    };
    let repeated = plan
        .jti
        .repeats_with_user_id()
        .then(RepeatedUserIds::default);
    let name = input.name.clone();
    let mut out = crate::terminal::output::Stdout;
    let totals = run_bulk(input, &mut out, available_workers(), || TokenPerLine {
        minter: &minter,
        scopes: &plan.scopes,
        jti: &plan.jti,
        rules,
        repeated: repeated.as_ref(),
        json,
        generator: JtiGenerator::new(),
        scope: String::with_capacity(256),
        payload: String::with_capacity(512),
        jti_text: String::with_capacity(36),
    })?;
    out.flush()?;
    if totals.lines == 0 {
        return Err(nothing_to_do(&name, "user id"));
    }
    if let Some((count, first)) = repeated.and_then(RepeatedUserIds::finish) {
        crate::terminal::diagnostics::warning(format_args!(
            "{count} line(s) repeat an earlier user id ({} on lines {} and {}), so --jti gave their tokens the same jti; put {{n}} in --jti to make every jti unique",
            context.redaction.quoted(&first.user_id),
            first.first,
            first.again
        ));
    }
    if plan.template.exp.is_none() {
        note_never_expires();
    }
    if context.stderr_is_terminal {
        crate::terminal::diagnostics::note(format_args!("minted {} tokens", totals.lines));
    }
    Ok(Outcome::Success)
}

/// Mints the token for one line's user id.
struct TokenPerLine<'a> {
    minter: &'a Minter,
    scopes: &'a PreparedScopes,
    jti: &'a JtiPolicy,
    rules: LineRules<'a>,
    /// Set when `--jti` is made from the user id alone.
    repeated: Option<&'a RepeatedUserIds>,
    json: bool,
    generator: JtiGenerator,
    scope: String,
    payload: String,
    jti_text: String,
}

impl LineProcessor for TokenPerLine<'_> {
    fn process(
        &mut self,
        number: u64,
        line: &[u8],
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        let Some(read) = user_id_on_line(line, self.rules)? else {
            return Ok(None);
        };
        self.mint_for(number, read.user_id, out)
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
        self.mint_for(number, read.user_id, out)
    }
}

impl TokenPerLine<'_> {
    fn mint_for(
        &mut self,
        number: u64,
        user_id: &str,
        out: &mut Vec<u8>,
    ) -> Result<Option<LineAnswer>, LineFailure> {
        self.scopes
            .write_for(std::iter::once(user_id), &mut self.scope)
            .map_err(|problem| match problem {
                ScopeProblem::TooLong(_) => LineFailure(problem.to_string()),
                ScopeProblem::UserIdIsAScope => LineFailure(format!("{problem} ({user_id:?})")),
            })?;
        if let Some(repeated) = self.repeated {
            repeated.record(number, user_id);
        }
        let jti = self
            .jti
            .next(&mut self.generator, &mut self.jti_text, number, user_id)
            .map_err(|err| LineFailure(err.to_string()))?;
        let random = matches!(self.jti, JtiPolicy::Random);
        if self.json {
            open_json_record(out, &mut self.payload, user_id, "token");
        }
        match jti {
            Some(uuid) if random => {
                self.minter
                    .mint_into_with_uuid(&self.scope, uuid, &mut self.payload, out);
            }
            _ => self
                .minter
                .mint_into(&self.scope, jti, &mut self.payload, out),
        }
        if self.json {
            close_json_record(out);
        } else {
            out.push(b'\n');
        }
        Ok(Some(LineAnswer::Positive))
    }
}
