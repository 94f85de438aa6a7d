//! Client-key mode ("Default (No Auth)" in Courier's docs): does the workspace answer Inbox
//! queries for the public client key and a user id alone? Sent as the v7 web SDK (and mobile
//! without a token) sends it, read-only. A 200 is a failing finding — anyone who reads the
//! client key from the page and guesses a user id reads that user's inbox — and a 401 a pass.

use crate::doctor::finding::{Check, Status};
use crate::doctor::plan::{Plan, ProbeSettings};
use crate::doctor::probe_findings::{ProbeOutcome, ProbeResult};
use crate::remote::inbox_probes::graphql_probe::{send_graphql, GraphqlProbe};
use crate::remote::inbox_probes::v7_sdk_request::V7CountRequest;

/// What to do about a workspace that accepts the client key alone, after Courier's docs.
pub(crate) const PRODUCTION_ADVICE: &str = "Before going to production, enable JWT authentication on the Inbox integration (Courier: Integrations → Courier Inbox → \"Enable JWT Authentication\") and have your backend issue each user a token (courier-token issue --remote).";

/// The client key's workspace, as a check.
pub(crate) fn workspace_check(plan: &Plan) -> Option<Check> {
    plan.client_key_workspace.map(|workspace| {
        Check::new(
            "workspace",
            Status::Info,
            format!("the client key is workspace {workspace}'s"),
        )
    })
}

/// The probe: the client key and user id alone.
pub(crate) fn probe_client_key(
    settings: &ProbeSettings,
    client_key: &str,
    user_id: &str,
    tenant: Option<&str>,
) -> anyhow::Result<ProbeResult> {
    let request = V7CountRequest::new(&settings.inbox, client_key, user_id, None, tenant);
    send_v7(&request, settings)
}

/// Sends a v7 request (either mode).
pub(crate) fn send_v7(
    request: &V7CountRequest,
    settings: &ProbeSettings,
) -> anyhow::Result<ProbeResult> {
    send_graphql(
        &GraphqlProbe {
            mode: request.mode(),
            target: request.target(),
            user_id: request.user_id(),
            tenant: request.tenant(),
            headers: request.headers()?,
            body: request.body(),
            secret: request.secret(),
        },
        settings,
    )
}

/// The verdict of client-key mode.
pub(crate) fn verdict(probe: Option<&ProbeResult>) -> String {
    match probe.map(|probe| (probe, &probe.outcome)) {
        None => "Nothing to tell offline about client-key-only access; run without --offline to ask Courier.".to_string(),
        Some((probe, ProbeOutcome::Accepted { .. })) => format!(
            "This workspace answers Inbox queries with public information only: the client key and user id {} were enough. {PRODUCTION_ADVICE}",
            probe.user_id
        ),
        Some((probe, ProbeOutcome::Rejected { .. })) => format!(
            "Client-key-only access is refused ({}): the Inbox needs a JWT (or a legacy HMAC signature).",
            probe.status_text()
        ),
        Some((_, _)) => format!(
            "Courier refused the Inbox query: {}.",
            probe.map(|probe| probe.check().message).unwrap_or_default()
        ),
    }
}
