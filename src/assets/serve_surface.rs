//! The sections of `serve`'s man page about what it answers beyond the Inbox: the workspace
//! file (`--workspace`), the Send API's recipient shapes and templates, the client GraphQL
//! endpoint (preferences and brands) and the REST API. `man_pages` lays them out after the
//! reference sections of `reference`.

use super::reference::{Block, Section};

fn paragraph(text: &str) -> Block {
    Block::Paragraph(text.to_string())
}

fn literal(lines: &[&str]) -> Block {
    Block::Literal(lines.iter().map(|line| line.to_string()).collect())
}

/// The sections, in page order.
pub fn serve_surface_sections() -> Vec<Section> {
    vec![
        Section {
            title: "WORKSPACE FILE",
            blocks: vec![
                paragraph("--workspace FILE is one JSON object, read at start; every key is optional and an unknown key anywhere is refused. A malformed file stops serve before it listens: one line on stderr naming the field and its line (serde's words, e.g. unknown field `nmae`, expected `id`, `name` or `members` at line 3 column 25), exit status 2. Ids given twice are refused by name."),
                paragraph("preferences: the published preference page, {\"heading\"?, \"description\"?, \"brand_id\"?, \"show_courier_footer\"?, \"sections\": [{\"id\", \"name\", \"routing_options\": [channels], \"topics\": [{\"id\", \"name\", \"default_status\": \"OPTED_IN\" | \"OPTED_OUT\" | \"REQUIRED\"}]}]}; channels are inbox, email, push, sms, direct_message, webhook. brands: [{\"id\", \"name\", \"colors\": {\"primary\", \"secondary\"?, \"tertiary\"?}, \"logo\"?: {\"href\"?, \"image\"?}, \"links\"?: {...}}]. tenants: [{\"id\", \"name\", \"members\": [user ids]}]. templates: [{\"id\", \"title\", \"body\"}], where {{name}} and dotted paths {{order.id}} are filled from the send's data (strings as they are, numbers and booleans as JSON writes them, a missing value as nothing; no HTML escaping); blocks ({{#if}}, {{else}}), helpers ({{upper name}}), partials, comments and triple braces are refused when the file is read. messages: the objects --messages reads (see MESSAGES), in the inboxes at start beside --messages'. What a running workspace adds, as --export-on-exit writes it: choices: [{\"user_id\", \"tenant_id\"?, \"topic_id\" (a topic of preferences), \"status\", \"has_custom_routing\"?, \"routing\"?: [channels], \"digest_schedule\"?}]; tokens: [{\"user_id\", \"tokens\": [{\"token\", \"provider_key\"?, \"device\"?, \"status\"?, ...}]}] (each token as it was registered); lists: [{\"id\", \"subscribers\": [user ids]}]."),
                paragraph("POST /__serve/reset empties the inboxes and puts tenants, brands, templates, choices, tokens and lists back as the file has them; choices, tokens and subscriptions made since, and send records, go. examples/workspace.json in the source tree is a complete file:"),
                literal(&[
                    r#"{"preferences": {"sections": [{"id": "orders", "name": "Orders", "routing_options": ["inbox", "email"],"#,
                    r#"   "topics": [{"id": "order-updates", "name": "Order updates", "default_status": "OPTED_IN"}]}]},"#,
                    r##" "brands": [{"id": "acme-brand", "name": "Acme", "colors": {"primary": "#9122C2"}}],"##,
                    r#" "tenants": [{"id": "acme-co", "name": "Acme Co", "members": ["alice", "bob"]}],"#,
                    r#" "templates": [{"id": "WELCOME", "title": "Welcome, {{name}}!", "body": "Order {{order.id}}"}],"#,
                    r#" "messages": [{"user_id": "carol", "title": "Hello"}]}"#,
                ]),
            ],
        },
        Section {
            title: "EXPORT",
            blocks: vec![
                paragraph("--export-on-exit FILE writes the workspace to FILE when serve stops the normal way (Ctrl-C, SIGTERM, the death of what started it, the end of serve -- COMMAND), in the workspace file's format, so serve --workspace FILE starts where the last run stopped: every message with its user, id, tenant, title, preview, data, tags, actions, created time and read, archived and opened times (ISO 8601, milliseconds), the preference page, brands, tenants with their members, templates, users' preference choices per tenant, device tokens and list subscriptions. Send records and the extra fields of PUT /tenants/{id} (properties, brand_id, ...) are not written. The API key is no part of it. A message id msg_<n> read back is never given to a new message."),
                paragraph("The write is atomic: a temporary file .FILE.tmp-<pid> in FILE's directory, synced, then renamed over FILE; a reader sees the old file or the new one. At start serve creates and removes a file in FILE's directory and refuses to start (one error line, exit status 2) when that fails or FILE is a directory, so a path whose directory does not exist or cannot be written is known before anything is served. A write that still fails when serve stops (the directory removed, the disk full) is one error line on stderr, could not write --export-on-exit FILE: <why>, and exit status 2; under serve -- COMMAND that replaces the command's exit code, which otherwise passes on unchanged. SIGKILL writes nothing."),
                paragraph("GET /__serve/state (the API key as Bearer, 401 otherwise) answers the same JSON, byte for byte what --export-on-exit would write at that moment."),
            ],
        },
        Section {
            title: "SEND API",
            blocks: vec![
                paragraph("POST /send (the API key as Bearer) takes Courier's recipient shapes: {\"to\": {\"user_id\"}} is one message whose id is the requestId; {\"to\": {\"tenant_id\"}} fans out to every member of the tenant, each message's id <requestId>:<userId> and its accountId the tenant; {\"to\": {\"user_id\", \"context\": {\"tenant_id\"}}} (or message.context.tenant_id) is one user within a tenant; a user who belongs to exactly one tenant of the workspace file is scoped to it; to may be a list; user_id with tenant_id is a 400. content {title, body, actions} or template (a workspace template, rendered with data; both is a 400). metadata.tags (each at most 30 characters) are the message's tags, which the Inbox's tags filter finds. routing {method, channels} must name inbox or push for the message to reach an inbox."),
                paragraph("Like Courier, serve answers 202 {\"requestId\"} before it knows whether a message can be delivered. An unknown template (UNMAPPED), routing without an inbox channel (UNROUTABLE) or a tenant without members (UNDELIVERABLE) delivers nothing; GET /messages/{id} gives the status and the reason in error, and the log says courier-token serve: not delivered POST /send <requestId>: <STATUS> (<why>) at --log refusals and above. A message pushed over the socket carries its tracking ids in data.trackingIds."),
            ],
        },
        Section {
            title: "CLIENT GRAPHQL",
            blocks: vec![
                paragraph("POST /client/q is Courier's client GraphQL endpoint, as courier-js's preference and brand clients and <courier-preferences> call it (Authorization: Bearer <jwt>, x-courier-user-id, x-courier-client-key: empty). Queries: preferencePage(accountId) and draftPreferencePage(accountId) {heading description showCourierFooter brand(brandId) channelConfigs {channelLabels {channel name}} sections {nodes {sectionId name routingOptions hasCustomRouting topics {nodes {templateId templateName defaultStatus data digestSchedules}}}}}; recipientPreferences(accountId) {nodes {...}}; recipientPreference(templateId, accountId) (also as recipientPreferenceTopic), each node {templateId templateName sectionId sectionName defaultStatus status hasCustomRouting routingPreferences digestSchedule}; digestSchedulesForTopic(templateId) (always empty); brand(brandId) {settings {colors {primary secondary tertiary} inapp} logo {href image} links} (without brandId, the page's brand or the only one); inAppBrand (the v7 Inbox's). Mutation: updatePreferenceV2(templateId, preferences: {status, hasCustomRouting, routingPreferences, digestSchedule}, accountId). Preferences are per user and per accountId (tenant); a REQUIRED topic cannot be opted out of, and an unknown topic is a GraphQL error."),
                paragraph("The caller is checked as on /q (any valid token for the user, or the API key with x-courier-user-id); then the document's root fields, fragments followed, need read:preferences (every preference query), write:preferences (updatePreferenceV2), read:brands or read:brands:<id> (brand, inAppBrand). A token without one is a 401 scope_missing, logged like every refusal (let through under --enforce soft or off)."),
            ],
        },
        Section {
            title: "REST API",
            blocks: vec![
                paragraph("With the API key as Bearer (the Node server SDK, COURIER_BASE_URL pointed at serve) every route below answers; with a user's JWT (courier-js, the mobile SDKs) only the routes under /users/{id} for the token's own user (another user is a 401 user_id_mismatch), and only with the scope each needs (a 401 scope_missing otherwise); a JWT on a route only the API key may call is a 401 api_key_required. Every refusal is logged with its code; --enforce soft and off let them through as on /q. Errors are {\"message\", \"type\"}."),
                paragraph("GET /users/{id}/preferences (read:preferences) answers {\"items\": [{topic_id, topic_name, section_id, section_name, status, default_status, has_custom_routing, custom_routing, digest_schedule}], \"paging\"}; GET /users/{id}/preferences/{topic} {\"topic\": {...}}; PUT /users/{id}/preferences/{topic} (write:preferences) takes {\"topic\": {\"status\", \"has_custom_routing\", \"custom_routing\"}} and answers {\"message\": \"success\"}; each takes ?tenant_id= (preferences are per tenant, shared with /client/q)."),
                paragraph("GET /users/{id}/tokens (read:user-tokens) lists the user's device tokens; PUT /users/{id}/tokens {\"tokens\": [...]}, PUT /users/{id}/tokens/{token} {\"provider_key\", \"device\"?, ...}, PATCH with {\"patch\": [{op: replace | add | remove, path, value}]} and DELETE (write:user-tokens) answer 204; GET /users/{id}/tokens/{token} the token."),
                paragraph("API key only: GET /tenants, GET/PUT/DELETE /tenants/{id} (PUT {\"name\", \"properties\"?, \"brand_id\"?, ...}), GET /tenants/{id}/users, GET/PUT/DELETE /users/{id}/tenants (PUT {\"tenants\": [{\"tenant_id\"}]}), PUT/DELETE /users/{id}/tenants/{tenant} (membership decides which tenant a send to the user is scoped to); POST /brands, GET /brands, GET/PUT/DELETE /brands/{id} ({\"id\", \"name\", \"settings\": {\"colors\": {\"primary\"}}}, the records /client/q answers); GET /messages/{id} ({id, requestId, status, recipient, tenant, notification, enqueued, sent, delivered, opened, error, reason, tags}; status DELIVERED, OPENED once the recipient opened or read it, or UNMAPPED, UNROUTABLE, UNDELIVERABLE with why in error) and GET /messages (?recipient=, ?tenant_id=, ?tags=; {\"results\", \"paging\"})."),
                paragraph("courier-js's other clients: PUT /client/lists/{list}/subscribe/{user} and DELETE /client/lists/{list}/unsubscribe/{user} (the user's JWT) answer 204; POST /inbound/courier with the workspace's x-courier-client-key and {event, messageId, type: \"track\", properties, userId} answers 202 {\"messageId\"}. Tracking URLs: a message serve pushes over the socket carries trackingUrl, <base>/t/<message id> (the message id percent-encoded), as Courier's push payloads carry one for the mobile SDKs' postTrackingUrl. POST <tracking url> with {\"event\": \"CLICKED\" | \"DELIVERED\" | \"OPENED\" | \"READ\" | \"UNREAD\"} (no credentials, as Courier's) answers 200 {} for a message serve holds: OPENED marks it opened, READ read, UNREAD unread (each told to the user's sockets like the GraphQL mutation), CLICKED is told to the sockets as a click, DELIVERED changes nothing; a message serve does not hold is a 404, another event or a body that is not JSON a 400. Each is journaled and logged like any request."),
            ],
        },
    ]
}
