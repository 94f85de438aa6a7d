//! The part of `courier-token-serve(1)` about running tests under serve: `serve -- COMMAND`
//! and the environment it sets (from `serve::COMMAND_ENVIRONMENT`, so the page cannot drift),
//! the development key, parent death, serve's control endpoints (`/__serve/wait`, the request
//! journal, the clock, injected faults) and what courier-js 3.x needs under Node. `man_pages`
//! lays these sections out after `reference`'s.

use super::reference::{Block, Section};
use crate::serve::{COMMAND_ENVIRONMENT, COMMAND_NOT_STARTED};

fn paragraph(text: &str) -> Block {
    Block::Paragraph(text.to_string())
}

fn literal(lines: &[&str]) -> Block {
    Block::Literal(lines.iter().map(|line| line.to_string()).collect())
}

/// The sections for subcommand `name` (only serve has any).
pub fn serve_ci_sections(name: &str) -> Vec<Section> {
    if name != "serve" {
        return Vec::new();
    }
    vec![
        Section {
            title: "RUNNING A COMMAND",
            blocks: vec![
                Block::Paragraph(format!("courier-token serve [OPTIONS] -- COMMAND [ARGS...] starts serve (on a free port unless --port), runs COMMAND with the environment below, and when it ends stops serve and exits with its exit code: 128 + the signal when a signal ended it, and {COMMAND_NOT_STARTED}, with one error line, when it could not be started. Ctrl-C (SIGINT) and SIGTERM sent to serve are forwarded to the command, and serve stops when it ends. stdout is the command's: serve says where it listens on stderr (--json cannot be combined with a command).")),
                Block::Terms(
                    COMMAND_ENVIRONMENT
                        .iter()
                        .map(|(name, meaning)| (name.to_string(), meaning.to_string()))
                        .collect(),
                ),
                literal(&[
                    "courier-token serve -- npm test",
                    "courier-token serve --messages inbox.jsonl -- node --experimental-websocket --test",
                ]),
                paragraph("With no API key anywhere (COURIER_API_KEY, COURIER_AUTH_TOKEN, --key-file, --key-env), serve makes a random development key for this run and says so on stderr; the command finds it in COURIER_API_KEY, and with --json the first line carries it as \"api_key\". It is random on every run, so a token it signs is valid on that serve alone. A key that is given is used as before and never printed."),
                paragraph("serve dies with what started it: on Linux it asks the kernel for SIGTERM when its parent exits (PR_SET_PDEATHSIG), so a test runner killed with SIGKILL leaves no serve behind. The parent is the thread that started serve: start it from a thread that outlives it."),
            ],
        },
        Section {
            title: "CONTROL ENDPOINTS",
            blocks: vec![
                paragraph("serve's own endpoints for tests, under /__serve/ (Courier has none of them), each with the workspace's API key as Authorization: Bearer (401 otherwise). They are not journaled and no fault is injected into them; a wait is not held to the 10 s request limit."),
                paragraph("GET /__serve/wait?subscribed=USER&timeout=5s answers 200 {\"user\", \"subscribed\": true} as soon as USER has a socket whose subscribe serve has taken (either protocol), 408 {\"type\": \"timeout\", ...} when the timeout (default 5s, at most 5m) passes first. It removes a race: courier-js's socket.connect() resolves when the socket opens, before serve has taken the subscribe, and a push goes only to subscribed sockets; courier-js does not let app code see the ack, so a test that sends a message right after connect() misses it now and then. Wait for the subscription instead of sleeping. GET /__serve/wait?messages=USER&count=N answers once USER's inbox holds at least N messages (archived ones included). A bad parameter is a 400."),
                paragraph("GET /__serve/requests is the request journal: a JSON list, newest last, of the last 1000 requests and socket events: {\"seq\", \"time\" (serve's clock), \"method\", \"path\" (never the query string), \"user\", \"status\", \"duration_ms\", \"operation\" (the GraphQL operation's name), \"event\" (upgrade, subscribe, and the injected reconnect and close), \"code\" and \"reason\" (for a refusal: the reason code and sentence of REASON CODES), \"fault\" (what was injected)}. ?user=, ?path= and ?status= keep the matching entries. DELETE /__serve/requests empties it and answers {\"removed\": n}. It holds what the log holds: never the API key, a token or a header value."),
                paragraph("GET /__serve/clock shows serve's now: {\"now\" (RFC 3339), \"unix\", \"pinned\" (--now was given), \"offset_ms\"}. POST /__serve/clock {\"advance\": \"2h\"} moves it (any duration --leeway takes; negative goes back), {\"set\": \"2030-01-01T00:00:00Z\"} sets it (RFC 3339 or Unix seconds). Every check reads this clock: a token's exp and nbf, the iat and exp the Issue Token API writes (expires_in counts from it), message times. So a test sees the SDK's expired-token behaviour without waiting: issue a token for 1h, advance 2h, and the next request is refused with expired."),
                paragraph("POST /__serve/faults injects faults, each shown in the journal: {\"socket\": \"reconnect\", \"retry_after_ms\": N} sends courier-js's {\"event\": \"reconnect\", \"retryAfter\": N/1000, \"code\": 1000} to every open socket of the current protocol (courier-js closes it and reconnects after that many seconds); {\"socket\": \"close\", \"code\": C} closes every open socket with code C; {\"upgrade\": 401} refuses every socket upgrade with that status until cleared; {\"latency_ms\": N} delays each request to Courier's routes; {\"error_rate\": 0.1, \"status\": 503, \"seed\": 1} answers that share of them with the status instead, drawn from a stream seeded with seed (default 1), so the same requests in the same order fail the same way on every run. The answer is {\"standing\", \"sockets\": how many open sockets were told}. GET shows what stands; DELETE clears it."),
                paragraph("GET /__serve/state answers the workspace as --export-on-exit writes it (see EXPORT)."),
            ],
        },
        Section {
            title: "COURIER-JS UNDER NODE",
            blocks: vec![
                paragraph("courier-js 3.x is written for browsers. Under Node it needs a global WebSocket (Node >= 22 has one; Node 20 and 21 need node --experimental-websocket, otherwise its socket fails with ReferenceError: WebSocket is not defined) and globalThis.window (it calls window.setTimeout and window.setInterval; without it: ReferenceError: window is not defined). The package is CommonJS: import it whole and take its names. Courier's Node server SDK (@trycourier/courier 7) reads COURIER_BASE_URL and COURIER_API_KEY itself."),
                literal(&[
                    "import courierJs from '@trycourier/courier-js';",
                    "import Courier from '@trycourier/courier';",
                    "globalThis.window ??= globalThis;",
                    "const { CourierClient } = courierJs;",
                    "const { token } = await new Courier().auth.issueToken({ scope: 'user_id:alice inbox:read:messages', expires_in: '1h' });",
                    "const client = new CourierClient({ userId: 'alice', jwt: token, apiUrls: JSON.parse(process.env.COURIER_API_URLS) });",
                    "await client.inbox.socket.connect();",
                    "await fetch(`${process.env.COURIER_BASE_URL}/__serve/wait?subscribed=alice`,",
                    "  { headers: { Authorization: `Bearer ${process.env.COURIER_API_KEY}` } });",
                ]),
                paragraph("examples/node-test/inbox.test.mjs in the source is a complete node --test file doing this (a message sent by the backend reaches the inbox and the open socket; a token expires when the clock moves): courier-token serve -- node --experimental-websocket --test inbox.test.mjs."),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_every_variable_and_the_not_started_code() {
        let text = format!("{:?}", serve_ci_sections("serve"));
        for (name, _) in COMMAND_ENVIRONMENT {
            assert!(text.contains(name), "{name}");
        }
        assert!(text.contains(&COMMAND_NOT_STARTED.to_string()));
        assert!(serve_ci_sections("issue").is_empty());
    }
}
