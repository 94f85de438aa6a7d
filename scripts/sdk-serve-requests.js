#!/usr/bin/env node
// sdk-serve-requests.js: records what Courier's real web SDK (@trycourier/courier-js,
// the code of trycourier/courier-web) sends to the Inbox for every call `courier-token
// serve` must answer, so the Rust tests can replay them against serve without Node.
//
// It starts a loopback HTTP + websocket recorder, points the SDK's apiUrls at it, and
// calls getMessages (no filter; archived; tags + status + from + a page size and a start
// cursor; with a tenant), getArchivedMessages, getUnreadCounts, every mutation (read,
// unread, open, click, archive, unarchive, readAll, archiveRead, archiveAll) and a
// batchOpen of three, then opens the realtime socket and records its URL and first
// messages. Output (pretty JSON, 2-space indent, trailing newline):
//   { generator: {node, courier_js},
//     user_id, token,
//     requests: [{name, tenant_id, method, path, headers, body}],
//     socket: {path, messages} }
// headers keeps the SDK's own headers in the order sent; the client's connection id (a
// nanoid the SDK makes, sent in x-courier-ua, x-courier-client-source-id and the socket's
// cid) is "<cid>" everywhere, the socket's transaction ids "<tid>". The calls name messages "m1".."m3" and the start cursor
// "<cursor>"; the tests seed serve with those messages and put serve's cursor there.
//
// To rerun (from the repository root):
//   cd /tmp/x && npm install @trycourier/courier-js@3.4.0 ws@8
//   NODE_PATH=/tmp/x/node_modules node scripts/sdk-serve-requests.js \
//     > tests/fixtures/sdk_inbox_requests.json
// Nothing leaves 127.0.0.1.

'use strict';

const http = require('http');
const WebSocket = require('ws');
globalThis.WebSocket = WebSocket;
globalThis.window = globalThis;
const { CourierClient } = require('@trycourier/courier-js');
const courierJsVersion = require('@trycourier/courier-js/package.json').version;

// A token in Courier's shape for user "alice" (its signature does not matter here).
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YWxpY2UgaW5ib3g6cmVhZDptZXNzYWdlcyBpbmJveDp3cml0ZTpldmVudHMifQ.c2lnbmF0dXJl';
const USER_ID = 'alice';
const SDK_HEADERS = ['content-type', 'x-courier-ua', 'x-courier-user-id', 'authorization',
  'x-courier-client-source-id', 'x-courier-client-key'];

const seen = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i];
      if (!SDK_HEADERS.includes(name.toLowerCase())) continue;
      const value = name.toLowerCase() === 'x-courier-ua'
        ? req.rawHeaders[i + 1].replace(/cid=[^,]*/, 'cid=<cid>')
        : req.rawHeaders[i + 1];
      headers.push([name, value]);
    }
    seen.push({ method: req.method, path: req.url, headers, body });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"data":{}}');
  });
});
const sockets = new WebSocket.Server({ server });
const socket = { path: null, messages: [] };
sockets.on('connection', (ws, req) => {
  socket.path = req.url;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    socket.messages.push({ ...message, tid: '<tid>' });
    if (message.action === 'get-config') {
      ws.send(JSON.stringify({ tid: message.tid, response: 'config', data: { pingInterval: 300, maxOutstandingPings: 3 } }));
    } else if (message.action === 'subscribe') {
      ws.send(JSON.stringify({ tid: message.tid, response: 'ack' }));
    }
  });
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const apiUrls = {
    courier: { rest: base, graphql: `${base}/client/q` },
    inbox: { graphql: `${base}/q`, webSocket: `ws://127.0.0.1:${server.address().port}` },
  };
  const client = (tenantId) => new CourierClient({
    userId: USER_ID, jwt: TOKEN, tenantId, apiUrls,
  });
  const plain = client(undefined);
  const tenant = client('acme-co');
  const calls = [
    ['messages', null, () => plain.inbox.getMessages()],
    ['messages_archived', null, () => plain.inbox.getArchivedMessages()],
    ['messages_filtered_page', null, () => plain.inbox.getMessages({
      paginationLimit: 2, startCursor: '<cursor>',
      filter: { tags: ['a', 'b'], status: 'unread', from: '2024-01-01T00:00:00.000Z' },
    })],
    ['messages_tenant', 'acme-co', () => tenant.inbox.getMessages()],
    ['unread_counts', null, () => plain.inbox.getUnreadCounts({ all: {}, 'tagged-a': { tags: ['a'] }, read: { status: 'read' } })],
    ['read', null, () => plain.inbox.read({ messageId: 'm1' })],
    ['unread', null, () => plain.inbox.unread({ messageId: 'm1' })],
    ['open', null, () => plain.inbox.open({ messageId: 'm1' })],
    ['click', null, () => plain.inbox.click({ messageId: 'm1', trackingId: 'click_m1' })],
    ['archive', null, () => plain.inbox.archive({ messageId: 'm2' })],
    ['unarchive', null, () => plain.inbox.unarchive({ messageId: 'm2' })],
    ['batch_open', null, () => plain.inbox.batchOpen(['m1', 'm2', 'm3'])],
    ['read_all', null, () => plain.inbox.readAll()],
    ['archive_read', null, () => plain.inbox.archiveRead()],
    ['archive_all', null, () => plain.inbox.archiveAll()],
  ];
  const requests = [];
  for (const [name, tenantId, call] of calls) {
    await call();
    requests.push({ name, tenant_id: tenantId, ...seen.shift() });
  }
  if (seen.length !== 0) throw new Error(`${seen.length} request(s) not accounted for`);
  await plain.inbox.socket.connect();
  await new Promise((resolve) => setTimeout(resolve, 300));
  plain.inbox.socket.close();
  socket.path = socket.path.replace(TOKEN, '<token>');
  sockets.close();
  server.close();
  const out = {
    generator: { node: process.version, courier_js: courierJsVersion },
    user_id: USER_ID, token: TOKEN, requests, socket,
  };
  const text = JSON.stringify(out, null, 2).split(plain.options.connectionId).join('<cid>');
  process.stdout.write(text + '\n');
  process.exit(0);
});
