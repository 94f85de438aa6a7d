//! What each subcommand's man page holds beyond its `--help`: the complete reference. Every
//! `--json` shape, every verify reason code, every inspect warning and doctor check code (taken
//! from the code's own lists, so the pages cannot drift from what the tool reports), and the
//! `issue --remote` request and errors. `man_pages` lays these sections out after NOTES.

use super::reason_descriptions::reason_description;
use crate::doctor::CHECK_CODES;
use crate::reading::inspection::WARNING_CODES;
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
        "verify" => [vec![reading_the_input(name)], verify()].concat(),
        "hmac-sign" => hmac_sign(),
        "inspect" => [vec![reading_the_input(name)], inspect()].concat(),
        "doctor" => [vec![reading_the_input(name)], doctor()].concat(),
        "serve" => serve(),
        _ => Vec::new(),
    }
}

/// How `verify`, `inspect` and `doctor` find the token in what they are given: one extractor
/// (`extract`), so one text, written once here for the three pages.
fn reading_the_input(command: &str) -> Section {
    let mut blocks = vec![
        paragraph("The input is the TOKEN argument, --from FILE, or stdin (\"-\", or nothing given while stdin is not a terminal). verify, inspect and doctor read it the same way and find the same token in it. Any size is read: an input over 1 MiB is read as it streams in, in bounded memory (a JSON document value by value, other text a 1 MiB window of lines at a time)."),
        terms(&[
            ("a token, as it is or wrapped", "eyJ..., Bearer eyJ..., Authorization: Bearer eyJ..., in single or double quotes"),
            ("NAME=TOKEN", "an environment line (COURIER_JWT=eyJ...), a URL's query (?token=eyJ...&x=1), a cookie (courier_jwt=eyJ...; path=/): the name and the = are not part of the token"),
            ("JSON", "compact or pretty-printed over several lines: every string is read with its member name ({\"token\": \"eyJ...\"}, the Issue Token API's answer, a line of issue --json)"),
            ("a request", "a curl command as the browser copies it (-H 'authorization: Bearer ...', --data-raw '{\"query\": ...}'), a raw HTTP request, a fetch call"),
            ("a HAR file", "a browser's export of a page's requests: the request to the Inbox (a URL whose path ends in /q) with its Authorization header; responses are not read"),
            ("a full stop", "eyJ...sig. at the end of a sentence is the token without the dot"),
            ("a token cut over lines", "by a wrapped terminal or an e-mail: a line that ends with the start of a token (eyJ..., short of three segments or of an HS256 signature's 43 characters) continues with the token characters the next line starts with, after indentation and > quote marks; a note on stderr says the pieces were joined"),
        ]),
        paragraph("When the input holds several different tokens, the one used is, in this order: one sent in a request to the Inbox (a pasted request or HAR entry whose URL path ends in /q); one named as a token (a Bearer header, or a name holding token, jwt or auth: token, COURIER_JWT, access_token, auth); one whose header starts eyJ (base64url of {\", so it can decode: when there is one, runs that do not, such as a host name, are not counted as tokens); the first in the input. The same token found twice counts once. A note on stderr says how many there were and which was used, for example: courier-token: the input holds 2 different tokens; using the one named token (the 2nd found)."),
    ];
    blocks.push(paragraph(match command {
        "verify" => "From stdin or --from, verify reads one token per line, each verdict naming its line, when the first non-blank line holds a token or is one word (a malformed token, a key: each line gets its own verdict); a line is then read as above, alone, except that a . after its token is not punctuation but malformed_segments, with a hint. Otherwise (the first line starts a curl command, a JSON document or a request, its request line or a header such as authorization: Bearer TOKEN copied with the others, or is a token cut short) the whole input is one pasted text with one verdict; header lines that hold different tokens (grep 'Authorization: Bearer' access.log) are read one per line after all, so every token is checked. When no token is found, the text itself is judged: its reason code says what is wrong (api_key_not_token for a pasted API key).",
        "doctor" => "A pasted request (curl, raw request, HAR entry) also gives what the SDK sent: its x-courier-user-id header is the SDK's userId and the accountId in its GraphQL body the tenant, as if given with --user-id and --tenant, which win when given. A note on stderr says which was used; a token for another user than the request's is the user_id_mismatch failure. An Inbox URL copied with its /q (--inbox-url https://inbox.courier.com/q) is taken as its base, with a note.",
        _ => "When no token is found, inspect says so on stderr (naming a pasted API key or client key) and exits 1; an empty or blank input is an error (exit 2), as in verify and doctor.",
    }));
    Section {
        title: "READING THE INPUT",
        blocks,
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
                paragraph("The base URL is --base-url, else --region (us: https://api.courier.com, eu: https://api.eu.courier.com), else COURIER_BASE_URL, else https://api.courier.com. A plain http:// URL whose host is not this machine (127.0.0.0/8, ::1 or localhost) gets a warning. Proxies come from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (see ENVIRONMENT in courier-token(1)), never for this machine; redirects are not followed. The token in a 2xx answer is printed only when the answer is one JSON object without a repeated key and the token decodes to Courier's header {\"alg\":\"HS256\",\"typ\":\"JWT\"} and claims: a scope holding every scope asked for (so the user id), a whole-number iat, and an exp when a lifetime was asked for; anything else is exit 2 naming what is wrong, without the token. --timeout bounds each attempt as a whole; a 429 or 5xx is tried again, three attempts in all, after 0.5 s then 1 s, or after a Retry-After of at most 10 s."),
            ],
        },
        Section {
            title: "REMOTE ERRORS",
            blocks: vec![
                paragraph("Each is one line on stderr, with a hint, and exit status 2. The key never appears; text quoted from the server is scrubbed of it (whole or in part, in any case, hex, base64, JSON-, percent- or \\u-encoded, split by line breaks or escape sequences) and escaped. A token in a 2xx answer that is not Courier's token for this request is an error: Courier answered 200, but <what is wrong>."),
                terms(&[
                    ("401 or 403", "the API key was rejected: Courier answered 401: <message>"),
                    ("400", "Courier refused the request (400): <the API's message>"),
                    ("404", "there is no Issue Token API at <url> (404)"),
                    ("429, after the retries", "Courier is rate limiting this key: 429 after 3 attempts"),
                    ("5xx, after the retries", "Courier's API failed with 503 after 3 attempts: <message>"),
                    ("2xx without a JWT", "Courier answered 200, but its \"token\" is not a JWT ..."),
                    ("2xx, not Courier's token for the request", "Courier answered 200, but the token's scope lacks \"user_id:smokey12345\" (it holds ...); also a header that is not Courier's, alg none, no exp when a lifetime was asked for, a key twice in the answer"),
                    ("no answer in time", "no answer from api.courier.com within 30s (--timeout)"),
                    ("DNS", "cannot find the host api.courier.com: the DNS lookup failed"),
                    ("TLS", "the TLS connection to api.courier.com failed: <reason>"),
                    ("connection refused", "api.courier.com refused the connection"),
                    ("a proxy down", "the proxy in HTTPS_PROXY (proxy.example:3128) refused the connection"),
                    ("a proxy that cannot be used", "ALL_PROXY is set to a ftp:// proxy, which this tool cannot use, so the request was not sent"),
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
                paragraph("reason and message are null when valid; header is null when it did not decode; claims is null unless the signature matched (an unauthenticated payload is never echoed); expires_at is Unix seconds or null; line, present only for tokens read one per line (from stdin or --from), is the 1-based input line, blank lines counted."),
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
            paragraph("In bulk (--user-ids-from --json), one {\"user_id\",\"user_signature\"} object per input line, in input order; without --json, USER_ID<TAB>SIGNATURE lines. With --user-ids-from FILE --verify, FILE holds USER_ID<TAB>SIGNATURE lines (or the {\"user_id\",\"user_signature\"} records of --json) and each gets one {\"user_id\",\"valid\"} object (without --json, USER_ID<TAB>valid or USER_ID<TAB>invalid); the exit status is 1 if any is invalid, 2 if a line cannot be read (no tab, a signature that is not 64 hex digits)."),
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
            title: "MODES",
            blocks: vec![
                paragraph("Courier's docs name three ways a frontend authenticates to the Inbox, and doctor diagnoses each. JWT mode (a TOKEN, or stdin): the offline checks, the GraphQL probe and the realtime socket. Client-key mode (--client-key and --user-id without a TOKEN; give - to read a token from stdin instead): does the workspace answer for the public client key and a user id alone? A 200 is the failing finding client_key_only_accepted (anyone who reads the client key from the page and guesses a user id reads that user's inbox: enable JWT authentication before production); a 401 is a pass. HMAC mode (--user-signature SIG, or --hmac to compute the signature from the API key at hand; both need --client-key and --user-id): a given signature is first checked against the API key at hand (user_signature_mismatch, found before anything is sent), then sent; the verdict always carries the deprecation note."),
                paragraph("The audit (--audit, with --client-key, a TOKEN if you have one, and the API key or --user-signature if you have them; the user id is --user-id, else a pasted request's x-courier-user-id, else the token's first user_id: scope) tries every mode on the workspace and prints which it accepts as a table (mode, HTTP status, accepts, refuses or not tried, a note), ending with Courier's production advice. It exits 1 when the client key alone is accepted; a refused HMAC signature is only information there. The API key is never sent in any mode: only a signature computed from it."),
            ],
        },
        Section {
            title: "THE PROBE",
            blocks: vec![
                paragraph("JWT mode: POST {inbox}/q with Content-Type: application/json, x-courier-user-id: <user>, Authorization: Bearer <token> and a GraphQL body asking count(params: { status: \"unread\" }): byte for byte what getUnreadMessageCount in Courier's web SDK (@trycourier/courier-js 3.x) sends. With --tenant, a second request adds accountId: \"<tenant>\" to the params."),
                paragraph("Client-key and HMAC modes: POST {inbox}/q as the v7 web SDK (@trycourier/client-graphql 7.4.8) sends it: accept: application/graphql+json, application/json, content-type: application/json, x-courier-client-key, x-courier-user-id and, in HMAC mode, x-courier-user-signature, with the body {\"query\": \"query GetInboxCount($params: FilterParamsInput) {...}\", \"operationName\": \"GetInboxCount\", \"variables\": {\"params\": {\"status\": \"unread\"}}} (--tenant adds accountId to the params)."),
                paragraph("The Inbox URL is --inbox-url, else --region (us: https://inbox.courier.com, eu: https://inbox.eu.courier.io), else COURIER_INBOX_URL, else https://inbox.courier.com. Every probe names this tool in User-Agent. Timeouts, retries and network errors are those of issue --remote: an Inbox that cannot be reached is an error (exit 2); in JWT mode the offline checks are printed first (text or JSON), with the failing check probe_unreachable, then the error, whose hint names --offline. The API key is never sent. --dry-run prints every probe of the chosen mode(s) with the token and the signature redacted."),
                paragraph("--dry-run prints each request as it would be sent, headers in the order sent: the SDK's Content-Type, x-courier-user-id and Authorization (the token redacted), then Accept: */*, which fetch adds to every request the SDK makes, and User-Agent: courier-token/<version> in place of the SDK's x-courier-ua telemetry header. The HTTP client adds only Host and Content-Length, as the browser does."),
            ],
        },
        Section {
            title: "THE REALTIME PROBE",
            blocks: vec![
                paragraph("In JWT mode, once the Inbox accepted the token, doctor opens the websocket courier-js opens: GET {realtime}/ with the query auth=<token>, cid=<id>, iwpv=v1, userId=<user>, sdk=courier-token, sdkv=<version>, in that order and joined by & (courier-js sends its own name and version as sdk and sdkv), sends {\"tid\", \"action\": \"get-config\"} and {\"tid\", \"action\": \"subscribe\", \"data\": {\"channel\": <user>, \"event\": \"*\"}} (with \"accountId\" for --tenant), waits for the ack, and closes with 1000. Nothing sent changes state. 101 and an ack: realtime_accepted. An HTTP 401 or 403 at the upgrade: realtime_refused, with the offline reason in the verdict (an expired token) or the region to check."),
                paragraph("A socket that cannot be reached within --timeout is the failing finding realtime_unreachable, not an error: the Inbox works but live updates will not arrive from that network. The realtime URL is --realtime-url, else --region (us: wss://realtime.courier.io, eu: wss://realtime.eu.courier.io), else COURIER_REALTIME_URL, else none for a custom Inbox URL, else wss://realtime.courier.io; --no-realtime skips it. The proxy variables apply as to the HTTP probes, never for this machine (an http:// proxy is asked to CONNECT; another kind of proxy makes the socket realtime_unreachable)."),
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
                    r#"  "probes": [{"mode": "jwt", "channel": "graphql", "url": "https://inbox.courier.com/q", "tenant": null, "http_status": 401, "accepted": false, "unread": null}],"#,
                    r#"  "audit": []"#,
                    "}",
                ]),
                paragraph("ok is false when any check failed; probes is empty when Courier was not asked; mode is jwt, client_key or hmac; channel is graphql or realtime (for the socket, url has the token redacted, and http_status is 101 when it opened and null when it could not be reached); tenant is the probe's --tenant or null; unread is the count when accepted, else null. error (present only when Courier's Inbox could not be asked) is the probe's error, as printed on stderr."),
                paragraph("audit is empty unless --audit; then it has one row per mode tried: {\"mode\", \"channel\", \"accepted\" (true, false, or null when not tried), \"http_status\", \"note\"}."),

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
                paragraph("POST /q is the Inbox GraphQL endpoint: count(params), messages(params, limit, after) with totalCount, pageInfo { startCursor hasNextPage } (startCursor is where the next page starts: send it back as after) and the message fields courier-js and the v7 SDK select, message(messageId) (the caller's own message, or null; also with the mobile SDKs' content { title preview actions }), and the mutations read, unread, opened, archive, unarchive, clicked (messageId), markAllRead, archiveRead and archiveAll, aliased and batched as the SDKs send them. markAllRead also takes the v7 Inbox's params: {tags} (MarkAllAsReadParamsInput: only messages with one of the tags). No SDK sends a tenant with markAllRead, archiveRead or archiveAll (courier-js 3.x sends them bare even when signed in with a tenantId; the v7 Inbox sends only tags), so each changes the user's messages of every tenant, as Courier's do; counts and lists do take accountId, and a socket subscribed with an accountId hears only that tenant's messages. FilterParamsInput: accountId (one tenant's messages; without it, only messages of no tenant), archived (true: only archived; otherwise archived messages are left out), status (read or unread), tags (any of them), from (created at or after: ISO 8601, or Unix milliseconds). A body that is not a GraphQL request is a 400 with {\"errors\": [...]}; a query that does not parse, an unknown message, a bad filter are a 200 with errors, as GraphQL servers answer."),
                paragraph("GET / with a websocket upgrade is the realtime socket courier-js 3.x opens: ?auth=<token>&cid=<connection id>&userId=<user>. The token is checked at the upgrade like a query (a refusal is an HTTP 401); then get-config is answered with config {pingInterval, maxOutstandingPings}, subscribe with ack (the authenticated user's channel only; with accountId, that tenant's messages), ping with pong, and every change to the user's inbox is pushed: {\"event\": \"message\", \"data\": <message>} for a new one, {\"event\": \"read\" | \"unread\" | \"opened\" | \"archive\" | \"unarchive\" | \"clicked\", \"messageId\"} and {\"event\": \"mark-all-read\" | \"archive-read\" | \"archive-all\"} for changes, except to the connection whose x-courier-client-source-id made the change. The older protocol of the v7 web SDK (@trycourier/transport) and the mobile SDKs is served on the same path when the URL has no iwpv: ?auth=<token> is checked at the upgrade, ?clientKey=<key> at each subscribe (its data's channel is the user, userSignature the HMAC signature), nothing is acknowledged (a refused subscribe gets {\"error\": \"<code>: ...\"}), and pushes are tagged by type: a new message is the message itself with \"type\": \"message\", a change {\"type\": \"event\", \"event\", \"messageId\"}."),
                paragraph("POST /send takes the Send API's shape with the API key as Bearer: {\"message\": {\"to\": {\"user_id\": \"...\", \"context\": {\"tenant_id\": \"...\"}}, \"content\": {\"title\": \"...\", \"body\": \"...\"}, \"data\": {...}}}, puts the message in the user's inbox, pushes it to their sockets, and answers 202 {\"requestId\": \"<the message's id>\"} (the other recipient shapes, templates and what is not delivered: SEND API). POST /__serve/reset (API key as Bearer; serve's own, Courier has none) empties every inbox between test cases and answers {\"removed\": n}. Every endpoint answers CORS preflights from allowed origins (see ORIGINS AND LIMITS) for the headers the SDKs send."),
            ],
        },
        Section {
            title: "ORIGINS AND LIMITS",
            blocks: vec![
                paragraph("Pages on loopback origins (http or https, localhost, 127.0.0.1 or [::1], any port) may call serve; --cors-origin ORIGIN (scheme://host[:port], repeatable) allows another. A request (or socket) with any other Origin, null included, is a 403 naming --cors-origin, before any route runs; a Host other than loopback's names or the address serve listens on is a 421 (listening on 0.0.0.0 or :: drops that check). POST /q takes Content-Type: application/json only (415 otherwise), so a form or text/plain POST from a page is refused."),
                paragraph("Bodies are limited to 1 MiB, a request to 10 s, a connection's headers (and its idle time between requests) to 20 s, HTTP connections to 1024. Realtime sockets have a pool of their own: 512 open, of which 64 not yet authenticated (503 past it). A socket message is at most 64 KiB; a client that does not take a reply, push or pong within 10 s is closed; a ?clientKey= socket has its client key checked at the upgrade (401) and is closed with 1008 unless an accepted subscribe comes within 10 s."),
                paragraph("A GraphQL document is costed with every fragment spread expanded before it is validated: more than 2000 fields, 64 aliased fields, 256 fragments or spreads 32 deep is refused with a 200 and errors; then depth 12 and complexity 2000 apply. A response may hold 32 MiB of messages (past it, the answer is only the error), and execution stops at the 10 s request limit."),
            ],
        },
        Section {
            title: "CONSOLE",
            blocks: vec![
                paragraph("GET / from a browser (Accept: text/html, no websocket upgrade) is serve's console: one page, its style and script embedded in the binary, nothing loaded from another origin (its Content-Security-Policy allows 'self' only), kept current by server-sent events. It shows every user with messages (unread, total and archived counts, tenants) and, for the user chosen, each message with its read, archived, opened and tenant state; the request journal, newest first (refusals marked REFUSED with their reason code and why, socket events and injected faults named); a send form (user, title, body, tenant; as POST /send, without the API key); a token decoder; and the workspace: its id, environment, client key, tenant scope, authentication modes, --missing-scopes and --enforce, the apiUrls and the environment variables a test sets. It never shows the API key, not even a development key serve made."),
                paragraph("The decoder reads whatever is pasted (a token, Authorization: Bearer ..., a curl command, a HAR) as inspect does and answers with inspect --json's document, the signature checked against serve's key (\"verified against serve's key\") and the tenant against serve's workspace. It never answers with the pasted text: text holding serve's API key is answered with serve_api_key alone, another Courier API key with api_key_not_token and its public prefix, text without a token with no_token."),
                paragraph("The page's endpoints are under /__serve/console/: workspace, users, messages?user=<id>, requests (the journal as GET /__serve/requests lists it, for the page, which has no API key), send (POST JSON {\"user_id\", \"title\", \"body\", \"tenant\"}, answering 202 {\"messageId\", \"user_id\"}), inspect (POST JSON {\"text\"}), events (text/event-stream: ready, then changed with the topics inbox and requests), console.js and console.css. The page and these endpoints answer only a Host naming the address serve listens on (127.0.0.1:PORT or localhost:PORT on loopback, [::1]:PORT or localhost:PORT on ::1, the --host given otherwise), and the endpoints only the page itself: an Origin other than that address, or a Sec-Fetch-Site other than same-origin or none, is a 403 (a link from another site may open the page, which lets that site read nothing). The SDK routes' CORS policy does not apply to them. Forms are limited to 256 KiB."),
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
