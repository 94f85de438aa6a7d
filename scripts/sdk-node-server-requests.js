#!/usr/bin/env node
// sdk-node-server-requests.js: records what Courier's Node server SDK (@trycourier/courier,
// configured with COURIER_BASE_URL) sends for the calls `courier-token serve` answers beyond
// the Inbox — preferences, tenants and memberships, device tokens, brands, message status — so
// the Rust tests can replay them against serve without Node.
//
// It starts a loopback HTTP recorder, points the SDK's baseURL at it and calls each method once.
// Output (pretty JSON, 2-space indent, trailing newline):
//   { generator: {node, courier}, api_key,
//     requests: [{name, method, path, headers, body}] }
// headers keeps authorization and content-type as sent. The calls name the user "dave", the
// tenant "initech", the topic "newsletter", the device token "device-1", the brand "night" and
// the message "<message>"; tests put serve's own ids there.
//
// To rerun (from the repository root):
//   cd /tmp/x && npm install @trycourier/courier@7.10.2
//   NODE_PATH=/tmp/x/node_modules node scripts/sdk-node-server-requests.js \
//     > tests/fixtures/sdk_node_server_requests.json
// Nothing leaves 127.0.0.1.

'use strict';

const http = require('http');
const Courier = require('@trycourier/courier').default;
const version = require('@trycourier/courier/version').VERSION;

const API_KEY = 'sk_test_recorded';
const KEPT = ['authorization', 'content-type'];

const seen = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (KEPT.includes(req.rawHeaders[i].toLowerCase())) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    }
    seen.push({ method: req.method, path: req.url, headers, body });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
});

server.listen(0, '127.0.0.1', async () => {
  const client = new Courier({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${server.address().port}`, maxRetries: 0 });
  const calls = [
    ['tenant_update', () => client.tenants.update('initech', { name: 'Initech', properties: { tier: 'gold' } })],
    ['tenant_retrieve', () => client.tenants.retrieve('initech')],
    ['tenants_list', () => client.tenants.list()],
    ['user_tenant_add', () => client.users.tenants.addSingle('initech', { user_id: 'dave' })],
    ['user_tenants_add', () => client.users.tenants.addMultiple('dave', { tenants: [{ tenant_id: 'globex' }] })],
    ['user_tenants_list', () => client.users.tenants.list('dave')],
    ['tenant_users', () => client.tenants.listUsers('initech')],
    ['preference_update', () => client.users.preferences.updateOrCreateTopic('newsletter', { user_id: 'dave', tenant_id: 'initech', topic: { status: 'OPTED_IN', has_custom_routing: true, custom_routing: ['email'] } })],
    ['preference_topic', () => client.users.preferences.retrieveTopic('newsletter', { user_id: 'dave', tenant_id: 'initech' })],
    ['preferences', () => client.users.preferences.retrieve('dave', { tenant_id: 'initech' })],
    ['token_add', () => client.users.tokens.addSingle('device-1', { user_id: 'dave', provider_key: 'apn', device: { platform: 'ios' } })],
    ['token_update', () => client.users.tokens.update('device-1', { user_id: 'dave', patch: [{ op: 'replace', path: '/status', value: 'revoked' }] })],
    ['token_retrieve', () => client.users.tokens.retrieve('device-1', { user_id: 'dave' })],
    ['tokens_list', () => client.users.tokens.list('dave')],
    ['token_delete', () => client.users.tokens.delete('device-1', { user_id: 'dave' })],
    ['user_tenant_remove', () => client.users.tenants.removeSingle('initech', { user_id: 'dave' })],
    ['brand_create', () => client.brands.create({ id: 'night', name: 'Night', settings: { colors: { primary: '#000000' } } })],
    ['brand_retrieve', () => client.brands.retrieve('night')],
    ['brands_list', () => client.brands.list()],
    ['brand_delete', () => client.brands.delete('night')],
    ['message_retrieve', () => client.messages.retrieve('<message>')],
    ['messages_list', () => client.messages.list({ recipient: 'dave' })],
    ['tenant_delete', () => client.tenants.delete('initech')],
  ];
  const requests = [];
  for (const [name, call] of calls) {
    await call();
    requests.push({ name, ...seen.shift() });
  }
  if (seen.length !== 0) throw new Error(`${seen.length} request(s) not accounted for`);
  server.close();
  const out = { generator: { node: process.version, courier: version }, api_key: API_KEY, requests };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  process.exit(0);
});
