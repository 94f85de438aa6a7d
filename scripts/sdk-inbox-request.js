#!/usr/bin/env node
// sdk-inbox-request.js: records the exact request Courier's real web SDK
// (@trycourier/courier-js, the code of trycourier/courier-web) sends for the
// unread count, InboxClient.getUnreadMessageCount(), so the Rust tests can hold
// `courier-token doctor`'s probe to it byte for byte without Node in CI.
//
// It starts a loopback HTTP server, points the SDK's apiUrls at it, calls
// getUnreadMessageCount() once without and once with a tenantId, and prints
// (pretty-printed JSON, 2-space indent, trailing newline) what arrived:
//   { generator: {node, courier_js},
//     requests: [{user_id, tenant_id, token, method, path, headers, body}] }
// headers keeps the SDK's own headers in the order sent, names as sent; the
// per-connection client id inside x-courier-ua is replaced by "<cid>". Headers
// that Node's fetch adds by itself (host, accept, user-agent, ...) are left out.
//
// To rerun (from the repository root):
//   cd /tmp/x && npm install @trycourier/courier-js@3.4.0
//   NODE_PATH=/tmp/x/node_modules node scripts/sdk-inbox-request.js \
//     > tests/fixtures/sdk_unread_count_requests.json
// Nothing leaves 127.0.0.1.

'use strict';

const http = require('http');
const { CourierClient } = require('@trycourier/courier-js');
const courierJsVersion = require('@trycourier/courier-js/package.json').version;

// The real token from Courier's React SDK tests (trycourier/courier-react): user "blah".
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YmxhaCBpbmJveDpyZWFkOm1lc3NhZ2VzIiwidGVuYW50X3Njb3BlIjoicHVibGlzaGVkL3Byb2R1Y3Rpb24iLCJ0ZW5hbnRfaWQiOiI3NjgyNTFjZi0zZWI4LTQyNmEtOTJlYi1mYWEwZTc2Nzg3NjgiLCJpYXQiOjE2NzI3ODIwNzYsImp0aSI6ImJjZjRiN2QzLWMyNDktNDQzNC04ZTQ0LWFjMTYxY2U0NTRiZCJ9.J7k0OQ1qfFR5MpdoP13mCusQWejpx7VB6Z6A194RxU8';
const USER_ID = 'blah';
const SDK_HEADERS = ['content-type', 'x-courier-ua', 'x-courier-user-id', 'authorization'];

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
    res.end('{"data":{"count":3}}');
  });
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const apiUrls = {
    courier: { rest: base, graphql: `${base}/client/q` },
    inbox: { graphql: `${base}/q`, webSocket: 'ws://127.0.0.1:1' },
  };
  const requests = [];
  for (const tenantId of [null, 'acme-co']) {
    const client = new CourierClient({ userId: USER_ID, jwt: TOKEN, tenantId: tenantId || undefined, apiUrls });
    const count = await client.inbox.getUnreadMessageCount();
    if (count !== 3) throw new Error(`the SDK read ${count}, not 3`);
    requests.push({ user_id: USER_ID, tenant_id: tenantId, token: TOKEN, ...seen.shift() });
  }
  server.close();
  const out = { generator: { node: process.version, courier_js: courierJsVersion }, requests };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
});
