//! `issue` without `--remote` or `--user-ids-from`: one token, signed here with the API key.

use super::output::{local_summary, note_never_expires, print_token};
use super::plan::LocalPlan;
use crate::commands::options::keys::key_option;
use crate::commands::resolved::ResolvedOptions;
use crate::scope::user_id_of;
use crate::terminal::exit_codes::Outcome;
use crate::token::{JtiGenerator, Minter, Signer};

pub(crate) fn run(
    plan: &LocalPlan,
    json: bool,
    context: &ResolvedOptions,
) -> anyhow::Result<Outcome> {
    let minter = Minter::new(
        Signer::new(&key_option(&context.key_source, &context.redaction)?),
        &plan.template,
    );
    let first_user = plan.scope.split(' ').find_map(user_id_of).unwrap_or("");
    let mut buffer = String::new();
    let jti = plan
        .jti
        .next(&mut JtiGenerator::new(), &mut buffer, 1, first_user)?;
    let token = minter.mint(&plan.scope, jti);
    print_token(&token, json)?;
    if plan.template.exp.is_none() {
        note_never_expires();
    }
    if context.stderr_is_terminal {
        crate::terminal::diagnostics::note(local_summary(
            &plan.scope,
            plan.template.exp,
            context.now,
            &context.dates,
        ));
    }
    Ok(Outcome::Success)
}
