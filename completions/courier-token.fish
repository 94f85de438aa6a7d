# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_courier_token_global_optspecs
    string join \n key-file= key-env= now= color= date= h/help V/version
end

function __fish_courier_token_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_courier_token_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_courier_token_using_subcommand
    set -l cmd (__fish_courier_token_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c courier-token -n "__fish_courier_token_needs_command" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_needs_command" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_needs_command" -l now -d 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)' -r -f
complete -c courier-token -n "__fish_courier_token_needs_command" -l color -d 'When to colour output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t''
never\t''"
complete -c courier-token -n "__fish_courier_token_needs_command" -l date -d 'Show times in UTC or in this machine\'s time zone (RFC 3339 with its offset; TZ is honoured)' -r -f -a "utc\t'2024-05-01T12:00:00Z'
local\t'2024-05-01T14:00:00+02:00, in the local zone'"
complete -c courier-token -n "__fish_courier_token_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c courier-token -n "__fish_courier_token_needs_command" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "issue" -d 'Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "verify" -d 'Check a token\'s signature and claims strictly (exit 0 valid, 1 rejected)'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "hmac-sign" -d 'Compute or check the legacy HMAC user signature (deprecated by Courier)'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "inspect" -d 'Decode any token without a key and explain it in Courier\'s terms'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "doctor" -d 'Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "serve" -d 'A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL on stdout'
complete -c courier-token -n "__fish_courier_token_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l user-id -d 'The user the token is for (repeatable); adds user_id:<ID> to the scope' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l scope -d 'A scope to grant besides the Inbox\'s inbox:read:messages inbox:write:events, which a user\'s token always gets (repeatable; a value may hold several, space-separated)' -r -f -a "inbox:read:messages\t'read inbox messages'
inbox:write:events\t'write inbox events, such as marking a message read'
read:preferences\t'read the user\'s preferences'
write:preferences\t'write the user\'s preferences'
read:user-tokens\t'read the user\'s push tokens'
write:user-tokens\t'write the user\'s push tokens'
read:brands\t'read brands'
write:brands\t'write brands'
tenants:read\t'Courier Create: read all tenants'
tenants:notifications:read\t'Courier Create: read all tenants\' notifications'
tenants:notifications:write\t'Courier Create: write all tenants\' notifications'
tenants:brand:read\t'Courier Create: read all tenants\' brands'"
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l expires-in -d 'Lifetime in Courier\'s grammar: "2 days", "1h", "2.5 hrs", "-1h" (already expired), 3600 (seconds), "1h 30m"' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l tenant-id -d 'The workspace id to put in "tenant_id"' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l tenant-scope -d '"tenant_scope" [default with a tenant id: published/production]' -r -f -a "published/production\t'the workspace\'s production environment'
published/test\t'the workspace\'s test environment'"
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l client-key -d 'Take "tenant_id" from this public client key (base64 of the workspace id)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l jti -d 'Use ID as the token id ("jti") instead of a random UUID v4; {n} (the line number, 1 for one token) and {user_id} are filled in, and bulk needs one of them' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l claim -d 'Add a custom claim; VALUE is JSON (numbers written as JavaScript writes them), or a string if it is not JSON (repeatable)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l user-ids-from -d 'Bulk: one token per user id in FILE ("-" for stdin), one id per line, in input order' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l base-url -d 'The API\'s base URL [default: the --region\'s if given, else $COURIER_BASE_URL, else https://api.courier.com]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l region -d 'Courier\'s region, which picks the base URL [default: us]' -r -f -a "us\t'https://api.courier.com'
eu\t'https://api.eu.courier.com'"
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l timeout -d 'Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l now -d 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l color -d 'When to colour output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t''
never\t''"
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l date -d 'Show times in UTC or in this machine\'s time zone (RFC 3339 with its offset; TZ is honoured)' -r -f -a "utc\t'2024-05-01T12:00:00Z'
local\t'2024-05-01T14:00:00+02:00, in the local zone'"
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l no-expiry -d 'Leave out "exp": the token never expires (and, like any JWT, cannot be revoked)'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l no-jti -d 'Leave out "jti"'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l no-inbox-scopes -d 'Leave out the Inbox scopes a user\'s token gets by default (the Inbox then shows no messages; warned)'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l allow-unknown-scopes -d 'Let scopes and tenant scopes outside Courier\'s documented lists through'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l json -d 'Print {"token":"..."} like Courier\'s Issue Token API (bulk: JSON Lines {"user_id","token"})'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l skip-blank-lines -d 'Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l remote -d 'Get the token from Courier\'s Issue Token API (POST {base}/auth/issue-token), signed by Courier with its workspace key'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -l dry-run -d 'Print the request that would be sent, with the key redacted, and send nothing'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c courier-token -n "__fish_courier_token_using_subcommand issue" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l from -d 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l leeway -d 'Clock skew to allow on "exp" and "nbf": seconds or a duration such as 30s, 2m' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l user-id -d 'Require the token to be for this user (a user_id:<ID> scope)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l audience -d 'Accept a token whose "aud" names VALUE (repeatable); without it, a token with "aud" is rejected' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l require-scope -d 'Require this scope (repeatable)' -r -f -a "inbox:read:messages\t'read inbox messages'
inbox:write:events\t'write inbox events, such as marking a message read'
read:preferences\t'read the user\'s preferences'
write:preferences\t'write the user\'s preferences'
read:user-tokens\t'read the user\'s push tokens'
write:user-tokens\t'write the user\'s push tokens'
read:brands\t'read brands'
write:brands\t'write brands'
tenants:read\t'Courier Create: read all tenants'
tenants:notifications:read\t'Courier Create: read all tenants\' notifications'
tenants:notifications:write\t'Courier Create: write all tenants\' notifications'
tenants:brand:read\t'Courier Create: read all tenants\' brands'"
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l now -d 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l color -d 'When to colour output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t''
never\t''"
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l date -d 'Show times in UTC or in this machine\'s time zone (RFC 3339 with its offset; TZ is honoured)' -r -f -a "utc\t'2024-05-01T12:00:00Z'
local\t'2024-05-01T14:00:00+02:00, in the local zone'"
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l require-exp -d 'Reject tokens that never expire'
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -l json -d 'One JSON object per token: valid, reason, message, header, claims, expires_at'
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -s q -l quiet -d 'Print nothing; the exit status is the answer'
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c courier-token -n "__fish_courier_token_using_subcommand verify" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -l verify -d 'Check SIGNATURE (64 hex digits, either case) instead of printing one: exit 0 valid, 1 invalid, 2 not 64 hex digits; with --user-ids-from, check its USER_ID<TAB>SIGNATURE lines' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -l user-ids-from -d 'Bulk: sign every user id in FILE ("-" for stdin); prints USER_ID<TAB>SIGNATURE lines in input order' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -l json -d 'Print {"user_id":"...","user_signature":"..."} (bulk: one per line)'
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -l skip-blank-lines -d 'Bulk: leave blank lines out instead of refusing them (output line N is then no longer input line N)'
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -s h -l help -d 'Print help'
complete -c courier-token -n "__fish_courier_token_using_subcommand hmac-sign" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l from -d 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l client-key -d 'The workspace\'s public client key: check the token\'s tenant against it (alone: print its tenant id)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l now -d 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l color -d 'When to colour output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t''
never\t''"
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l date -d 'Show times in UTC or in this machine\'s time zone (RFC 3339 with its offset; TZ is honoured)' -r -f -a "utc\t'2024-05-01T12:00:00Z'
local\t'2024-05-01T14:00:00+02:00, in the local zone'"
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -l json -d 'One JSON document with the same facts (schema: man courier-token-inspect)'
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c courier-token -n "__fish_courier_token_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l from -d 'Read the token, or text holding it, from FILE instead (any size: a HAR export, a log; "-": stdin)' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l user-id -d 'The userId the frontend passes to the SDK (sent as x-courier-user-id) [default: a pasted request\'s x-courier-user-id, else the token\'s first user_id: scope]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l client-key -d 'The workspace\'s public client key: check the token\'s tenant_id against it; without a token, probe client-key-only access' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l user-signature -d 'HMAC mode (legacy): probe with this user signature, checked first against the API key at hand' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l tenant -d 'The tenant the frontend filters on (the SDK\'s tenantId): also count with accountId TENANT [default: a pasted request\'s accountId]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l region -d 'Courier\'s region, which picks the Inbox and realtime URLs [default: us]' -r -f -a "us\t'https://inbox.courier.com, wss://realtime.courier.io'
eu\t'https://inbox.eu.courier.io, wss://realtime.eu.courier.io'"
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l inbox-url -d 'The Inbox\'s base URL [default: the --region\'s if given, else $COURIER_INBOX_URL, else https://inbox.courier.com]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l realtime-url -d 'The realtime socket\'s URL [default: the --region\'s, else $COURIER_REALTIME_URL, else wss://realtime.courier.io; none with a custom Inbox URL]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l min-ttl -d 'Fail unless the token stays valid for at least DUR: seconds or a duration such as 10m, 1h' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l timeout -d 'Give up on a request after DUR: seconds or a duration such as 10s, 2m [default: 30s]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l now -d 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l color -d 'When to colour output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t''
never\t''"
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l date -d 'Show times in UTC or in this machine\'s time zone (RFC 3339 with its offset; TZ is honoured)' -r -f -a "utc\t'2024-05-01T12:00:00Z'
local\t'2024-05-01T14:00:00+02:00, in the local zone'"
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l hmac -d 'HMAC mode (legacy) with a signature computed from the API key at hand (only the signature is sent)'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l audit -d 'Try every mode on the workspace (client key alone, HMAC, the token if given) and print which it accepts; exit 1 if the client key alone is enough'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l no-realtime -d 'Leave out the realtime probe (JWT mode opens the socket courier-js opens)'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l offline -d 'Only the offline checks: ask Courier nothing'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l dry-run -d 'Print every probe of the chosen mode(s), with secrets redacted, and send nothing'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -l json -d 'One JSON document: ok, verdict, checks, probes and the audit (schema: man courier-token-doctor)'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c courier-token -n "__fish_courier_token_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l port -d 'The port to listen on (0: any free one; the first stdout line says which) [default: 8787, or 0 with -- COMMAND]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l host -d 'The address to listen on; anything but loopback needs --allow-non-loopback' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l cors-origin -d 'A web page origin besides loopback\'s that may call serve, as scheme://host[:port] (repeatable)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l workspace-id -d 'The workspace id: tenant_id of the tokens it issues, and what the client key encodes [default: 00000000-0000-4000-8000-000000000001]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l environment -d 'The environment: tokens carry tenant_scope published/<ENV>, and one for the other is refused' -r -f -a "production\t'published/production'
test\t'published/test'"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l auth -d 'An authentication mode the workspace accepts (repeatable, or comma-separated) [default: jwt]' -r -f -a "jwt\t'Authorization: Bearer <a JWT signed with the API key> ("Enable JWT Authentication")'
client-key\t'x-courier-client-key and x-courier-user-id alone ("Default (No Auth)")'
hmac\t'the client key, the user id and x-courier-user-signature ("Enable HMAC Authentication (Legacy)")'"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l missing-scopes -d 'What a token without the Inbox scope a request needs gets' -r -f -a "empty\t'200 with an empty inbox, as Courier\'s docs say'
refuse\t'401, as Courier\'s later guidance says'"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l enforce -d 'How refusals are enforced' -r -f -a "strict\t'refuse with a 401 and say why on stderr'
soft\t'serve anyway, and say on stderr what strict would refuse and why'
off\t'check nothing: any credentials get the inbox of the user they name'"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l log -d 'What goes to stderr' -r -f -a "quiet\t'nothing but start-up and errors'
refusals\t'every refusal (and soft let-through and empty answer) with its reason code'
requests\t'refusals, and one line per request: method, path, status, user, duration'"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l messages -d 'Messages to start with: a JSON array or JSON Lines of {user_id, tenant, title, body, data, tags, actions, created, read, archived}' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l workspace -d 'The workspace file: JSON with preferences, brands, tenants, templates and messages (courier-token-serve(1), WORKSPACE FILE)' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l export-on-exit -d 'When serve stops (Ctrl-C, SIGTERM, the end of `-- COMMAND`), write the workspace to FILE in --workspace\'s format, atomically; a failed write exits 2 (courier-token-serve(1), EXPORT)' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l key-file -d 'Read the API key from PATH ("-" reads stdin); one trailing newline is dropped' -r -F
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l key-env -d 'Read the API key from the environment variable NAME [default: COURIER_API_KEY, then COURIER_AUTH_TOKEN]' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l now -d 'Use TIME as the current time: Unix seconds or RFC 3339 (for exact, reproducible output)' -r -f
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l color -d 'When to colour output' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t''
never\t''"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l date -d 'Show times in UTC or in this machine\'s time zone (RFC 3339 with its offset; TZ is honoured)' -r -f -a "utc\t'2024-05-01T12:00:00Z'
local\t'2024-05-01T14:00:00+02:00, in the local zone'"
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l allow-non-loopback -d 'Listen on a non-loopback --host: anyone who can reach it reads the inboxes, with no TLS'
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -l json -d 'The first stdout line as JSON: {"base_url", "apiUrls": {courier: {rest, graphql}, inbox: {graphql, webSocket}}, "workspace_id", "client_key", "environment"} (and "api_key" when serve made a development key)'
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c courier-token -n "__fish_courier_token_using_subcommand serve" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand completions" -s h -l help -d 'Print help'
complete -c courier-token -n "__fish_courier_token_using_subcommand completions" -s V -l version -d 'Print version'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "issue" -d 'Mint a token exactly as Courier shapes them, signed with the API key (or get one from Courier with --remote)'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "verify" -d 'Check a token\'s signature and claims strictly (exit 0 valid, 1 rejected)'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "hmac-sign" -d 'Compute or check the legacy HMAC user signature (deprecated by Courier)'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "inspect" -d 'Decode any token without a key and explain it in Courier\'s terms'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "doctor" -d 'Does Courier accept this token, and why is this inbox empty? Offline checks, then read-only live probes; --audit: which modes a workspace accepts'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "serve" -d 'A local Courier for Inbox authentication: Issue Token API, Inbox GraphQL and realtime socket, for tests offline'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "completions" -d 'Print the shell completion script for SHELL on stdout'
complete -c courier-token -n "__fish_courier_token_using_subcommand help; and not __fish_seen_subcommand_from issue verify hmac-sign inspect doctor serve completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
