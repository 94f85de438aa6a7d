#!/usr/bin/env node
// sdk-v7-inbox-request.js: records the exact unread-count request Courier's v7
// web SDK (@trycourier/client-graphql 7.4.8, the GraphQL client under
// @trycourier/react-provider and @trycourier/transport 7.x) sends in the two
// modes courier-js 3.x does not speak: the client key alone ("Default (No
// Auth)") and the legacy HMAC user signature. `courier-token doctor` must send
// the same bytes in those modes; the Rust tests hold it to this fixture
// without Node.
//
// It starts a loopback HTTP server, calls Inbox({clientKey, userId,
// [userSignature], apiUrl}).getInboxCount({status: "unread", [tenantId]}) and
// prints (pretty-printed JSON, 2-space indent, trailing newline):
//   { generator: {node, client_graphql, urql},
//     requests: [{mode, client_key, user_id, user_signature, tenant_id,
//                 method, path, headers, body}] }
// headers keeps the headers the SDK stack sets (urql's accept and
// content-type, then the SDK's x-courier-* headers) in the order sent, names
// as sent; the ones Node's fetch adds by itself (host, connection,
// accept-language, sec-fetch-mode, user-agent, accept-encoding,
// content-length) are left out. The signature is Node's
// crypto.createHmac("sha256", apiKey).update(userId).digest("hex").
//
// To rerun (from the repository root; the package does not declare its
// @babel/runtime dependency, so it is installed alongside):
//   cd /tmp/x && npm install @trycourier/client-graphql@7.4.8 @babel/runtime@7
//   NODE_PATH=/tmp/x/node_modules node scripts/sdk-v7-inbox-request.js \
//     > tests/fixtures/sdk_v7_unread_count_requests.json
// Nothing leaves 127.0.0.1.

'use strict';

const crypto = require('crypto');
const http = require('http');
const { Inbox } = require('@trycourier/client-graphql');
const clientGraphqlVersion = require('@trycourier/client-graphql/package.json').version;
const urqlVersion = require('urql/package.json').version;

// Courier's documented example client key (its docs: base64 of the workspace id) and the key the tests sign with.
const CLIENT_KEY = 'MWIxZTk1M2YtMGViYi00N2FkLWJlYWItZjU3OWJkNjA2ZWIx';
const API_KEY = 'sk_test_123';
const USER_ID = 'blah';
const FETCH_ADDS = ['host', 'connection', 'accept-language', 'sec-fetch-mode', 'user-agent',
  'accept-encoding', 'content-length'];

const seen = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (FETCH_ADDS.includes(req.rawHeaders[i].toLowerCase())) continue;
      headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    }
    seen.push({ method: req.method, path: req.url, headers, body });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"data":{"count":3}}');
  });
});

server.listen(0, '127.0.0.1', async () => {
  const apiUrl = `http://127.0.0.1:${server.address().port}/q`;
  const signature = crypto.createHmac('sha256', API_KEY).update(USER_ID).digest('hex');
  const cases = [
    { mode: 'client_key', userSignature: null, tenantId: null },
    { mode: 'client_key', userSignature: null, tenantId: 'acme-co' },
    { mode: 'hmac', userSignature: signature, tenantId: null },
  ];
  const requests = [];
  for (const { mode, userSignature, tenantId } of cases) {
    const params = { clientKey: CLIENT_KEY, userId: USER_ID, apiUrl };
    if (userSignature) params.userSignature = userSignature;
    const filter = { status: 'unread' };
    if (tenantId) filter.tenantId = tenantId;
    const answer = await Inbox(params).getInboxCount(filter);
    if (!answer || answer.count !== 3) throw new Error(`the SDK read ${JSON.stringify(answer)}`);
    requests.push({
      mode, client_key: CLIENT_KEY, user_id: USER_ID, user_signature: userSignature,
      tenant_id: tenantId, ...seen.shift(),
    });
  }
  server.close();
  const out = {
    generator: { node: process.version, client_graphql: clientGraphqlVersion, urql: urqlVersion },
    requests,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
});
