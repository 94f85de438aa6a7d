//! `issue`: mint a token exactly as Courier shapes them. The options are resolved once into a
//! plan (`plan`: scope, claims, lifetime, `jti` policy, output form) before any key is read;
//! then one mode consumes it — `local` signs one token, `bulk` one per input line, `remote`
//! asks Courier's Issue Token API — and writes through `output`. Data flows one way: no module
//! here reaches back into this dispatcher.
//!
//! Layout: `plan` (with `claims`, `jti_policy` and `remote_options` for its parts), the modes
//! `local`, `bulk` and `remote`, and `output`.

mod bulk;
mod claims;
mod jti_policy;
mod local;
mod output;
mod plan;
mod remote;
mod remote_options;
mod repeated_ids;

use crate::cli::IssueArgs;
use crate::commands::resolved::ResolvedOptions;
use crate::terminal::exit_codes::Outcome;

pub fn run(args: &IssueArgs, context: &ResolvedOptions) -> anyhow::Result<Outcome> {
    let plan = plan::resolve(args, context)?;
    match &plan.mode {
        plan::Mode::Local(local) => local::run(local, plan.json, context),
        plan::Mode::Bulk(bulk) => bulk::run(bulk, plan.json, context),
        plan::Mode::Remote(remote) => remote::run(remote, plan.json, context),
    }
}
