//! What the main man page says beyond the options: the ENVIRONMENT, EXIT STATUS, EXAMPLES and
//! SECURITY sections and the longer DESCRIPTION, as data. To document a new environment
//! variable (or exit case, or example), add an entry here; `man_pages` lays them out, and
//! `cargo run -- generate-assets` rewrites `man/`.

use crate::doctor::INBOX_URL_ENV;
use crate::key::{API_KEY_ENV, LEGACY_API_KEY_ENV};
use crate::remote::BASE_URL_ENV;
use crate::terminal::exit_codes::{ERROR, NEGATIVE, OUTPUT_CLOSED_EARLY, SIGNALLED_BASE, SUCCESS};
use crate::wire::urls::REALTIME_URL_ENV;

/// An environment variable the tool reads, as ENVIRONMENT documents it.
pub struct EnvironmentVariable {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// Every environment variable the tool reads. To document a new one, add an entry; the section
/// lists them in this order.
pub const ENVIRONMENT: &[EnvironmentVariable] = &[
    EnvironmentVariable {
        name: API_KEY_ENV,
        meaning: "The API key that signs and verifies tokens and user signatures, unless \
                  --key-file or --key-env names another source. Set but empty is an error, not a \
                  fallback. inspect needs no key; with one, it also checks the signature.",
    },
    EnvironmentVariable {
        name: LEGACY_API_KEY_ENV,
        meaning: "The legacy name for the API key (older Courier SDKs), read only when \
                  COURIER_API_KEY is unset.",
    },
    EnvironmentVariable {
        name: "NAME (--key-env NAME)",
        meaning: "The variable --key-env names holds the API key instead; set but empty is an \
                  error.",
    },
    EnvironmentVariable {
        name: BASE_URL_ENV,
        meaning:
            "The base URL of Courier's API that issue --remote posts to ({URL}/auth/issue-token), \
                  when neither --base-url nor --region is given; default https://api.courier.com.",
    },
    EnvironmentVariable {
        name: INBOX_URL_ENV,
        meaning: "The base URL of Courier's Inbox that doctor probes (it posts to {URL}/q), when \
                  neither --inbox-url nor --region is given; default https://inbox.courier.com.",
    },
    EnvironmentVariable {
        name: REALTIME_URL_ENV,
        meaning:
            "The URL of Courier's realtime socket that doctor opens in JWT mode, when neither \
                  --realtime-url nor --region is given; default wss://realtime.courier.io (none \
                  when the Inbox URL is a custom one).",
    },
    EnvironmentVariable {
        name: "NO_COLOR",
        meaning: "When set to a non-empty value, --color auto (the default) does not colour \
                  output. JSON output is never coloured.",
    },
    EnvironmentVariable {
        name: "TZ",
        meaning: "The time zone --date local shows times in (else the system's zone, \
                  /etc/localtime): a POSIX rule (EST5EDT,M3.2.0,M11.1.0), a zone name \
                  (Europe/Paris) or an absolute path to a zone file, with or without a leading \
                  colon; empty means UTC. A zone file is read only when it is a regular file of \
                  at most 64 KiB, opened without blocking, and a name may not contain ..; \
                  anything else (/dev/zero, a FIFO, a missing zone) gets a warning and times in \
                  UTC. --date utc, the default, ignores TZ.",
    },
    EnvironmentVariable {
        name: "TZDIR",
        meaning: "Where --date local looks for the time zone database, instead of the system's \
                  (/usr/share/zoneinfo).",
    },
    EnvironmentVariable {
        name: "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
        meaning: "The proxy for issue --remote and doctor's probes. A request to this machine \
                  (127.0.0.0/8, ::1, localhost) never goes through a proxy. Otherwise an https \
                  (or wss) URL uses https_proxy or HTTPS_PROXY, a plain http (or ws) URL \
                  http_proxy or HTTP_PROXY, and either falls back to all_proxy or ALL_PROXY (lower case \
                  first; an empty value is unset). NO_PROXY (or no_proxy) lists hosts reached \
                  directly, comma-separated: a name also covers its subdomains, a leading dot \
                  or *. is allowed, * means every host; no address ranges. A proxy is \
                  http://, https:// (HTTP CONNECT), socks4://, socks4a://, socks5://, \
                  socks5h:// or socks:// (SOCKS5), with user:password@ if it needs one; any \
                  other value is an error naming the variable, and nothing is sent. The realtime \
                  socket can use an http:// proxy only (it is asked to CONNECT); another is \
                  realtime_unreachable. Plain http through a proxy is warned about like plain \
                  http to another host.",
    },
];

/// One exit status: what it means overall, then what it means for each command that uses it.
pub struct ExitStatus {
    pub code: u8,
    pub meaning: &'static str,
    pub by_command: &'static [(&'static str, &'static str)],
}

/// The exit statuses, in order; the codes come from `exit_codes`, the one place that assigns them.
pub const EXIT_STATUSES: &[ExitStatus] = &[
    ExitStatus {
        code: SUCCESS,
        meaning: "Success, and the answer, if the command asks a question, is yes.",
        by_command: &[
            ("issue", "the token was minted"),
            ("verify", "every token is valid"),
            ("hmac-sign", "the signature was computed, or with --verify it matches"),
            ("inspect", "a token was found and decoded (even one no verifier accepts)"),
            (
                "doctor",
                "no check failed: Courier accepts the token (or, with --offline, nothing wrong \
                 was found)",
            ),
            ("completions", "the script was printed"),
        ],
    },
    ExitStatus {
        code: NEGATIVE,
        meaning: "A negative answer: the command ran fine, and the answer is no.",
        by_command: &[
            ("verify", "a token was rejected (the verdict names the reason code)"),
            ("hmac-sign --verify", "the signature does not match"),
            ("inspect", "no token was found in the input"),
            (
                "doctor",
                "a check failed: Courier rejects the token, or something in it means the Inbox \
                 will stay empty (the verdict says what)",
            ),
        ],
    },
    // A reader that goes away (`| head`) once every input was answered ends the run quietly
    // with that answer: 1 once any token was rejected or signature mismatched, else 0.
    ExitStatus {
        code: ERROR,
        meaning: "An error: bad usage (an unknown option, a missing argument), no key or an \
                  empty one, unreadable or oversized input, a scope or lifetime that issue refuses, \
                  a signature that is not 64 hex digits, output that could not be written (a \
                  stdout open for reading only, a full disk; a reader that went away, as with \
                  | head, is not an error: the status is then the answer for the whole input, or \
                  141 when some of it was never answered). The message on stderr says which.",
        by_command: &[(
            "doctor",
            "no input, or Courier's Inbox could not be asked: unreachable, too slow, or \
             failing after the retries",
        )],
    },
    ExitStatus {
        code: SIGNALLED_BASE + 1,
        meaning: "SIGHUP stopped a bulk run (see 130).",
        by_command: &[],
    },
    ExitStatus {
        code: SIGNALLED_BASE + 2,
        meaning: "SIGINT (Ctrl-C) stopped a bulk run (issue or hmac-sign --user-ids-from, \
                  verify reading tokens from stdin): reading stopped, the lines written \
                  are whole (the output ends with a newline), and the lines not written were \
                  not answered. 128 + the signal, as a shell reports a process a signal ended; \
                  a single run keeps the signal's default action.",
        by_command: &[],
    },
    ExitStatus {
        code: OUTPUT_CLOSED_EARLY,
        meaning: "The reader of stdout went away (| head) before a bulk run had answered every \
                  input line: quietly, with no message, as for a process SIGPIPE ended, so \
                  set -o pipefail sees that some input (perhaps a rejected token) was never \
                  checked. Once every line was answered, the status is that answer instead (0 \
                  or 1).",
        by_command: &[],
    },
    ExitStatus {
        code: SIGNALLED_BASE + 15,
        meaning: "SIGTERM stopped a bulk run (see 130).",
        by_command: &[],
    },
];

/// What an example does, and the command lines that do it.
pub struct Example {
    pub purpose: &'static str,
    pub commands: &'static [&'static str],
}

/// The main page's examples: the common jobs, end to end.
pub const EXAMPLES: &[Example] = &[
    Example {
        purpose: "A local test token for the Inbox, valid for two days, with the key from the \
                  environment:",
        commands: &["courier-token issue --user-id smokey12345 --expires-in '2 days'"],
    },
    Example {
        purpose: "An already-expired token, to test an app's refresh path:",
        commands: &["courier-token issue --user-id smokey12345 --expires-in -1h"],
    },
    Example {
        purpose: "Reproducible fixtures in CI: a pinned clock and token id give the same bytes \
                  every run, and the test job checks the token as of that time:",
        commands: &[
            "NOW=2024-01-01T00:00:00Z",
            "courier-token issue --user-id alice --now \"$NOW\" \\",
            "    --jti 00000000-0000-4000-8000-000000000001 > fixtures/alice.jwt",
            "courier-token verify --now \"$NOW\" -q --user-id alice < fixtures/alice.jwt",
        ],
    },
    Example {
        purpose: "Fail a CI job unless the token is valid for this user and carries the Inbox \
                  scopes:",
        commands: &[
            "courier-token verify \"$TOKEN\" -q --user-id smokey12345 \\",
            "    --require-scope inbox:read:messages --require-scope inbox:write:events",
        ],
    },
    Example {
        purpose: "Decode a token copied from a browser's network tab (a bare token, a Bearer \
                  header or a whole curl command will do) and explain it, without a key:",
        commands: &["pbpaste | courier-token inspect"],
    },
    Example {
        purpose: "Why is this customer's inbox empty? Check the token offline, then ask Courier's \
                  Inbox with the request its web SDK sends (read-only; the API key is never \
                  sent):",
        commands: &["courier-token doctor \"$TOKEN\" --user-id alice --tenant acme-co"],
    },
    Example {
        purpose: "The key from a file readable only by you, instead of the environment:",
        commands: &["courier-token --key-file ~/.config/courier/key issue --user-id smokey12345"],
    },
    Example {
        purpose: "Install bash completion for your user:",
        commands: &[
            "courier-token completions bash \\",
            "    > ~/.local/share/bash-completion/completions/courier-token",
        ],
    },
];

/// Paragraphs after the one-line summary in DESCRIPTION.
pub const DESCRIPTION: &[&str] = &[
    "Courier's Inbox authenticates a user with a per-user JWT whose scope names the user \
     (user_id:<id> inbox:read:messages inbox:write:events) or, the deprecated way, with an \
     HMAC-SHA256 signature of the user id keyed by the API key. courier-token mints and \
     verifies the first, computes and checks the second, and decodes any token to explain it \
     in Courier's terms. Each subcommand has its own page, listed under SUBCOMMANDS.",
    "Commands that sign or verify read the API key from, in order of precedence: --key-file \
     PATH (--key-file - reads stdin), --key-env NAME, then COURIER_API_KEY and the legacy \
     COURIER_AUTH_TOKEN. No option takes the key itself; see SECURITY.",
    "--now TIME stands in for the clock everywhere, so output can be exact and reproducible. \
     Times are shown in RFC 3339 in UTC, or with --date local in this machine's zone with its \
     offset (TZ is honoured); relative times use two units and round the smaller one (in 2d), \
     and spans over 60 days read in years, months and days. Results go to stdout, diagnostics \
     to stderr.",
    "Standard output is written as the caller hands it over: a file, a pipe (waited on when \
     it is non-blocking and full), or /dev/null opened for writing or read-write (as \
     Python's subprocess.DEVNULL, Node's stdio: 'ignore' and systemd's StandardOutput=null \
     open it), which discards the output with the usual exit status. A stdout closed with >&- \
     cannot be told apart from that /dev/null (the Rust runtime reopens a closed descriptor \
     on /dev/null, read-write, before the program starts), so it discards the output too. A \
     stdout open for reading only (1</dev/null) is an error (exit 2), and so is any write \
     that fails.",
];

/// The SECURITY section's paragraphs.
pub const SECURITY: &[&str] = &[
    "The API key is never a command-line argument. Arguments are visible to every user of the \
     machine through ps(1) and /proc, and end up in shell history; an option meant to take \
     the key (--key, jwt-cli's -S and their like) is refused with an error naming the sources \
     that are safe. Keep the key in a file readable only by you \
     (courier-token warns when a key file is readable by group or others), in an environment \
     variable, or pipe it to --key-file -. The key never appears in output, error messages or \
     help, and is wiped from memory when no longer needed. A key file or --key-file - loses \
     one trailing newline (\\n) and nothing else: a key with whitespace, a carriage return (a \
     key file saved with Windows line endings) or a byte order mark left is used as read, \
     with a warning, so one file gives one key however it is read; a bad_signature verdict \
     names the key source it tried.",
    "The executable is position-independent (loaded at a random address) and linked with \
     full RELRO and BIND_NOW, so its relocated tables are read-only once it has started.",
    "At start-up courier-token turns core dumps off (a core size limit of 0 and, on Linux, \
     not dumpable, as ssh-agent does), so a crash or SIGQUIT during issue --remote cannot \
     leave the key or the Authorization header in a core file. Text a server echoes back is \
     scrubbed of the key before anything else is done to it: whole or in part (less its first \
     or last character, any stretch of half of it, at least 12 characters), in any letter \
     case, hex, JSON-escaped or base64-encoded, also percent- or \\u-encoded or split by line \
     breaks, spaces or terminal escape sequences. Text the user typed is never quoted in an \
     error when it holds the key at hand (the value of COURIER_API_KEY, COURIER_AUTH_TOKEN or \
     the --key-env variable, or the key in the --key-file given, or 12 or more characters of \
     it) or looks like an API key (pk_..., \
     dk_...): --key-env \"$COURIER_API_KEY\" shows <not shown: it holds the API key>.",
    "Untrusted text (claims and user ids of any token, headers doctor --dry-run shows, what a \
     server says, anything an error quotes) follows one escaping rule on stdout and stderr in \
     every command: control characters, bidi controls, U+061C, U+2028 and U+2029, zero-width \
     and other invisible characters (U+00AD, U+180E, Hangul fillers, tag characters) are \
     shown as \\u{..} escapes, and as \\uXXXX escapes in JSON output, where they mean the same. \
     Quotes of user text stop at 64 characters. issue --remote and doctor never send through \
     a proxy to this machine (127.0.0.0/8, ::1, localhost); see ENVIRONMENT for the proxy \
     variables.",
    "The HMAC user signature (hmac-sign) is deprecated by Courier: prefer JWTs from issue. It \
     is computed with the API key, so it must never be computed in a frontend: a browser or a \
     mobile app that can compute it holds the key, and with it anyone can sign \
     for any user. Compute it on your server and hand the frontend only the signature.",
    "doctor uses the API key, when one is at hand, only to tell a locally signed token; it never \
     sends it anywhere. Its probe is read-only and carries the token being diagnosed, so run it \
     only against Courier or a server of your own.",
    "A token minted with the API key is a faithful local or test token; Courier signs its real \
     tokens with a workspace key. A token without exp (issue --no-expiry) never expires and, \
     like any JWT, cannot be revoked.",
];
