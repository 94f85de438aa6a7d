//! The verdict: one or two sentences a support engineer can paste into a ticket, built from the
//! checks and probes — whether Courier accepts the token (and the unread counts), or why it
//! does not, with what to do next. Words only; the exit status is `commands::doctor`'s call.

use super::finding::{Check, Status};
use super::modes::Channel;
use super::probe_findings::{ProbeOutcome, ProbeResult};
use crate::wire::urls::{INBOX_EU_URL, INBOX_US_URL, REALTIME_EU_URL, REALTIME_US_URL};

/// Codes the probe itself reports; the verdict words those from the probe results.
const PROBE_CODES: [&str; 9] = [
    "accepted",
    "probe_unreachable",
    "rejected_by_courier",
    "graphql_errors",
    "realtime_refused",
    "realtime_no_ack",
    "realtime_timeout",
    "realtime_unreachable",
    "realtime_accepted",
];

/// The verdict sentence for these findings; `token_found` is false when the input held no JWT.
pub(super) fn verdict(
    token_found: bool,
    checks: &[Check],
    probes: &[ProbeResult],
    tenant: Option<&str>,
) -> String {
    if !token_found {
        return sentence(checks.first().map_or("no token found", |c| &c.message));
    }
    let failures: Vec<&Check> = checks
        .iter()
        .filter(|check| check.status == Status::Fail && !PROBE_CODES.contains(&check.code))
        .collect();
    let realtime = probes
        .iter()
        .find(|probe| probe.channel == Channel::Realtime);
    let probes: Vec<&ProbeResult> = probes
        .iter()
        .filter(|probe| probe.channel == Channel::Graphql)
        .collect();
    let rejected = probes
        .first()
        .is_some_and(|probe| matches!(probe.outcome, ProbeOutcome::Rejected { .. }));
    // A test-environment token is a likely reason for a rejection, though not a failure itself.
    let test_environment = checks
        .iter()
        .find(|check| check.code == "environment" && check.message.starts_with("test "))
        .filter(|_| rejected);
    let failures: Vec<&Check> = failures.into_iter().chain(test_environment).collect();
    let reasons = failures
        .iter()
        .map(|check| check.message.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    let advice = advice_for(&failures);
    let Some(first) = probes.first() else {
        let unreachable = checks.iter().any(|check| check.code == "probe_unreachable");
        return if failures.is_empty() && unreachable {
            "Nothing wrong found offline, but Courier could not be asked: whether it accepts this token is not known.".to_string()
        } else if failures.is_empty() {
            "Nothing wrong found offline; run without --offline to ask Courier.".to_string()
        } else {
            format!("This token will not work: {reasons}. {advice}")
        };
    };
    match &first.outcome {
        ProbeOutcome::Accepted { unread } => {
            let mut text = format!(
                "Courier accepts this token for user {} ({unread} unread)",
                first.user_id
            );
            if !failures.is_empty() {
                text.push_str(&format!(", but: {reasons}. {advice}"));
            } else {
                text.push('.');
            }
            if let (Some(second), Some(tenant)) = (probes.get(1), tenant) {
                text.push_str(&match second.unread() {
                    Some(count) => format!(
                        " With tenant {tenant}: {count} unread — the frontend must pass tenantId {tenant}."
                    ),
                    None => format!(" With tenant {tenant}: {}.", second.check().message),
                });
            }
            if let Some(realtime) = realtime.filter(|realtime| !realtime.accepted()) {
                text.push_str(&realtime_sentence(realtime, Some(&first.url), &failures));
            }
            text
        }
        ProbeOutcome::Rejected { .. } if failures.is_empty() => format!(
            "Courier rejects this token ({}), and nothing offline explains why. {advice}",
            first.status_text()
        ),
        ProbeOutcome::Rejected { .. } => format!(
            "Courier rejects this token ({}): {reasons}. {advice}",
            first.status_text()
        ),
        ProbeOutcome::GraphqlErrors { messages } if failures.is_empty() => {
            format!("Courier refused the Inbox query: {messages}.")
        }
        ProbeOutcome::GraphqlErrors { messages } => {
            format!("Courier refused the Inbox query: {messages}. Offline: {reasons}. {advice}")
        }
        _ => first.check().message,
    }
}

/// The sentence for a realtime socket that failed where the GraphQL endpoint accepted the
/// token, with the offline reason when there is one.
fn realtime_sentence(
    realtime: &ProbeResult,
    graphql_url: Option<&str>,
    failures: &[&Check],
) -> String {
    let region_mismatch = graphql_url.and_then(|inbox| {
        let (inbox_region, realtime_region) = (region_of(inbox)?, region_of(&realtime.url)?);
        (inbox_region != realtime_region).then(|| {
            format!("Offline: the realtime host is Courier's {realtime_region} one, the Inbox's is {inbox_region}: use one region for both (--region).")
        })
    });
    let reason = match (failures.first(), region_mismatch) {
        (Some(failure), _) => format!("Offline: {}.", failure.message),
        (None, Some(mismatch)) => mismatch,
        (None, None) => "Check that the realtime host is in the workspace's region (--region eu for EU workspaces) and that nothing between here and it blocks websockets.".to_string(),
    };
    let what = match &realtime.outcome {
        ProbeOutcome::Rejected { .. } => format!(
            "the realtime socket refuses it ({})",
            realtime.status_text()
        ),
        ProbeOutcome::Unreachable { .. } => "the realtime socket could not be reached".to_string(),
        _ => "the realtime socket did not acknowledge the subscription".to_string(),
    };
    format!(" But {what}: the Inbox loads, yet live updates will not arrive. {reason}")
}

/// What to do about the failed checks: each distinct piece of advice once, in order; where
/// nothing failed offline, where else to look.
fn advice_for(failures: &[&Check]) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    for check in failures {
        let piece = advice(check.code);
        if !pieces.contains(&piece) {
            pieces.push(piece);
        }
    }
    if pieces.is_empty() {
        return "Check the region (--region eu for EU workspaces) and that the token was issued for this workspace.".to_string();
    }
    pieces.join(" ")
}

/// What to do about one failed check.
fn advice(code: &str) -> &'static str {
    match code {
        "expired" | "expires_soon" => {
            "Issue a new one, and have the frontend sign in again with it before it expires."
        }
        "signed_locally" => {
            "Get a token from Courier instead: courier-token issue --remote --user-id <id>."
        }
        "user_id_missing" | "user_id_mismatch" => {
            "Issue a token whose scope has user_id:<the userId the frontend passes to the SDK>."
        }
        "inbox_scopes_missing" => {
            "Issue one with the scope user_id:<id> inbox:read:messages inbox:write:events."
        }
        "tenant_mismatch" => "Use the client key and the token of the same workspace.",
        "not_yet_valid" => "Check the clocks of the issuing machine and this one.",
        "environment" => {
            "Use a production token with the production client key, or test with test (pk_test_) keys throughout."
        }
        _ => "Issue a new one with Courier's Issue Token API (courier-token issue --remote).",
    }
}

/// The region of one of Courier's own Inbox or realtime URLs (`US`, `EU`); `None` for any other.
fn region_of(url: &str) -> Option<&'static str> {
    let host = host_of(url)?;
    let is = |known: &[&str]| known.iter().any(|known| host_of(known) == Some(host));
    match host {
        _ if is(&[INBOX_US_URL, REALTIME_US_URL]) => Some("US"),
        _ if is(&[INBOX_EU_URL, REALTIME_EU_URL]) => Some("EU"),
        _ => None,
    }
}

/// The host of a URL: `wss://realtime.courier.io/?auth=…` → `realtime.courier.io`.
fn host_of(url: &str) -> Option<&str> {
    url.split("://").nth(1)?.split(['/', '?', ':']).next()
}

/// `text` as a sentence: first letter capitalised, one full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(tenant: Option<&str>, outcome: ProbeOutcome) -> ProbeResult {
        ProbeResult {
            mode: crate::doctor::Mode::Jwt,
            channel: Channel::Graphql,
            url: "https://inbox.courier.com/q".to_string(),
            user_id: "alice".to_string(),
            tenant: tenant.map(str::to_string),
            http_status: Some(match outcome {
                ProbeOutcome::Rejected { .. } => 401,
                _ => 200,
            }),
            outcome,
        }
    }

    #[test]
    fn accepted_with_a_tenant_names_both_counts() {
        let probes = [
            probe(None, ProbeOutcome::Accepted { unread: 3 }),
            probe(Some("acme-co"), ProbeOutcome::Accepted { unread: 7 }),
        ];
        assert_eq!(
            verdict(true, &[], &probes, Some("acme-co")),
            "Courier accepts this token for user alice (3 unread). With tenant acme-co: 7 unread — the frontend must pass tenantId acme-co."
        );
    }

    #[test]
    fn a_rejection_is_explained_by_the_offline_failures() {
        let checks = [Check::new("expired", Status::Fail, "expired 3h ago")];
        let probes = [probe(None, ProbeOutcome::Rejected { said: None })];
        assert_eq!(
            verdict(true, &checks, &probes, None),
            "Courier rejects this token (401): expired 3h ago. Issue a new one, and have the frontend sign in again with it before it expires."
        );
    }

    #[test]
    fn every_failure_gets_its_advice_once() {
        let checks = [
            Check::new("expired", Status::Fail, "expired 3h ago"),
            Check::new("expires_soon", Status::Fail, "expires in 5m"),
            Check::new("signed_locally", Status::Fail, "signed with this API key"),
        ];
        assert_eq!(
            verdict(true, &checks, &[], None),
            "This token will not work: expired 3h ago; expires in 5m; signed with this API key. Issue a new one, and have the frontend sign in again with it before it expires. Get a token from Courier instead: courier-token issue --remote --user-id <id>."
        );
    }

    #[test]
    fn a_realtime_refusal_in_another_region_says_so() {
        let mut realtime = probe(None, ProbeOutcome::Rejected { said: None });
        realtime.channel = Channel::Realtime;
        realtime.url = "wss://realtime.courier.io/?auth=<redacted>".to_string();
        let mut inbox = probe(None, ProbeOutcome::Accepted { unread: 1 });
        inbox.url = "https://inbox.eu.courier.io/q".to_string();
        assert_eq!(
            verdict(true, &[], &[inbox, realtime], None),
            "Courier accepts this token for user alice (1 unread). But the realtime socket refuses it (401): the Inbox loads, yet live updates will not arrive. Offline: the realtime host is Courier's US one, the Inbox's is EU: use one region for both (--region)."
        );
    }

    #[test]
    fn offline_and_not_a_token() {
        assert_eq!(
            verdict(true, &[], &[], None),
            "Nothing wrong found offline; run without --offline to ask Courier."
        );
        let pasted = [Check::new(
            "not_a_jwt",
            Status::Fail,
            "no token found in the input",
        )];
        assert_eq!(
            verdict(false, &pasted, &[], None),
            "No token found in the input."
        );
    }
}
