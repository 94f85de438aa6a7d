
use builtin;
use str;

set edit:completion:arg-completer[courier-token] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'courier-token'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'courier-token'= {
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --now 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)'
            cand --color 'When to colour output'
            cand --date 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand issue 'Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)'
            cand verify 'Check a token''s signature and claims strictly (exit 0 valid, 1 rejected)'
            cand hmac-sign 'Compute or check the legacy HMAC user signature (deprecated by Courier)'
            cand inspect 'Decode any token without a key and explain it in Courier''s terms'
            cand doctor 'Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts'
            cand serve 'A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline'
            cand completions 'Print the shell completion script for SHELL on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'courier-token;issue'= {
            cand --user-id 'The user the token is for (repeatable); adds user_id:<ID> to the scope'
            cand --scope 'A scope to grant besides the Inbox''s inbox:read:messages inbox:write:events, which a user''s token always gets (repeatable; a value may hold several, space-separated)'
            cand --expires-in 'Lifetime in Courier''s grammar: "2 days", "1h", "2.5 hrs", "-1h" (already expired), 3600 (seconds), "1h 30m"'
            cand --tenant-id 'The workspace id to put in "tenant_id"'
            cand --tenant-scope '"tenant_scope" [default with a tenant id: published/production]'
            cand --client-key 'Take "tenant_id" from this public client key (base64 of the workspace id)'
            cand --jti 'Use ID as the token id ("jti") instead of a random UUID v4; {n} (the line number, 1 for one token) and {user_id} are filled in, and bulk needs one of them'
            cand --claim 'Add a custom claim; VALUE is JSON (numbers written as JavaScript writes them), or a string if it is not JSON (repeatable)'
            cand --user-ids-from 'Bulk: one token per user id in FILE ("-" for stdin), one id per line, in input order'
            cand --base-url 'The API''s base URL [default: the --region''s if given, else $COURIER_BASE_URL, else https://api.courier.com]'
            cand --region 'Courier''s region, which picks the base URL [default: us]'
            cand --timeout 'Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]'
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --now 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)'
            cand --color 'When to colour output'
            cand --date 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)'
            cand --no-expiry 'Leave out "exp": the token never expires (and, like any JWT, cannot be revoked)'
            cand --no-jti 'Leave out "jti"'
            cand --no-inbox-scopes 'Leave out the Inbox scopes a user''s token gets by default (the Inbox then shows no messages; warned)'
            cand --allow-unknown-scopes 'Let scopes and tenant scopes outside Courier''s documented lists through'
            cand --json 'Print {"token":"..."} like Courier''s Issue Token API (bulk: JSON Lines {"user_id","token"})'
            cand --skip-blank-lines 'Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)'
            cand --remote 'Get the token from Courier''s Issue Token API (POST {base}/auth/issue-token), signed by Courier with its workspace key'
            cand --dry-run 'Print the request that would be sent, with the key redacted, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;verify'= {
            cand --from 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)'
            cand --leeway 'Clock skew to allow on "exp" and "nbf": seconds or a duration such as 30s, 2m'
            cand --user-id 'Require the token to be for this user (a user_id:<ID> scope)'
            cand --audience 'Accept a token whose "aud" names VALUE (repeatable); without it, a token with "aud" is rejected'
            cand --require-scope 'Require this scope (repeatable)'
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --now 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)'
            cand --color 'When to colour output'
            cand --date 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)'
            cand --require-exp 'Reject tokens that never expire'
            cand --json 'One JSON object per token: valid, reason, message, header, claims, expires_at'
            cand -q 'Print nothing; the exit status is the answer'
            cand --quiet 'Print nothing; the exit status is the answer'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;hmac-sign'= {
            cand --verify 'Check SIGNATURE (64 hex digits, either case) instead of printing one: exit 0 valid, 1 invalid, 2 not 64 hex digits; with --user-ids-from, check its USER_ID<TAB>SIGNATURE lines'
            cand --user-ids-from 'Bulk: sign every user id in FILE ("-" for stdin); prints USER_ID<TAB>SIGNATURE lines in input order'
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --json 'Print {"user_id":"...","user_signature":"..."} (bulk: one per line)'
            cand --skip-blank-lines 'Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;inspect'= {
            cand --from 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)'
            cand --client-key 'The workspace''s public client key: check the token''s tenant against it (alone: print its tenant id)'
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --now 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)'
            cand --color 'When to colour output'
            cand --date 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)'
            cand --json 'One JSON document with the same facts (schema: man courier-token-inspect)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;doctor'= {
            cand --from 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)'
            cand --user-id 'The userId the frontend passes to the SDK (sent as x-courier-user-id) [default: a pasted request''s x-courier-user-id, else the token''s first user_id: scope]'
            cand --client-key 'The workspace''s public client key: check the token''s tenant_id against it; without a token, probe client-key-only access'
            cand --user-signature 'HMAC mode (legacy): probe with this user signature, checked first against the API key at hand'
            cand --tenant 'The tenant the frontend filters on (the SDK''s tenantId): also count with accountId TENANT [default: a pasted request''s accountId]'
            cand --region 'Courier''s region, which picks the Inbox and realtime URLs [default: us]'
            cand --inbox-url 'The Inbox''s base URL [default: the --region''s if given, else $COURIER_INBOX_URL, else https://inbox.courier.com]'
            cand --realtime-url 'The realtime socket''s URL [default: the --region''s, else $COURIER_REALTIME_URL, else wss://realtime.courier.io; none with a custom Inbox URL]'
            cand --min-ttl 'Fail unless the token stays valid for at least DUR: seconds or a duration such as 10m, 1h'
            cand --timeout 'Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]'
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --now 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)'
            cand --color 'When to colour output'
            cand --date 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)'
            cand --hmac 'HMAC mode (legacy) with a signature computed from the API key at hand (only the signature is sent)'
            cand --audit 'Try every mode on the workspace (client key alone, HMAC, the token if given) and print which it accepts; exit 1 if the client key alone is enough'
            cand --no-realtime 'Leave out the realtime probe (JWT mode opens the socket courier-js opens)'
            cand --offline 'Only the offline checks: ask Courier nothing'
            cand --dry-run 'Print every probe of the chosen mode(s), with secrets redacted, and send nothing'
            cand --json 'One JSON document: ok, verdict, checks, probes and the audit (schema: man courier-token-doctor)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;serve'= {
            cand --port 'The port to listen on (0: any free one; the first stdout line says which) [default: 8787, or 0 with -- COMMAND]'
            cand --host 'The address to listen on; anything but loopback needs --allow-non-loopback'
            cand --cors-origin 'A web page origin besides loopback''s that may call serve, as scheme://host[:port] (repeatable)'
            cand --workspace-id 'The workspace id: tenant_id of the tokens it issues, and what the client key encodes [default: 00000000-0000-4000-8000-000000000001]'
            cand --environment 'The environment: tokens carry tenant_scope published/<ENV>, and one for the other is refused'
            cand --auth 'An authentication mode the workspace accepts (repeatable, or comma-separated) [default: jwt]'
            cand --missing-scopes 'What a token without the Inbox scope a request needs gets'
            cand --enforce 'How refusals are enforced'
            cand --log 'What goes to stderr'
            cand --messages 'Messages to start with: a JSON array or JSON Lines of {user_id, tenant, title, body, data, tags, actions, created, read, archived}'
            cand --workspace 'The workspace file: JSON with preferences, brands, tenants, templates and messages (courier-token-serve(1), WORKSPACE FILE)'
            cand --export-on-exit 'When serve stops (Ctrl-C, SIGTERM, the end of `-- COMMAND`), write the workspace to FILE in --workspace''s format, atomically; a failed write exits 2 (courier-token-serve(1), EXPORT)'
            cand --key-file 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped'
            cand --key-env 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]'
            cand --now 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)'
            cand --color 'When to colour output'
            cand --date 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)'
            cand --allow-non-loopback 'Listen on a non-loopback --host: anyone who can reach it reads the inboxes, with no TLS'
            cand --json 'The first stdout line as JSON: {"base_url", "apiUrls": {courier: {rest, graphql}, inbox: {graphql, webSocket}}, "workspace_id", "client_key", "environment"} (and "api_key" when serve made a development key)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'courier-token;help'= {
            cand issue 'Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)'
            cand verify 'Check a token''s signature and claims strictly (exit 0 valid, 1 rejected)'
            cand hmac-sign 'Compute or check the legacy HMAC user signature (deprecated by Courier)'
            cand inspect 'Decode any token without a key and explain it in Courier''s terms'
            cand doctor 'Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts'
            cand serve 'A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline'
            cand completions 'Print the shell completion script for SHELL on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'courier-token;help;issue'= {
        }
        &'courier-token;help;verify'= {
        }
        &'courier-token;help;hmac-sign'= {
        }
        &'courier-token;help;inspect'= {
        }
        &'courier-token;help;doctor'= {
        }
        &'courier-token;help;serve'= {
        }
        &'courier-token;help;completions'= {
        }
        &'courier-token;help;help'= {
        }
    ]
    $completions[$command]
}
