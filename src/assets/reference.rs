//! What each subcommand's man page holds beyond its `--help`: the complete reference. Every
//! `--json` shape, every verify reason code, every inspect warning and doctor check code (taken
//! from the code's own lists, so the pages cannot drift from what the tool reports), and the
//! `issue --remote` request and errors. `man_pages` lays these sections out after NOTES.

use super::reason_descriptions::reason_description;
use crate::doctor::CHECK_CODES;
use crate::inspection::WARNING_CODES;
use crate::serve::{DOCTOR_CODES, SERVE_ONLY_CODES, VERIFY_CODES};
use crate::token::Reason;

/// A piece of a reference section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A filled paragraph.
    Paragraph(String),
    /// Lines shown as written: JSON, requests, command lines.
    Literal(Vec<String>),
    /// Terms with what they mean, one `.TP` entry each (a code table).
    Terms(Vec<(String, String)>),
}

/// One man page section: its heading and its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph(text.to_string())
}

fn literal(lines: &[&str]) -> Block {
    Block::Literal(lines.iter().map(|line| line.to_string()).collect())
}

fn terms(entries: &[(&str, &str)]) -> Block {
    Block::Terms(
        entries
            .iter()
            .map(|(term, meaning)| (term.to_string(), meaning.to_string()))
            .collect(),
    )
}

/// The reference sections of subcommand `name`'s page (none for a subcommand without any).
pub fn reference_sections(name: &str) -> Vec<Section> {
    match name {
        "issue" => issue(),
        "verify" => verify(),
        "hmac-sign" => hmac_sign(),
        "inspect" => inspect(),
        "doctor" => doctor(),
        "serve" => serve(),
        _ => Vec::new(),
    }
}

/// Every verify reason code with its meaning, in check order, from `Reason::ALL`.
pub fn reason_code_terms() -> Block {
    Block::Terms(
        Reason::ALL
            .iter()
            .map(|reason| {
                (
                    reason.code().to_string(),
                    reason_description(*reason).to_string(),
                )
            })
            .collect(),
    )
}

fn issue() -> Vec<Section> {
    vec![
        Section {
            title: "JSON OUTPUT",
            blocks: vec![
                paragraph("--json prints the token as Courier's Issue Token API answers it, one line:"),
                literal(&[r#"{"token":"eyJ..."}"#]),
                paragraph("In bulk (--user-ids-from --json), one JSON Lines object per input line, in input order:"),
                literal(&[r#"{"user_id":"alice","token":"eyJ..."}"#]),
            ],
        },
        Section {
            title: "REMOTE REQUEST",
            blocks: vec![
                paragraph("issue --remote sends POST {base}/auth/issue-token with Authorization: Bearer <key>, Content-Type: application/json, Accept: application/json, User-Agent: courier-token/<version> and the body {\"scope\":\"...\",\"expires_in\":\"...\"}. The scope is built and checked exactly as for a local token. expires_in is sent as written (\"2 days\"); the default 1h is sent when --expires-in is absent; a bare number is sent as a JSON number of seconds; a compound (1h 30m), which Courier does not parse, as its number of seconds; --no-expiry leaves the field out. The answer must hold a JWT."),
                paragraph("The base URL is --base-url, else --region (us: https://api.courier.com, eu: https://api.eu.courier.com), else COURIER_BASE_URL, else https://api.courier.com. A plain http:// URL whose host is not this machine (127.0.0.0/8, ::1 or localhost) gets a warning. Proxies come from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY; redirects are not followed. --timeout bounds each attempt as a whole; a 429 or 5xx is tried again, three attempts in all, after 0.5 s then 1 s, or after a Retry-After of at most 10 s."),
            ],
        },
        Section {
            title: "REMOTE ERRORS",
            blocks: vec![
                paragraph("Each is one line on stderr, with a hint, and exit status 2. The key never appears; text quoted from the server is scrubbed of it, also upper-cased, JSON-escaped or base64-encoded."),
                terms(&[
                    ("401 or 403", "the API key was rejected: Courier answered 401: <message>"),
                    ("400", "Courier refused the request (400): <the API's message>"),
                    ("404", "there is no Issue Token API at <url> (404)"),
                    ("429, after the retries", "Courier is rate limiting this key: 429 after 3 attempts"),
                    ("5xx, after the retries", "Courier's API failed with 503 after 3 attempts: <message>"),
                    ("2xx without a JWT", "Courier answered 200, but its \"token\" is not a JWT ..."),
                    ("no answer in time", "no answer from api.courier.com within 30s (--timeout)"),
                    ("DNS", "cannot find the host api.courier.com: the DNS lookup failed"),
                    ("TLS", "the TLS connection to api.courier.com failed: <reason>"),
                    ("connection refused", "api.courier.com refused the connection"),
                    ("no key", "no API key: neither COURIER_API_KEY nor COURIER_AUTH_TOKEN is set"),
                ]),
            ],
        },
    ]
}

fn verify() -> Vec<Section> {
    vec![
        Section {
            title: "REASON CODES",
            blocks: vec![
                paragraph("Checks run on the token's bytes as received, in this order; the first failure is the verdict, and its code is stable (\"reason\" in --json, in brackets in text):"),
                reason_code_terms(),
                paragraph("A token without exp is valid (Courier issues them) and reported as never expiring."),
            ],
        },
        Section {
            title: "JSON OUTPUT",
            blocks: vec![
                paragraph("--json prints one object per token, one line each:"),
                literal(&[r#"{"valid":false,"reason":"expired","message":"expired 2022-11-28T16:24:10Z (1h ago)","header":{"alg":"HS256","typ":"JWT"},"claims":{"scope":"...","iat":1669649050,"exp":1669652650},"expires_at":1669652650,"line":3}"#]),
                paragraph("reason and message are null when valid; header is null when it did not decode; claims is null unless the signature matched (an unauthenticated payload is never echoed); expires_at is Unix seconds or null; line, present only for tokens read from stdin, is the 1-based input line, blank lines counted."),
            ],
        },
    ]
}

fn hmac_sign() -> Vec<Section> {
    vec![Section {
        title: "JSON OUTPUT",
        blocks: vec![
            paragraph("--json prints one line: the signature, or with --verify the answer:"),
            literal(&[
                r#"{"user_id":"alice","user_signature":"<64 lowercase hex digits>"}"#,
                r#"{"user_id":"alice","valid":true}"#,
            ]),
            paragraph("In bulk (--user-ids-from --json), one {\"user_id\",\"user_signature\"} object per input line, in input order; without --json, USER_ID<TAB>SIGNATURE lines."),
        ],
    }]
}

fn inspect() -> Vec<Section> {
    let warnings: Vec<(&str, &str)> = WARNING_CODES.to_vec();
    vec![
        Section {
            title: "WARNING CODES",
            blocks: vec![
                paragraph("Each warning has a stable code (\"code\" in --json's warnings):"),
                terms(&warnings),
                paragraph("When the input holds no token but a Courier API key (pk_prod_..., pk_test_..., dk_...) or a client key, inspect says so on stderr with the code api_key_not_token or client_key_not_token and exits 1; the key's secret part is never printed."),
            ],
        },
        Section {
            title: "JSON OUTPUT",
            blocks: vec![
                paragraph("--json prints one document, one line (shown here spread out):"),
                literal(&[
                    "{",
                    r#"  "header": {"alg": "HS256", "typ": "JWT"},"#,
                    r#"  "claims": {"scope": "user_id:blah inbox:read:messages", "tenant_id": "768251cf-...", "iat": 1672782076, ...},"#,
                    r#"  "problems": [],"#,
                    r#"  "summary": {"#,
                    r#"    "user_ids": ["blah"],"#,
                    r#"    "scopes": [{"scope": "user_id:blah", "known": true, "meaning": "the user this token is for"}, ...],"#,
                    r#"    "tenant_id": "768251cf-...", "tenant_scope": "published/production", "environment": "production","#,
                    r#"    "issued_at": {"unix": 1672782076, "rfc3339": "2023-01-03T21:41:16Z", "relative": "10mo 11d ago"},"#,
                    r#"    "expires_at": null, "not_before": null, "never_expires": true,"#,
                    r#"    "signature": "not_checked""#,
                    "  },",
                    r#"  "warnings": [{"code": "never_expires", "message": "..."}]"#,
                    "}",
                ]),
                paragraph("header and claims are null when that segment does not decode; problems lists what is malformed; issued_at, expires_at and not_before are null or {unix, rfc3339, relative} (rfc3339 in UTC, or with --date local in the local zone); signature is matches, mismatch or not_checked. With --client-key alone: {\"client_key\":\"...\",\"tenant_id\":\"...\"}."),
            ],
        },
    ]
}

fn doctor() -> Vec<Section> {
    let checks: Vec<(String, String)> = CHECK_CODES
        .iter()
        .map(|check| {
            (
                format!("{} ({})", check.code, check.statuses),
                check.meaning.to_string(),
            )
        })
        .collect();
    vec![
        Section {
            title: "CHECK CODES",
            blocks: vec![
                paragraph("Each check has a stable code and a status: pass, warn, fail or info. In the order they run:"),
                Block::Terms(checks),
            ],
        },
        Section {
            title: "THE PROBE",
            blocks: vec![
                paragraph("POST {inbox}/q with Content-Type: application/json, x-courier-user-id: <user>, Authorization: Bearer <token> and a GraphQL body asking count(params: { status: \"unread\" }): byte for byte what getUnreadMessageCount in Courier's web SDK (@trycourier/courier-js) sends. With --tenant, a second request adds accountId: \"<tenant>\" to the params. The Inbox URL is --inbox-url, else --region (us: https://inbox.courier.com, eu: https://inbox.eu.courier.io), else COURIER_INBOX_URL, else https://inbox.courier.com. Timeouts, retries and network errors are those of issue --remote. The API key is never sent."),
            ],
        },
        Section {
            title: "JSON OUTPUT",
            blocks: vec![
                paragraph("--json prints one line (shown here spread out):"),
                literal(&[
                    "{",
                    r#"  "ok": false,"#,
                    r#"  "verdict": "Courier rejects this token (401): expired 3h ago. ...","#,
                    r#"  "checks": [{"code": "expired", "status": "fail", "message": "expired 3h ago"}, ...],"#,
                    r#"  "probes": [{"url": "https://inbox.courier.com/q", "tenant": null, "http_status": 401, "accepted": false, "unread": null}]"#,
                    "}",
                ]),
                paragraph("ok is false when any check failed; probes is empty when Courier was not asked; tenant is the probe's --tenant or null; unread is the count when accepted, else null."),
            ],
        },
    ]
}

fn serve() -> Vec<Section> {
    let mut codes: Vec<(String, String)> = DOCTOR_CODES
        .iter()
        .filter_map(|code| CHECK_CODES.iter().find(|check| check.code == *code))
        .map(|check| {
            (
                check.code.to_string(),
                format!("as doctor: {}", check.meaning),
            )
        })
        .collect();
    codes.extend(
        Reason::ALL
            .iter()
            .filter(|reason| VERIFY_CODES.contains(&reason.code()))
            .map(|reason| {
                (
                    reason.code().to_string(),
                    format!("as verify: {}", reason_description(*reason)),
                )
            }),
    );
    codes.extend(
        SERVE_ONLY_CODES
            .iter()
            .map(|(code, meaning)| (code.to_string(), meaning.to_string())),
    );
    vec![
        Section {
            title: "ENDPOINTS",
            blocks: vec![
                paragraph("POST /auth/issue-token is Courier's Issue Token API: Authorization: Bearer <API key> (401 otherwise), a body {\"scope\": \"...\", \"expires_in\": \"2 days\" | 3600} (400 {\"message\", \"type\": \"invalid_request_error\"} when it is not that; without expires_in the token never expires), and {\"token\": \"...\"} minted as issue mints: Courier's header and claim order, tenant_id the workspace id (--workspace-id), tenant_scope published/<--environment>, iat now (or --now), a random jti. issue --remote --base-url <serve> gets its tokens here."),
                paragraph("POST /q is the Inbox GraphQL endpoint: count(params), messages(params, limit, after) with totalCount, pageInfo { startCursor hasNextPage } (startCursor is where the next page starts: send it back as after) and the message fields courier-js and the v7 SDK select, message(messageId), and the mutations read, unread, opened, archive, unarchive, clicked (messageId), markAllRead, archiveRead and archiveAll, aliased and batched as the SDKs send them. FilterParamsInput: accountId (one tenant's messages; without it, only messages of no tenant), archived (true: only archived; otherwise archived messages are left out), status (read or unread), tags (any of them), from (created at or after: ISO 8601, or Unix milliseconds). A body that is not a GraphQL request is a 400 with {\"errors\": [...]}; a query that does not parse, an unknown message, a bad filter are a 200 with errors, as GraphQL servers answer."),
                paragraph("GET / with a websocket upgrade is the realtime socket courier-js 3.x opens: ?auth=<token>&cid=<connection id>&userId=<user>. The token is checked at the upgrade like a query (a refusal is an HTTP 401); then get-config is answered with config {pingInterval, maxOutstandingPings}, subscribe with ack (the authenticated user's channel only; with accountId, that tenant's messages), ping with pong, and every change to the user's inbox is pushed: {\"event\": \"message\", \"data\": <message>} for a new one, {\"event\": \"read\" | \"unread\" | \"opened\" | \"archive\" | \"unarchive\" | \"clicked\", \"messageId\"} and {\"event\": \"mark-all-read\" | \"archive-read\" | \"archive-all\"} for changes, except to the connection whose x-courier-client-source-id made the change. The older protocol of the v7 web SDK (@trycourier/transport) and the mobile SDKs is served on the same path when the URL has no iwpv: ?auth=<token> is checked at the upgrade, ?clientKey=<key> at each subscribe (its data's channel is the user, userSignature the HMAC signature), nothing is acknowledged (a refused subscribe gets {\"error\": \"<code>: ...\"}), and pushes are tagged by type: a new message is the message itself with \"type\": \"message\", a change {\"type\": \"event\", \"event\", \"messageId\"}."),
                paragraph("POST /send takes the Send API's shape with the API key as Bearer: {\"message\": {\"to\": {\"user_id\": \"...\", \"context\": {\"tenant_id\": \"...\"}}, \"content\": {\"title\": \"...\", \"body\": \"...\"}, \"data\": {...}}}, puts the message in the user's inbox, pushes it to their sockets, and answers 202 {\"requestId\": \"<the message's id>\"}. POST /__serve/reset (API key as Bearer; serve's own, Courier has none) empties every inbox between test cases and answers {\"removed\": n}. Every endpoint answers CORS preflights for the headers the SDKs send. Bodies are limited to 1 MiB, a request to 10 s, a connection's headers (and its idle time between requests) to 20 s."),
            ],
        },
        Section {
            title: "POLICY",
            blocks: vec![
                paragraph("--auth names the modes the workspace accepts, as Courier's Inbox integration settings do. jwt (the default): Authorization: Bearer <token>, verified as verify does under the workspace's API key, for the user x-courier-user-id names (without it, the token's first user_id:), with tenant_id, when present, the workspace's and tenant_scope its environment; queries and the socket need inbox:read:messages, mutations inbox:write:events. client-key: x-courier-client-key (the workspace's, printed at start) and x-courier-user-id alone. hmac: those and x-courier-user-signature, the HMAC-SHA256 of the user id under the API key (hmac-sign). The API key itself as the Bearer (courier-js's publicApiKey) is always accepted, for the user x-courier-user-id names."),
                paragraph("--missing-scopes: a token lacking the scope a request needs gets an empty inbox with a 200 (empty, the default, as Courier's docs describe it; its mutations change nothing) or a 401 (refuse, as Courier's later guidance says). --enforce strict refuses with a 401 whose message starts with the reason code; soft serves the request anyway and logs what strict would have refused; off checks nothing and serves the inbox of the user the request names."),
            ],
        },
        Section {
            title: "REASON CODES",
            blocks: vec![
                paragraph("Every refusal is one line on stderr: the request, the user it named, the code and why (never a token or key), e.g. courier-token serve: refused POST /q user=alice: expired (token: expired 5m ago). The codes:"),
                Block::Terms(codes),
            ],
        },
        Section {
            title: "MESSAGES",
            blocks: vec![
                paragraph("--messages FILE holds a JSON array of messages or one per line (JSON Lines); each an object with user_id (or user), and as wanted messageId, tenant (or tenant_id, accountId), title, body (or preview), data (an object), tags, actions ([{content, href, data}]), created (ISO 8601 or Unix milliseconds; default now), read, archived, opened (a time, or true for \"at creation\")."),
                literal(&[r#"{"user_id": "alice", "title": "Welcome", "body": "Hi!", "tags": ["onboarding"], "read": false}"#]),
            ],
        },
        Section {
            title: "JSON OUTPUT",
            blocks: vec![
                paragraph("With --json the first stdout line is (shown spread out; apiUrls is what courier-js's signIn takes):"),
                literal(&[
                    "{",
                    r#"  "base_url": "http://127.0.0.1:8787","#,
                    r#"  "apiUrls": {"courier": {"rest": "http://127.0.0.1:8787", "graphql": "http://127.0.0.1:8787/client/q"},"#,
                    r#"              "inbox": {"graphql": "http://127.0.0.1:8787/q", "webSocket": "ws://127.0.0.1:8787"}},"#,
                    r#"  "workspace_id": "00000000-0000-4000-8000-000000000001", "client_key": "...", "environment": "production""#,
                    "}",
                ]),
                paragraph("Without --json it is courier-token serve: listening on http://127.0.0.1:8787. Either way it is printed once the port is bound and the messages loaded: a test harness reads it instead of waiting."),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_come_in_check_order() {
        let Block::Terms(entries) = reason_code_terms() else {
            panic!("a code table");
        };
        let codes: Vec<&str> = entries.iter().map(|(code, _)| code.as_str()).collect();
        let expected: Vec<&str> = Reason::ALL.iter().map(|reason| reason.code()).collect();
        assert_eq!(codes, expected);
    }
}
