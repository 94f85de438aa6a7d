
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'courier-token' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'courier-token'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'courier-token' {
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token''s signature and claims strictly (exit 0 valid, 1 rejected)')
            [CompletionResult]::new('hmac-sign', 'hmac-sign', [CompletionResultType]::ParameterValue, 'Compute or check the legacy HMAC user signature (deprecated by Courier)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode any token without a key and explain it in Courier''s terms')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'courier-token;issue' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user the token is for (repeatable); adds user_id:<ID> to the scope')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'A scope to grant besides the Inbox''s inbox:read:messages inbox:write:events, which a user''s token always gets (repeatable; a value may hold several, space-separated)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Lifetime in Courier''s grammar: "2 days", "1h", "2.5 hrs", "-1h" (already expired), 3600 (seconds), "1h 30m"')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'The workspace id to put in "tenant_id"')
            [CompletionResult]::new('--tenant-scope', '--tenant-scope', [CompletionResultType]::ParameterName, '"tenant_scope" [default with a tenant id: published/production]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'Take "tenant_id" from this public client key (base64 of the workspace id)')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'Use ID as the token id ("jti") instead of a random UUID v4; {n} (the line number, 1 for one token) and {user_id} are filled in, and bulk needs one of them')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Add a custom claim; VALUE is JSON (numbers written as JavaScript writes them), or a string if it is not JSON (repeatable)')
            [CompletionResult]::new('--user-ids-from', '--user-ids-from', [CompletionResultType]::ParameterName, 'Bulk: one token per user id in FILE ("-" for stdin), one id per line, in input order')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'The API''s base URL [default: the --region''s if given, else $COURIER_BASE_URL, else https://api.courier.com]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Courier''s region, which picks the base URL [default: us]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'Leave out "exp": the token never expires (and, like any JWT, cannot be revoked)')
            [CompletionResult]::new('--no-jti', '--no-jti', [CompletionResultType]::ParameterName, 'Leave out "jti"')
            [CompletionResult]::new('--no-inbox-scopes', '--no-inbox-scopes', [CompletionResultType]::ParameterName, 'Leave out the Inbox scopes a user''s token gets by default (the Inbox then shows no messages; warned)')
            [CompletionResult]::new('--allow-unknown-scopes', '--allow-unknown-scopes', [CompletionResultType]::ParameterName, 'Let scopes and tenant scopes outside Courier''s documented lists through')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"token":"..."} like Courier''s Issue Token API (bulk: JSON Lines {"user_id","token"})')
            [CompletionResult]::new('--skip-blank-lines', '--skip-blank-lines', [CompletionResultType]::ParameterName, 'Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Get the token from Courier''s Issue Token API (POST {base}/auth/issue-token), signed by Courier with its workspace key')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, with the key redacted, and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;verify' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew to allow on "exp" and "nbf": seconds or a duration such as 30s, 2m')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Require the token to be for this user (a user_id:<ID> scope)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Accept a token whose "aud" names VALUE (repeatable); without it, a token with "aud" is rejected')
            [CompletionResult]::new('--require-scope', '--require-scope', [CompletionResultType]::ParameterName, 'Require this scope (repeatable)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)')
            [CompletionResult]::new('--require-exp', '--require-exp', [CompletionResultType]::ParameterName, 'Reject tokens that never expire')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per token: valid, reason, message, header, claims, expires_at')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; the exit status is the answer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; the exit status is the answer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;hmac-sign' {
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check SIGNATURE (64 hex digits, either case) instead of printing one: exit 0 valid, 1 invalid, 2 not 64 hex digits; with --user-ids-from, check its USER_ID<TAB>SIGNATURE lines')
            [CompletionResult]::new('--user-ids-from', '--user-ids-from', [CompletionResultType]::ParameterName, 'Bulk: sign every user id in FILE ("-" for stdin); prints USER_ID<TAB>SIGNATURE lines in input order')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"user_id":"...","user_signature":"..."} (bulk: one per line)')
            [CompletionResult]::new('--skip-blank-lines', '--skip-blank-lines', [CompletionResultType]::ParameterName, 'Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;inspect' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The workspace''s public client key: check the token''s tenant against it (alone: print its tenant id)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document with the same facts (schema: man courier-token-inspect)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;doctor' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The userId the frontend passes to the SDK (sent as x-courier-user-id) [default: a pasted request''s x-courier-user-id, else the token''s first user_id: scope]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The workspace''s public client key: check the token''s tenant_id against it; without a token, probe client-key-only access')
            [CompletionResult]::new('--user-signature', '--user-signature', [CompletionResultType]::ParameterName, 'HMAC mode (legacy): probe with this user signature, checked first against the API key at hand')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant the frontend filters on (the SDK''s tenantId): also count with accountId TENANT [default: a pasted request''s accountId]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Courier''s region, which picks the Inbox and realtime URLs [default: us]')
            [CompletionResult]::new('--inbox-url', '--inbox-url', [CompletionResultType]::ParameterName, 'The Inbox''s base URL [default: the --region''s if given, else $COURIER_INBOX_URL, else https://inbox.courier.com]')
            [CompletionResult]::new('--realtime-url', '--realtime-url', [CompletionResultType]::ParameterName, 'The realtime socket''s URL [default: the --region''s, else $COURIER_REALTIME_URL, else wss://realtime.courier.io; none with a custom Inbox URL]')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Fail unless the token stays valid for at least DUR: seconds or a duration such as 10m, 1h')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)')
            [CompletionResult]::new('--hmac', '--hmac', [CompletionResultType]::ParameterName, 'HMAC mode (legacy) with a signature computed from the API key at hand (only the signature is sent)')
            [CompletionResult]::new('--audit', '--audit', [CompletionResultType]::ParameterName, 'Try every mode on the workspace (client key alone, HMAC, the token if given) and print which it accepts; exit 1 if the client key alone is enough')
            [CompletionResult]::new('--no-realtime', '--no-realtime', [CompletionResultType]::ParameterName, 'Leave out the realtime probe (JWT mode opens the socket courier-js opens)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Only the offline checks: ask Courier nothing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print every probe of the chosen mode(s), with secrets redacted, and send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document: ok, verdict, checks, probes and the audit (schema: man courier-token-doctor)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port to listen on (0: any free one; the first stdout line says which) [default: 8787, or 0 with -- COMMAND]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The address to listen on; anything but loopback needs --allow-non-loopback')
            [CompletionResult]::new('--cors-origin', '--cors-origin', [CompletionResultType]::ParameterName, 'A web page origin besides loopback''s that may call serve, as scheme://host[:port] (repeatable)')
            [CompletionResult]::new('--workspace-id', '--workspace-id', [CompletionResultType]::ParameterName, 'The workspace id: tenant_id of the tokens it issues, and what the client key encodes [default: 00000000-0000-4000-8000-000000000001]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'The environment: tokens carry tenant_scope published/<ENV>, and one for the other is refused')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'An authentication mode the workspace accepts (repeatable, or comma-separated) [default: jwt]')
            [CompletionResult]::new('--missing-scopes', '--missing-scopes', [CompletionResultType]::ParameterName, 'What a token without the Inbox scope a request needs gets')
            [CompletionResult]::new('--enforce', '--enforce', [CompletionResultType]::ParameterName, 'How refusals are enforced')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'What goes to stderr')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'Messages to start with: a JSON array or JSON Lines of {user_id, tenant, title, body, data, tags, actions, created, read, archived}')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace file: JSON with preferences, brands, tenants, templates and messages (courier-token-serve(1), WORKSPACE FILE)')
            [CompletionResult]::new('--export-on-exit', '--export-on-exit', [CompletionResultType]::ParameterName, 'When serve stops (Ctrl-C, SIGTERM, the end of `-- COMMAND`), write the workspace to FILE in --workspace''s format, atomically; a failed write exits 2 (courier-token-serve(1), EXPORT)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped')
            [CompletionResult]::new('--key-env', '--key-env', [CompletionResultType]::ParameterName, 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times in UTC or in this machine''s time zone (RFC 3339 with its offset; TZ is honoured)')
            [CompletionResult]::new('--allow-non-loopback', '--allow-non-loopback', [CompletionResultType]::ParameterName, 'Listen on a non-loopback --host: anyone who can reach it reads the inboxes, with no TLS')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The first stdout line as JSON: {"base_url", "apiUrls": {courier: {rest, graphql}, inbox: {graphql, webSocket}}, "workspace_id", "client_key", "environment"} (and "api_key" when serve made a development key)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'courier-token;help' {
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token''s signature and claims strictly (exit 0 valid, 1 rejected)')
            [CompletionResult]::new('hmac-sign', 'hmac-sign', [CompletionResultType]::ParameterValue, 'Compute or check the legacy HMAC user signature (deprecated by Courier)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode any token without a key and explain it in Courier''s terms')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'courier-token;help;issue' {
            break
        }
        'courier-token;help;verify' {
            break
        }
        'courier-token;help;hmac-sign' {
            break
        }
        'courier-token;help;inspect' {
            break
        }
        'courier-token;help;doctor' {
            break
        }
        'courier-token;help;serve' {
            break
        }
        'courier-token;help;completions' {
            break
        }
        'courier-token;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
