//! The long help after each command's options: key sources, exit status, reason codes and the
//! worked examples for the common jobs. Kept apart from the option definitions so either can
//! be read at once.

pub(super) const MAIN_AFTER_HELP: &str = "\
Key sources, in order of precedence:
  --key-file PATH      read the API key from a file (--key-file - reads stdin)
  --key-env NAME       read it from the environment variable NAME
  COURIER_API_KEY      the default, then the legacy COURIER_AUTH_TOKEN
There is deliberately no option that takes the key itself: it would show up in `ps` and history.

Exit status: 0 success, 1 a negative answer (token rejected, signature mismatch, no token
found, a doctor check failed), 2 an error (usage, key, input, Courier unreachable).

Complete reference: man courier-token, and a page per subcommand (man courier-token-issue, ...).

Examples:
  courier-token issue --user-id smokey12345 --expires-in '2 days'
  courier-token verify \"$TOKEN\" --user-id smokey12345
  courier-token inspect 'Authorization: Bearer eyJhbGciOi...'
  courier-token doctor \"$TOKEN\" --user-id smokey12345
  courier-token hmac-sign smokey12345";

/// `--jti`'s help. Clap's help turns every `{n}` into a line break, and has no escape for it:
/// the `--jti` placeholder is written with an empty style (`ESC[0m`) after its brace, which
/// breaks clap's match and which every output (help, man page, completions) drops again.
pub(super) const JTI_HELP: &str = "Use ID as the token id (\"jti\") instead of a random UUID v4; \
    {\x1b[0mn} (the line number, 1 for one token) and {user_id} are filled in, and bulk needs one of them";

pub(super) const ISSUE_AFTER_HELP: &str = "\
Scopes (Courier's documented list; --allow-unknown-scopes lets others through):
  user_id:<id>  inbox:read:messages  inbox:write:events
  read:preferences  write:preferences  read:user-tokens  write:user-tokens
  read:brands  read:brands:<brand_id>  write:brands  write:brands:<brand_id>
  tenants:read  tenants:notifications:read  tenants:notifications:write
  tenants:brand:read  tenant:<tenant_id>:read  tenant:<tenant_id>:notification:read
  tenant:<tenant_id>:notification:write  tenant:<tenant_id>:brand:read
  tenant:<tenant_id>:brand:write
Legacy spellings, accepted with a warning (inspect and doctor warn legacy_scope too):
  read:messages  write:events  inbox:write:messages  inbox:read:write
A token for a user (--user-id, each line of --user-ids-from) gets the Inbox's two scopes
right after user_id:<id>, and --scope adds others after them: --user-id a --scope
read:preferences gives user_id:a inbox:read:messages inbox:write:events read:preferences.
--no-inbox-scopes leaves them out (warned: the Inbox then shows no messages); --remote asks
Courier for the same scope string. --tenant-scope is published/production or published/test
(--allow-unknown-scopes lets another through).

Bulk (--user-ids-from): output line N is input line N. A blank line is an error naming it
(--skip-blank-lines leaves blank lines out), a byte order mark at the start is dropped with
a note, and a Windows file's \\r\\n line ends are read without the \\r (one note says so);
nothing else is trimmed: a user id follows the same rule as --user-id (no whitespace or
control characters; a single --user-id with a \\r is refused). Input with no line at all is an
error (exit 2). With a --jti made from {user_id} without the line number, user ids that
repeat are warned about: they share a jti.

Custom claims (--claim NAME=VALUE, VALUE as JSON, else a string) are written as Node's
jsonwebtoken writes them, byte for byte: numbers are JavaScript numbers in JSON.stringify's
form (1.0 is 1, 1e21 is 1e+21, and 12345678901234567890 becomes 12345678901234567000, with a
note; quote it as JSON to keep every digit). JSON that Node would change (1e400 becomes null)
is refused, and so is a claim named by a number (--claim 5=x), which JavaScript would move
before scope.

Complete reference (the --json shapes, the --remote request and errors): man courier-token-issue

Examples:
  # A local test token for the Inbox, valid for two days
  courier-token issue --user-id smokey12345 --expires-in '2 days'

  # An already-expired token, to test your app's refresh path
  courier-token issue --user-id smokey12345 --expires-in -1h

  # Reproducible fixtures: pinned clock and token id give byte-identical output
  courier-token issue --user-id u1 --now 2024-01-01T00:00:00Z \\
      --jti 00000000-0000-4000-8000-000000000001

  # A token for your workspace, tenant id taken from the client key
  courier-token issue --user-id smokey12345 \\
      --client-key MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx

  # The key from a file instead of COURIER_API_KEY
  courier-token --key-file ~/.config/courier/key issue --user-id smokey12345

  # Fixtures in bulk: one token per line of users.txt, in input order, with
  # deterministic token ids ({\x1b[0mn}: the line number; {user_id}: the line's user id)
  courier-token issue --user-ids-from users.txt \\
      --now 2024-01-01T00:00:00Z --jti 'ci-{\x1b[0mn}' > tokens.txt

  # A real token from Courier's Issue Token API (EU workspace), one the live Inbox accepts
  courier-token issue --remote --region eu --user-id smokey12345 --expires-in '2 days'

  # See the request --remote would send (key redacted), without sending it
  courier-token issue --remote --dry-run --user-id smokey12345";

pub(super) const VERIFY_AFTER_HELP: &str = "\
Reason codes (with --json, in \"reason\"), in check order: api_key_not_token
client_key_not_token malformed_segments malformed_base64 malformed_header duplicate_key alg_none
unsupported_alg crit_header bad_signature malformed_payload invalid_time_claim expired
not_yet_valid audience_mismatch user_id_mismatch missing_scope missing_exp

The token is found as inspect and doctor find it: a bare or Bearer token, quotes, NAME=TOKEN,
JSON, a curl command, a token cut over lines; several different tokens are picked among by one
rule, with a note. Stdin is one token per line when its first line holds one, else one paste.

Complete reference (reading the input, what each reason code means, the --json shape):
man courier-token-verify

Examples:
  # In CI: fail unless the token is valid for this user with the Inbox scopes
  courier-token verify \"$TOKEN\" -q --user-id smokey12345 \\
      --require-scope inbox:read:messages --require-scope inbox:write:events

  # A header, a curl command or an env line copied from anywhere
  pbpaste | courier-token verify -
  courier-token verify \"COURIER_JWT=$TOKEN\"

  # Many tokens, one per line, one verdict each naming its line (also reads
  # the JSON Lines of issue --user-ids-from --json)
  courier-token verify --json < tokens.txt

  # As of a pinned time, with 30 seconds of clock skew allowed
  courier-token verify \"$TOKEN\" --now 2024-01-01T00:00:00Z --leeway 30s";

pub(super) const HMAC_AFTER_HELP: &str = "\
The HMAC user signature is Courier's deprecated way to authenticate the Inbox: prefer JWTs
(`courier-token issue`). Never compute it in a browser: it needs the API key.

User ids: signed exactly as given, in single and bulk mode alike (nothing trimmed). The SDK
sends the id in the x-courier-user-id header, which cannot carry control characters (a tab
included) and drops whitespace at either end, so such ids are refused (exit 2). A space
inside an id is signed, with a note that no JWT scope could hold it.

Bulk (--user-ids-from): output line N is input line N. A blank line is an error naming it
(--skip-blank-lines leaves blank lines out), a byte order mark at the start is dropped with
a note, so are a Windows file's \\r line ends (one note), and input with no line at all is an
error (exit 2). --verify with --user-ids-from
checks USER_ID<TAB>SIGNATURE lines or --json records (what signing writes): USER_ID<TAB>valid
or invalid per line (--json: {\"user_id\",\"valid\"}), exit 1 if any is invalid, 2 if one cannot be read.

Complete reference (the --json shapes): man courier-token-hmac-sign

Examples:
  # The signature for a user, as lowercase hex
  courier-token hmac-sign smokey12345

  # The user id from stdin
  echo smokey12345 | courier-token hmac-sign -

  # Check a signature you were given: exit 0 valid, 1 invalid, 2 not 64 hex digits
  courier-token hmac-sign smokey12345 --verify 3b6f...e1

  # Machine-readable
  courier-token hmac-sign smokey12345 --json

  # In bulk: USER_ID<TAB>SIGNATURE per line, in input order
  courier-token hmac-sign --user-ids-from users.txt > signatures.tsv

  # Check them all later: one verdict per line, exit 1 if any does not match
  courier-token hmac-sign --user-ids-from signatures.tsv --verify";

pub(super) const INSPECT_AFTER_HELP: &str = "\
The token is found in whatever was pasted, as verify and doctor find it: a bare or Bearer
token, quotes, NAME=TOKEN (an env line, a URL, a cookie), JSON, a curl command, a HAR export
(--from, any size), a token cut over lines. Among several different tokens one rule picks (sent
to the Inbox, then named as a token, then the first), and a note says so. A Courier API key
(pk_..., dk_...) or client key given instead of a token is named as such, without echoing it
(exit 1); verify does the same.

Complete reference (reading the input, every warning code, the --json shape):
man courier-token-inspect

Examples:
  # Decode a token pasted from the browser's network tab (any form works)
  courier-token inspect 'Authorization: Bearer eyJhbGciOi...'
  pbpaste | courier-token inspect

  # The Inbox request of a page, from the browser's HAR export
  courier-token inspect --from inbox.har

  # Why is this customer's inbox empty? Check the scopes and the workspace
  courier-token inspect \"$TOKEN\" \\
      --client-key MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx

  # Which workspace does a client key belong to?
  courier-token inspect \\
      --client-key MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx

  # Machine-readable
  courier-token inspect \"$TOKEN\" --json | jq .summary";

pub(super) const DOCTOR_AFTER_HELP: &str = "\
Modes (Courier's docs name three):
  JWT (a TOKEN, or stdin): the checks below, the GraphQL probe and the realtime socket.
  Client key only (--client-key and --user-id, no TOKEN): does the workspace answer for the
    public client key and a user id alone? 200 fails (client_key_only_accepted), 401 passes.
  HMAC, legacy (--user-signature SIG, or --hmac to compute it from the API key at hand):
    the signature is checked offline against the key at hand first, then sent.
  --audit tries every mode on the workspace and prints which it accepts; exit 1 when the
    client key alone is enough.

Checks in JWT mode, in order (each has a stable code; status pass, warn, fail or info):
  the input is a JWT, not an API key (api_key_not_token) or client key (client_key_not_token);
  alg HS256; expired, expires_soon (--min-ttl), issued_in_future, never_expires;
  user_id_missing, user_id_mismatch (--user-id); inbox_scopes_missing, legacy_scope;
  environment; tenant_mismatch (--client-key); signed_locally (with an API key at hand);
  then the live probe: accepted, rejected_by_courier or graphql_errors; then the realtime
  socket: realtime_accepted, realtime_refused, realtime_no_ack or realtime_unreachable.
The probes are the requests Courier's SDKs send for the unread count, POST {inbox}/q
(courier-js 3.x for a JWT, the v7 client for the client key and HMAC), and the websocket
courier-js opens. They read
nothing but the count, and the API key is never sent anywhere.

--json prints one line, stable: {\"ok\": bool, \"verdict\": \"...\", \"checks\": [{\"code\",
\"status\", \"message\"}], \"probes\": [{\"mode\", \"channel\", \"url\", \"tenant\", \"http_status\",
\"accepted\", \"unread\"}], \"audit\": [{\"mode\", \"channel\", \"accepted\", \"http_status\", \"note\"}]};
ok is false when a check failed; tenant and unread are null when not given or not accepted.

The token is found as inspect finds it. A pasted request (Copy as cURL, a HAR export) also
gives the SDK's userId (its x-courier-user-id header), client key (x-courier-client-key,
checked against the token's tenant_id) and tenant (accountId in its GraphQL body), unless
--user-id, --client-key and --tenant say otherwise.

Exit status: 0 nothing failed, 1 a check failed, 2 an error (no input, bad usage, Courier's
Inbox could not be reached after the retries: the offline checks are printed first).

Complete reference (reading the input, every check code, the probes, the --json shape):
man courier-token-doctor

Examples:
  # Why is this customer's inbox empty? Paste what the browser sent
  courier-token doctor 'Authorization: Bearer eyJhbGciOi...' --user-id alice

  # The Inbox request copied as curl (or a page's HAR export): its token, user and tenant
  pbpaste | courier-token doctor
  courier-token doctor --from inbox.har

  # The frontend filters on a tenant and has this client key
  courier-token doctor \"$TOKEN\" --tenant acme-co \\
      --client-key MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx

  # An EU workspace; fail if the token has less than an hour left
  courier-token doctor \"$TOKEN\" --region eu --min-ttl 1h

  # Before going to production: is the workspace still open to the client key alone?
  courier-token doctor --client-key \"$CLIENT_KEY\" --user-id alice
  courier-token doctor \"$TOKEN\" --audit --client-key \"$CLIENT_KEY\" --user-id alice

  # A workspace on legacy HMAC (the signature from the API key at hand)
  courier-token doctor --hmac --client-key \"$CLIENT_KEY\" --user-id alice

  # Offline only, or see every request without sending it
  courier-token doctor \"$TOKEN\" --offline
  courier-token doctor \"$TOKEN\" --dry-run

  # For a ticket or a script
  courier-token doctor \"$TOKEN\" --json | jq .verdict";

pub(super) const COMPLETIONS_AFTER_HELP: &str = "\
Where each shell finds the script:
  bash, your user:        ~/.local/share/bash-completion/completions/courier-token
  bash, every user:       /usr/local/share/bash-completion/completions/courier-token
  zsh, your user:         ~/.zfunc/_courier-token, with fpath=(~/.zfunc $fpath) before compinit
  zsh, every user:        /usr/local/share/zsh/site-functions/_courier-token
  fish, your user:        ~/.config/fish/completions/courier-token.fish
  fish, every user:       /usr/local/share/fish/vendor_completions.d/courier-token.fish
  PowerShell, your user:  a line in $PROFILE (see Examples)
  PowerShell, every user: the same line in $PROFILE.AllUsersAllHosts
  elvish, your user:      a line in ~/.config/elvish/rc.elv (see Examples)
bash reads these folders through the bash-completion package; elvish has no system-wide place.

Examples:
  # bash: try it in this shell, then install it for your user
  source <(courier-token completions bash)
  courier-token completions bash \\
      > ~/.local/share/bash-completion/completions/courier-token

  # zsh: to a folder on $fpath, e.g. fpath=(~/.zfunc $fpath) in ~/.zshrc
  courier-token completions zsh > ~/.zfunc/_courier-token

  # fish
  courier-token completions fish > ~/.config/fish/completions/courier-token.fish

  # For every user of the machine (bash, zsh, fish); install -D makes missing folders
  courier-token completions bash | sudo install -D -m 644 /dev/stdin \\
      /usr/local/share/bash-completion/completions/courier-token
  courier-token completions zsh | sudo install -D -m 644 /dev/stdin \\
      /usr/local/share/zsh/site-functions/_courier-token
  courier-token completions fish | sudo install -D -m 644 /dev/stdin \\
      /usr/local/share/fish/vendor_completions.d/courier-token.fish

  # PowerShell: add this line to $PROFILE (every user: $PROFILE.AllUsersAllHosts)
  courier-token completions powershell | Out-String | Invoke-Expression

  # elvish: add this line to ~/.config/elvish/rc.elv
  eval (courier-token completions elvish | slurp)";

pub(super) const SERVE_AFTER_HELP: &str = "\
Endpoints (point the SDKs' apiUrls and COURIER_BASE_URL at the first stdout line's URL):
  POST /auth/issue-token   Courier's Issue Token API: Bearer <API key>, {\"scope\", \"expires_in\"}
  POST /q                  the Inbox GraphQL endpoint courier-js and the v7 SDK query
  GET  / (websocket)       the realtime socket courier-js opens (?auth=<token>&userId=...)
  POST /send               the Send API's shape, to put a message in a user's inbox
  POST /__serve/reset      empty every inbox (Bearer <API key>), between test cases
  GET  /__serve/wait       ?subscribed=USER or ?messages=USER&count=N: 200 once true, 408 at &timeout=
  GET  /__serve/requests   the request journal (?user= ?path= ?status=; DELETE empties it)
  POST /__serve/clock      {\"advance\": \"2h\"} or {\"set\": RFC 3339}: serve's now for every check
  POST /__serve/faults     socket reconnect/close, upgrade refusals, latency, seeded errors
  GET  / (a browser)       the console: users and inboxes, requests, a send form, a token decoder
The /__serve/ endpoints above take the API key as Bearer. The API key comes from the usual sources
and is never printed; with none anywhere, serve makes a random development key for the run
(in the --json line's api_key, and COURIER_API_KEY for a command). Every refusal is one stderr
line with the request and a reason code: doctor's code for the cause (expired,
user_id_mismatch, inbox_scopes_missing, tenant_mismatch, ...) or verify's (bad_signature).

serve -- COMMAND runs COMMAND beside serve with COURIER_BASE_URL, COURIER_API_KEY,
COURIER_CLIENT_KEY, COURIER_API_URLS (courier-js's apiUrls as JSON), COURIER_INBOX_URL,
COURIER_REALTIME_URL and COURIER_WORKSPACE_ID set, forwards Ctrl-C and SIGTERM to it, and
stops serve when it ends. On Linux serve also stops when the process that started it exits.

Exit status: 0 stopped by Ctrl-C or SIGTERM, 2 an error (key source empty, port taken, bad
--messages); with -- COMMAND, the command's exit code (128 + a signal that ended it, 127 when
it could not be started).

Complete reference (the policy, the reason codes, the message format, the control endpoints,
courier-js under Node): man courier-token-serve

Examples:
  # CI: a free port, its URLs as JSON on the first line
  COURIER_API_KEY=test-key courier-token serve --port 0 --json

  # CI: the tests under serve, which stops with them and passes their exit code on
  courier-token serve -- node --experimental-websocket --test

  # A workspace still on the client key alone, logging what JWT-only would refuse
  courier-token serve --auth jwt,client-key --enforce soft --messages inbox.jsonl";
