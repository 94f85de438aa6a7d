// An end-to-end Inbox test under `courier-token serve --`, with Node's own test runner, Courier's
// Node server SDK (@trycourier/courier) and its web SDK (@trycourier/courier-js 3.x). No sleep:
// `GET /__serve/wait` answers once serve has taken the socket's subscribe.
//
//   npm install @trycourier/courier @trycourier/courier-js
//   courier-token serve -- node --experimental-websocket --test inbox.test.mjs   # Node 20/21
//   courier-token serve -- node --test inbox.test.mjs                            # Node >= 22
//
// serve sets COURIER_BASE_URL and COURIER_API_KEY (read by `new Courier()`), COURIER_API_URLS
// (courier-js's apiUrls), and passes the test run's exit code on.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Courier from '@trycourier/courier';
// courier-js is a CommonJS package: import it whole, then take its names.
import courierJs from '@trycourier/courier-js';

// courier-js is written for browsers: it calls window.setTimeout and window.setInterval.
globalThis.window ??= globalThis;
if (typeof WebSocket === 'undefined') {
  throw new Error('courier-js needs a global WebSocket: run node with --experimental-websocket (Node 20/21), or Node >= 22');
}

const { CourierClient } = courierJs;
const server = new Courier(); // COURIER_BASE_URL and COURIER_API_KEY, set by serve
const apiUrls = JSON.parse(process.env.COURIER_API_URLS);

/** Waits, inside serve, until `query` holds (?subscribed=USER or ?messages=USER&count=N). */
async function serveWait(query) {
  const response = await fetch(`${process.env.COURIER_BASE_URL}/__serve/wait?${query}&timeout=10s`, {
    headers: { Authorization: `Bearer ${process.env.COURIER_API_KEY}` },
  });
  assert.equal(response.status, 200, await response.text());
}

const sockets = [];
after(() => sockets.forEach((socket) => socket.close()));

test('a message sent by the backend reaches the user\'s inbox and open socket', async () => {
  const { token } = await server.auth.issueToken({
    scope: 'user_id:alice inbox:read:messages inbox:write:events',
    expires_in: '1h',
  });
  const client = new CourierClient({ userId: 'alice', jwt: token, apiUrls });

  const socket = client.inbox.socket;
  sockets.push(socket);
  const pushed = new Promise((resolve) => socket.addMessageEventListener(resolve));
  await socket.connect();
  // connect() resolves when the socket opens, before serve has taken the subscribe: a message
  // sent now could be missed. Wait for the subscription instead of sleeping.
  await serveWait('subscribed=alice');

  const { requestId } = await server.send.message({
    message: { to: { user_id: 'alice' }, content: { title: 'Welcome', body: 'Hello from the test' } },
  });
  const event = await pushed;
  assert.equal(event.event, 'message');
  assert.equal(event.data.messageId, requestId);

  const { data } = await client.inbox.getMessages();
  assert.deepEqual(data.messages.nodes.map((message) => message.title), ['Welcome']);
  assert.equal(await client.inbox.getUnreadMessageCount(), 1);
});

test('a token expires when serve\'s clock moves, without waiting', async () => {
  const { token } = await server.auth.issueToken({ scope: 'user_id:bob inbox:read:messages', expires_in: '1h' });
  const client = new CourierClient({ userId: 'bob', jwt: token, apiUrls });
  assert.equal(await client.inbox.getUnreadMessageCount(), 0);

  const moved = await fetch(`${process.env.COURIER_BASE_URL}/__serve/clock`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.COURIER_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance: '2h' }),
  });
  assert.equal(moved.status, 200);
  // Serve now refuses the token as Courier would (401 "expired: …"); the journal says why.
  await assert.rejects(client.inbox.getUnreadMessageCount());
  const journal = await fetch(`${process.env.COURIER_BASE_URL}/__serve/requests?user=bob&status=401`, {
    headers: { Authorization: `Bearer ${process.env.COURIER_API_KEY}` },
  }).then((response) => response.json());
  assert.equal(journal.at(-1).code, 'expired');
});
