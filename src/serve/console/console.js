// serve's console. Everything it shows comes from serve's own origin (the endpoints under
// /__serve/console/, the request journal among them) and is put in the page as text, never
// as HTML. Server-sent events say what changed; the page loads that part again.
"use strict";

const CONSOLE = "/__serve/console";
const JOURNAL = `${CONSOLE}/requests`;
const $ = (id) => document.getElementById(id);

let selectedUser = null;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
  return { status: response.status, body: response.ok ? await response.json() : null };
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  let answer = null;
  try { answer = await response.json(); } catch (_) { answer = null; }
  return { status: response.status, body: answer };
}

// ---- Workspace ----------------------------------------------------------------------------

async function loadWorkspace() {
  const { body } = await getJson(`${CONSOLE}/workspace`);
  if (!body) return;
  const on = (flag) => (flag ? "on" : "off");
  const facts = [
    ["Workspace id", body.workspace_id],
    ["Environment", body.environment],
    ["Client key", body.client_key],
    ["Tenant scope", body.tenant_scope],
    ["Auth modes", `JWT ${on(body.auth.jwt)} · client key ${on(body.auth.client_key)} · HMAC ${on(body.auth.hmac)}`],
    ["Missing scopes", body.missing_scopes === "empty" ? "empty inbox (200)" : "refused (401)"],
    ["Enforcement", body.enforcement],
    ["Base URL", body.base_url],
    ["API key", body.api_key],
  ];
  const list = $("workspace-facts");
  list.replaceChildren();
  for (const [name, value] of facts) {
    list.append(element("dt", name), element("dd", value));
  }
  // Quoted for a POSIX shell (COURIER_API_URLS is JSON).
  const quoted = (value) => `'${String(value).replaceAll("'", "'\\''")}'`;
  const lines = body.environment_variables.map((v) => `export ${v.name}=${quoted(v.value)}`);
  lines.push("# COURIER_API_KEY: the key serve was started with");
  $("workspace-env").textContent = lines.join("\n");
  $("workspace-urls").textContent = JSON.stringify(body.apiUrls, null, 2);
}

// ---- Users and inboxes --------------------------------------------------------------------

async function loadUsers() {
  const { body } = await getJson(`${CONSOLE}/users`);
  if (!body) return;
  const rows = $("users-rows");
  rows.replaceChildren();
  $("users-empty").hidden = body.users.length > 0;
  $("users-table").hidden = body.users.length === 0;
  for (const user of body.users) {
    const row = element("tr");
    row.dataset.user = user.user_id;
    const name = element("td");
    const pick = element("button", user.user_id, "link");
    pick.type = "button";
    pick.setAttribute("aria-pressed", String(user.user_id === selectedUser));
    pick.setAttribute("aria-label", `${user.user_id}: show the inbox`);
    pick.addEventListener("click", () => selectUser(user.user_id, true));
    name.append(pick);
    row.append(
      name,
      element("td", user.unread, "number"),
      element("td", user.total, "number"),
      element("td", user.archived, "number"),
      element("td", user.tenants.length ? user.tenants.join(", ") : "—"),
    );
    rows.append(row);
  }
}

async function selectUser(userId, focus) {
  selectedUser = userId;
  for (const button of document.querySelectorAll("#users-rows button")) {
    button.setAttribute("aria-pressed", String(button.closest("tr").dataset.user === userId));
  }
  await loadInbox();
  if (focus) $("inbox-title").focus();
}

async function loadInbox() {
  if (selectedUser === null) return;
  const { body } = await getJson(`${CONSOLE}/messages?user=${encodeURIComponent(selectedUser)}`);
  if (!body) return;
  $("inbox").hidden = false;
  $("inbox-title").textContent = `Inbox of ${body.user_id}`;
  const shown = body.messages.length;
  $("inbox-count").textContent = body.total === shown
    ? `${body.total} message(s), newest first`
    : `the newest ${shown} of ${body.total} messages`;
  const list = $("inbox-messages");
  list.replaceChildren();
  for (const message of body.messages) {
    const item = element("li", undefined, message.read ? "read" : "unread");
    item.append(element("div", message.title || "(no title)", "title"));
    if (message.preview) item.append(element("div", message.preview));
    const state = element("div", undefined, "small");
    state.append(element("span", message.read ? "read" : "unread", message.read ? "tag" : "tag strong"));
    if (message.archived) state.append(element("span", "archived", "tag strong"));
    if (message.opened) state.append(element("span", "opened", "tag"));
    state.append(element("span", message.accountId ? `tenant ${message.accountId}` : "no tenant", "tag"));
    for (const tag of message.tags || []) state.append(element("span", `#${tag}`, "tag"));
    state.append(element("span", `${message.messageId} · ${message.created}`, "muted mono"));
    item.append(state);
    list.append(item);
  }
}

// ---- Requests -----------------------------------------------------------------------------

async function loadRequests() {
  let answer;
  try {
    answer = await getJson(JOURNAL);
  } catch (_) {
    answer = { status: 0, body: null };
  }
  const note = $("requests-note");
  const table = $("requests-table");
  if (answer.status === 404 || !answer.body) {
    note.textContent = answer.status === 404
      ? "request journal not available (this serve keeps none)"
      : "request journal not available";
    table.hidden = true;
    return;
  }
  const entries = Array.isArray(answer.body) ? answer.body : (answer.body.requests || answer.body.entries || []);
  const rows = $("requests-rows");
  rows.replaceChildren();
  // The journal lists the newest last; the newest is shown first.
  for (const entry of [...entries].reverse()) rows.append(requestRow(entry));
  note.textContent = entries.length ? `${entries.length} request(s), newest first` : "no requests yet";
  table.hidden = entries.length === 0;
}

function requestRow(entry) {
  // A refusal: the journal's `code` and `reason` (doctor's code and its sentence).
  const code = entry.code ?? (entry.sentence ? entry.reason : null);
  const sentence = entry.code ? entry.reason : entry.sentence;
  const refused = Boolean(code);
  const row = element("tr", undefined, refused ? "refused" : "");
  const verdict = element("td");
  verdict.append(element("span", entry.status ?? "—", "mono"));
  if (refused) verdict.append(element("div", "REFUSED", "verdict"));
  const what = element("td");
  what.append(element("span", `${entry.method || ""} ${entry.path || ""}`.trim(), "mono"));
  if (entry.event) what.append(element("span", ` (${entry.event})`, "muted"));
  if (entry.fault) what.append(element("div", `fault injected: ${entry.fault}`, "small"));
  if (refused) {
    const reason = element("div", undefined, "reason");
    reason.append(element("code", code));
    if (sentence) reason.append(document.createTextNode(`: ${sentence}`));
    what.append(reason);
  }
  const duration = entry.duration_ms ?? entry.duration;
  const user = element("td", entry.user || "—");
  user.dataset.label = "user";
  const operation = element("td", entry.operation || "—");
  operation.dataset.label = "operation";
  row.append(
    verdict,
    what,
    user,
    operation,
    element("td", duration === undefined || duration === null ? "—" : `${Number(duration).toFixed(1)} ms`, "number"),
  );
  return row;
}

// ---- Send ---------------------------------------------------------------------------------

async function send(event) {
  event.preventDefault();
  const form = event.target;
  const result = $("send-result");
  const fields = Object.fromEntries(new FormData(form).entries());
  const { status, body } = await postJson(`${CONSOLE}/send`, fields);
  if (status === 202 && body) {
    result.textContent = `Sent ${body.messageId} to ${body.user_id}.`;
    if (selectedUser === null) selectUser(body.user_id, false);
  } else {
    result.textContent = `Not sent: ${body && body.message ? body.message : `HTTP ${status}`}`;
  }
}

// ---- Decode -------------------------------------------------------------------------------

async function decode(event) {
  event.preventDefault();
  const out = $("decoded");
  const { status, body } = await postJson(`${CONSOLE}/inspect`, { text: $("decode-text").value });
  out.replaceChildren();
  if (!body) {
    out.append(element("p", `The decoder answered HTTP ${status}.`));
    return;
  }
  if (body.message) {
    out.append(element("p", body.message));
    return;
  }
  if (!body.found) {
    out.append(element("p", `Not a token: ${body.explanation} [${body.code}]`, "verdict-line bad"));
    return;
  }
  renderInspection(out, body);
}

function renderInspection(out, body) {
  const summary = body.inspection.summary;
  const matches = summary.signature === "matches";
  const mismatch = summary.signature === "mismatch";
  out.append(element("p", `Signature: ${body.signature}`, `verdict-line ${matches ? "ok" : mismatch ? "bad" : ""}`));
  const facts = element("dl", undefined, "facts");
  const add = (name, value) => facts.append(element("dt", name), element("dd", value));
  add("User", summary.user_ids.length ? summary.user_ids.join(", ") : "(none)");
  const tenant = summary.tenant_id
    ? `${summary.tenant_id}${summary.environment ? ` (${summary.environment})` : ""}`
    : summary.environment ? `(no tenant_id) (${summary.environment})` : "(none)";
  add("Tenant", tenant);
  add("Issued", instant(summary.issued_at, "(no iat)"));
  add("Expires", summary.never_expires ? "never expires" : instant(summary.expires_at, "(unreadable exp)"));
  if (summary.not_before) add("Not before", instant(summary.not_before));
  if (body.request && body.request.user_id) add("Request's user", body.request.user_id);
  if (body.request && body.request.tenant) add("Request's tenant", body.request.tenant);
  out.append(facts);

  out.append(element("h3", "Scopes"));
  if (summary.scopes.length === 0) {
    out.append(element("p", "(none)"));
  } else {
    const table = element("table");
    const head = element("tr");
    head.append(element("th", "Scope"), element("th", "What it allows"));
    const thead = element("thead");
    thead.append(head);
    table.append(thead);
    const rows = element("tbody");
    for (const scope of summary.scopes) {
      const row = element("tr");
      row.append(element("td", scope.scope, "mono"), element("td", scope.known ? scope.meaning : "unknown: not a documented Courier scope"));
      rows.append(row);
    }
    table.append(rows);
    out.append(table);
  }
  const warnings = body.inspection.warnings;
  out.append(element("h3", warnings.length ? `Warnings (${warnings.length})` : "Warnings: none"));
  if (warnings.length) {
    const list = element("ul", undefined, "warnings");
    for (const warning of warnings) list.append(element("li", `⚠ ${warning.message} [${warning.code}]`));
    out.append(list);
  }
  for (const note of body.notes) out.append(element("p", `Note: ${note}`, "muted"));
  const raw = element("details");
  raw.append(element("summary", "Header and claims as written"));
  raw.append(element("pre", JSON.stringify({ header: body.inspection.header, claims: body.inspection.claims }, null, 2)));
  out.append(raw);
}

function instant(value, missing) {
  if (!value) return missing;
  return `${value.rfc3339} (${value.relative})`;
}

// ---- Live updates -------------------------------------------------------------------------

function loadInboxes() {
  return Promise.all([loadUsers(), loadInbox()]);
}

function listen() {
  const live = $("live");
  const events = new EventSource(`${CONSOLE}/events`);
  events.addEventListener("ready", () => {
    live.textContent = "live";
    live.classList.remove("down");
    loadWorkspace();
    loadInboxes();
    loadRequests();
  });
  events.addEventListener("changed", (event) => {
    const topics = event.data.split(" ");
    if (topics.includes("inbox")) loadInboxes();
    if (topics.includes("requests") || topics.includes("inbox")) loadRequests();
  });
  events.addEventListener("error", () => {
    live.textContent = "disconnected: reconnecting…";
    live.classList.add("down");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("send-form").addEventListener("submit", send);
  $("decode-form").addEventListener("submit", decode);
  listen();
});
