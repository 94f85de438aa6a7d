#!/usr/bin/env node
// sdk-client-requests.js: records what Courier's real web SDK (@trycourier/courier-js) sends
// through its clients other than the Inbox — preferences and brands (the client GraphQL
// endpoint, /client/q), device tokens, lists and tracking (REST) — so the Rust tests can replay
// them against `courier-token serve` without Node.
//
// It starts a loopback HTTP recorder, points the SDK's apiUrls at it, and calls each method
// once without a tenant and, where the method takes one, with the tenant "acme-co". Output
// (pretty JSON, 2-space indent, trailing newline):
//   { generator: {node, courier_js}, user_id, token,
//     requests: [{name, tenant_id, method, path, headers, body}] }
// headers keeps the SDK's own headers in the order sent; the client's connection id is "<cid>".
// The calls name the topic "order-updates", the brand "brand-1", the device token "device-1",
// the list "news" and the message "m1"; tests seed serve with those.
//
// To rerun (from the repository root):
//   cd /tmp/x && npm install @trycourier/courier-js@3.4.0
//   NODE_PATH=/tmp/x/node_modules node scripts/sdk-client-requests.js \
//     > tests/fixtures/sdk_client_requests.json
// Nothing leaves 127.0.0.1.

'use strict';

const http = require('http');
globalThis.window = globalThis;
const { CourierClient } = require('@trycourier/courier-js');
const courierJsVersion = require('@trycourier/courier-js/package.json').version;

// A token in Courier's shape for user "alice" (its signature does not matter here).
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YWxpY2UgaW5ib3g6cmVhZDptZXNzYWdlcyBpbmJveDp3cml0ZTpldmVudHMifQ.c2lnbmF0dXJl';
const USER_ID = 'alice';
const CLIENT_KEY = 'MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAx';
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
    const answer = req.url === '/inbound/courier' ? '{"messageId":"m1"}'
      : req.url.endsWith('/client/q') ? '{"data":{"recipientPreference":{"templateId":"order-updates"},"updatePreferenceV2":{"templateId":"order-updates"}}}'
        : '{}';
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(answer);
  });
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const apiUrls = {
    courier: { rest: base, graphql: `${base}/client/q` },
    inbox: { graphql: `${base}/q`, webSocket: `ws://127.0.0.1:${server.address().port}` },
  };
  const client = (tenantId) => new CourierClient({ userId: USER_ID, jwt: TOKEN, tenantId, apiUrls });
  const plain = client(undefined);
  const tenant = client('acme-co');
  const update = {
    topicId: 'order-updates', status: 'OPTED_IN', hasCustomRouting: true,
    customRouting: ['inbox', 'email'],
  };
  const calls = [
    ['preferences', null, () => plain.preferences.getUserPreferences()],
    ['preferences_tenant', 'acme-co', () => tenant.preferences.getUserPreferences()],
    ['preference_topic', null, () => plain.preferences.getUserPreferenceTopic({ topicId: 'order-updates' })],
    ['preference_topic_tenant', 'acme-co', () => tenant.preferences.getUserPreferenceTopic({ topicId: 'order-updates' })],
    ['update_preference', null, () => plain.preferences.putUserPreferenceTopic(update)],
    ['update_preference_tenant', 'acme-co', () => tenant.preferences.putUserPreferenceTopic({ ...update, status: 'OPTED_OUT', hasCustomRouting: false, customRouting: [] })],
    ['preference_page', null, () => plain.preferences.getPreferencePage()],
    ['preference_page_tenant_brand', 'acme-co', () => tenant.preferences.getPreferencePage({ brandId: 'brand-1' })],
    ['digest_schedules', null, () => plain.preferences.getDigestSchedules({ topicId: 'order-updates' })],
    ['brand', null, () => plain.brands.getBrand({ brandId: 'brand-1' })],
    ['put_token', null, () => plain.tokens.putUserToken({ token: 'device-1', provider: 'firebase-fcm', device: { appId: 'app', platform: 'web' } })],
    ['delete_token', null, () => plain.tokens.deleteUserToken({ token: 'device-1' })],
    ['list_subscribe', null, () => plain.lists.putSubscription({ listId: 'news', clientKey: CLIENT_KEY })],
    ['list_unsubscribe', null, () => plain.lists.deleteSubscription({ listId: 'news', clientKey: CLIENT_KEY })],
    ['inbound_track', null, () => plain.tracking.postInboundCourier({ clientKey: CLIENT_KEY, event: 'Order Viewed', messageId: 'm1', type: 'track', properties: { order: 7 } })],
  ];
  const requests = [];
  for (const [name, tenantId, call] of calls) {
    await call();
    requests.push({ name, tenant_id: tenantId, ...seen.shift() });
  }
  if (seen.length !== 0) throw new Error(`${seen.length} request(s) not accounted for`);
  server.close();
  const out = {
    generator: { node: process.version, courier_js: courierJsVersion },
    user_id: USER_ID, token: TOKEN, requests,
  };
  const text = JSON.stringify(out, null, 2).split(plain.options.connectionId).join('<cid>')
    .split(tenant.options.connectionId).join('<cid>');
  process.stdout.write(text + '\n');
  process.exit(0);
});
