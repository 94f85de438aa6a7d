#!/usr/bin/env node
// sdk-socket.js: records how Courier's web SDK (@trycourier/courier-js 3.4.0,
// the code of trycourier/courier-web, src/socket/) opens the Inbox's realtime
// socket: the URL of the upgrade request and the first messages it sends
// (get-config, then subscribe), without and with a tenant. `courier-token
// doctor`'s realtime probe must open the same URL and send the same messages;
// the Rust tests hold it to this fixture without Node.
//
// It starts a loopback websocket server (npm `ws`), gives courier-js `ws` as
// its global WebSocket (the SDK is written for browsers), signs in with
// apiUrls pointing at the server, and answers as the SDK expects: config to
// get-config, ack to subscribe. It prints (pretty-printed JSON, 2-space
// indent, trailing newline):
//   { generator: {node, courier_js, ws},
//     connections: [{user_id, tenant_id, token, url, messages}] }
// url is the request target of the upgrade (path and query, as sent); the
// per-connection client id (cid) and each message's transaction id (tid),
// random nanoids, are replaced by "<cid>" and "<tid>". messages are the text
// frames in the order sent, as sent.
//
// To rerun (from the repository root):
//   cd /tmp/x && npm install @trycourier/courier-js@3.4.0 ws@8
//   NODE_PATH=/tmp/x/node_modules node scripts/sdk-socket.js \
//     > tests/fixtures/sdk_socket_connections.json
// Nothing leaves 127.0.0.1.

'use strict';

const { WebSocket, WebSocketServer } = require('ws');
globalThis.WebSocket = WebSocket;
globalThis.window = globalThis;
const { CourierClient } = require('@trycourier/courier-js');
const courierJsVersion = require('@trycourier/courier-js/package.json').version;
const wsVersion = require('ws/package.json').version;

// The real token from Courier's React SDK tests (trycourier/courier-react): user "blah".
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YmxhaCBpbmJveDpyZWFkOm1lc3NhZ2VzIiwidGVuYW50X3Njb3BlIjoicHVibGlzaGVkL3Byb2R1Y3Rpb24iLCJ0ZW5hbnRfaWQiOiI3NjgyNTFjZi0zZWI4LTQyNmEtOTJlYi1mYWEwZTc2Nzg3NjgiLCJpYXQiOjE2NzI3ODIwNzYsImp0aSI6ImJjZjRiN2QzLWMyNDktNDQzNC04ZTQ0LWFjMTYxY2U0NTRiZCJ9.J7k0OQ1qfFR5MpdoP13mCusQWejpx7VB6Z6A194RxU8';
const USER_ID = 'blah';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
let current = null;
server.on('connection', (socket, request) => {
  current.url = request.url;
  socket.on('message', (data) => {
    const text = data.toString();
    current.messages.push(text);
    const message = JSON.parse(text);
    if (message.action === 'get-config') {
      socket.send(JSON.stringify({ tid: message.tid, response: 'config', data: { pingInterval: 60, maxOutstandingPings: 3 } }));
    } else if (message.action === 'subscribe') {
      socket.send(JSON.stringify({ tid: message.tid, response: 'ack' }));
      current.done();
    }
  });
});

server.on('listening', async () => {
  const base = `ws://127.0.0.1:${server.address().port}`;
  const apiUrls = {
    courier: { rest: 'http://127.0.0.1:1', graphql: 'http://127.0.0.1:1/client/q' },
    inbox: { graphql: 'http://127.0.0.1:1/q', webSocket: base },
  };
  const connections = [];
  for (const tenantId of [null, 'acme-co']) {
    const client = new CourierClient({ userId: USER_ID, jwt: TOKEN, tenantId: tenantId || undefined, apiUrls });
    await new Promise((resolve, reject) => {
      current = { url: null, messages: [], done: resolve };
      client.inbox.socket.connect().catch(reject);
    });
    client.inbox.socket.close();
    const cid = client.options.connectionId;
    connections.push({
      user_id: USER_ID,
      tenant_id: tenantId,
      token: TOKEN,
      url: current.url.replace(`cid=${cid}`, 'cid=<cid>'),
      messages: current.messages.map((m) => m.replace(/"tid":"[^"]*"/, '"tid":"<tid>"')),
    });
  }
  server.close();
  const out = { generator: { node: process.version, courier_js: courierJsVersion, ws: wsVersion }, connections };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  process.exit(0);
});
