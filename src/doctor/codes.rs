//! Every check code `doctor` reports, with the statuses it comes with and what it means, in the
//! order the checks run: the list the man page documents. The checks themselves (`offline_checks`,
//! `probe_findings`, `modes`, `diagnose`) emit the codes; a test keeps this list equal to what
//! they emit.

/// One check code as the reference documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckCode {
    pub code: &'static str,
    /// The statuses it is reported with (`pass`, `warn`, `fail`, `info`), `/`-separated.
    pub statuses: &'static str,
    pub meaning: &'static str,
}

const fn code(code: &'static str, statuses: &'static str, meaning: &'static str) -> CheckCode {
    CheckCode {
        code,
        statuses,
        meaning,
    }
}

/// Every check code, in check order.
pub const CHECK_CODES: [CheckCode; 47] = [
    code("api_key_not_token", "fail", "a Courier API key (pk_..., dk_..., or an sk_... key) was given where the token belongs; it is never echoed back. Rotate it if it reached a frontend or a ticket"),
    code("client_key_not_token", "fail", "the public client key was given instead of the token"),
    code("cut_off", "fail", "a token cut before its end (one or two segments, or a signature shorter than 43 characters): what still decodes is shown; ask for the whole token"),
    code("not_a_jwt", "fail", "no JWT in the input"),
    code("jwt", "pass", "a JWT whose header and claims decode"),
    code("malformed", "fail", "a segment of the token does not decode"),
    code("alg", "pass", "alg is HS256"),
    code("alg_not_hs256", "fail", "alg is missing or not HS256: nothing Courier issues"),
    code("crit_header", "fail", "the header has crit: nothing Courier issues"),
    code("invalid_time_claim", "fail", "iat, exp or nbf is not a NumericDate"),
    code("expired", "fail", "past exp, with how long ago"),
    code("expires_soon", "fail", "less time left than --min-ttl"),
    code("expiry", "pass", "when the token expires"),
    code("not_yet_valid", "fail", "nbf is in the future"),
    code("issued_in_future", "warn", "iat is ahead of this clock: the issuing machine's clock or this one is off"),
    code("never_expires", "warn", "no exp: the token cannot be revoked"),
    code("user_id_missing", "fail", "no user_id: scope: the token is for nobody's inbox"),
    code("user_id_mismatch", "fail", "--user-id is not in the token: the SDK would send another user (x-courier-user-id) than the token is for"),
    code("user_id", "pass", "whose inbox it is (the SDK's userId must be that user)"),
    code("inbox_scopes", "pass", "both inbox:read:messages and inbox:write:events are there"),
    code("inbox_scopes_missing", "fail", "inbox:read:messages or inbox:write:events is missing: the Inbox connects but shows nothing"),
    code("legacy_scope", "warn", "read:messages, write:events, inbox:write:messages or inbox:read:write: a legacy spelling; the message names what the current Inbox needs"),
    code("unknown_scope", "warn", "a scope Courier does not document"),
    code("environment", "info", "production or test (from tenant_scope, or a /test suffix on tenant_id); the two share no users or messages"),
    code("tenant_mismatch", "fail", "the --client-key's workspace is not the token's tenant_id"),
    code("tenant", "pass/info", "the token's tenant_id matches the --client-key's workspace (pass), or it has none to compare (info)"),
    code("signed_locally", "fail/warn", "signed with the API key at hand: a locally minted token, which Courier does not accept; get one with issue --remote (warn when the Inbox probed accepted it anyway, as serve does)"),
    code("signature", "pass/info", "not signed with the API key at hand (pass), or no key at hand, so not checked (info)"),
    code("accepted", "pass", "Courier's Inbox answered 200 with the unread count (one check per probe)"),
    code("probe_unreachable", "fail", "JWT mode: Courier's Inbox could not be asked (DNS, refused, timeout, TLS, proxy, an answer that is not the Inbox's): the offline checks are shown, the verdict is incomplete, and doctor exits 2"),
    code("rejected_by_courier", "fail", "Courier answered 401 or 403; the verdict says which offline finding explains it"),
    code("graphql_errors", "fail", "Courier answered with GraphQL errors; their messages are shown"),
    code("realtime_accepted", "pass", "JWT mode: the realtime socket opened (101) for the token and acknowledged the subscription to the user"),
    code("realtime_refused", "fail", "JWT mode: the realtime socket refused the token at the upgrade (HTTP 401/403): the Inbox loads but live updates will not arrive; the verdict gives the offline reason, or the region to check"),
    code("realtime_no_ack", "fail", "JWT mode: the socket opened but closed, or did not acknowledge the subscription within --timeout"),
    code("realtime_timeout", "fail", "JWT mode: the socket opened but --timeout passed before it acknowledged the subscription (the whole probe, the close included, ends by that deadline)"),
    code("realtime_unreachable", "fail", "JWT mode: no websocket could be opened to the realtime host (DNS, refused, timeout, TLS, proxy): live updates will not arrive from this network"),
    code("realtime_skipped", "info", "JWT mode: the socket was not tried: --no-realtime, a custom Inbox URL without --realtime-url, or the Inbox already refused the token"),
    code("workspace", "info", "client-key, HMAC and audit modes: the workspace id the client key encodes"),
    code("client_key_only_accepted", "fail", "the Inbox answered the client key and user id alone (no token, no signature): anyone who reads the client key from the page reads any user's inbox; enable JWT authentication before production"),
    code("client_key_only_refused", "pass", "client-key-only access is refused (401/403)"),
    code("user_signature", "pass/info", "HMAC mode: the given signature matches the API key at hand and the user id (pass), was not checked for want of a key, or was computed from the key at hand (info)"),
    code("user_signature_mismatch", "fail", "HMAC mode: the given signature is not HMAC-SHA256 of the user id with the API key at hand; found before anything is sent"),
    code("hmac_deprecated", "warn", "HMAC mode: Courier's legacy mode; move to JWTs and turn HMAC off"),
    code("hmac_accepted", "pass", "HMAC mode: the Inbox answered 200 to the signature"),
    code("hmac_refused", "fail/info", "HMAC mode: the Inbox refused the signature (401/403); only information in the audit"),
    code("probe_skipped", "info", "Courier was not asked: --offline, or no user id to send as x-courier-user-id (JWT mode)"),
];
