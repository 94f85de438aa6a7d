#!/usr/bin/env node
// node-vectors.js: makes known-answer vectors from Node's real `jsonwebtoken` and
// `ms` packages and Node's `crypto` HMAC. The Rust tests use them to check
// byte-exact parity without needing Node in CI.
//
// What it prints (to stdout, pretty-printed JSON, 2-space indent, trailing newline):
//   node scripts/node-vectors.js            -> same as `tokens`
//   node scripts/node-vectors.js tokens     -> tests/fixtures/node_vectors.json
//       { generator: {node, jsonwebtoken, ms},
//         tokens:     [{name, key, scope, tenant_scope, tenant_id, iat, expires_in, jwtid, token}],
//         expires_in: [{input, iat, exp, error}] }
//     exp comes from jwt.sign({iat: 1700000000}, 'k', {expiresIn: input}), decoded
//     from the token. If sign throws, exp is null and error is the message.
//     A top-level key `expires_in_extreme` holds inputs where jsonwebtoken puts out
//     an exp that is not a safe integer (JSON.stringify may write it as 1e+96, for
//     example). It is kept apart so that `expires_in` only ever holds integers or null.
//   node scripts/node-vectors.js hmac       -> tests/fixtures/node_hmac_vectors.json
//       { cases: [{key, user_id, signature}] }, where
//       signature = crypto.createHmac("sha256", key).update(user_id).digest("hex")
//   node scripts/node-vectors.js claims     -> tests/fixtures/node_claim_vectors.json
//       { generator, claim: {key, scope, tenant_scope, tenant_id, iat, expires_in, jwtid},
//         written: [{text, value_json, token}], altered: [{text, value_json}] }
//     A custom claim `c` whose value is `text` read as `--claim c=TEXT` documents it:
//     JSON.parse(text), or text itself when that throws. `value_json` is what
//     JSON.stringify writes for it, `token` is
//       jwt.sign({scope, tenant_scope, tenant_id, c: value, iat}, key, {expiresIn, jwtid}).
//     `altered` holds JSON that JSON.parse reads into something its text does not say
//     (a number past a double's range becomes null): the tool refuses these.
//
// To rerun (from the repository root):
//   cd /tmp/x && npm install jsonwebtoken@9 ms@2
//   NODE_PATH=/tmp/x/node_modules node scripts/node-vectors.js tokens > tests/fixtures/node_vectors.json
//   NODE_PATH=/tmp/x/node_modules node scripts/node-vectors.js hmac   > tests/fixtures/node_hmac_vectors.json
//   NODE_PATH=/tmp/x/node_modules node scripts/node-vectors.js claims > tests/fixtures/node_claim_vectors.json
// Committed fixtures were made with node v20.20.2, jsonwebtoken 9.0.3, ms 2.1.3.
//
// The script is deterministic: it uses no randomness and no clock. Every token
// payload carries an explicit `iat` (jsonwebtoken uses `payload.iat || now`, so
// iat must be nonzero), and jwtid is always passed explicitly or left out.
//
// Tokens are made exactly as
//   jwt.sign(payload, key, opts)
//   payload = {scope, tenant_scope?, tenant_id?, iat}   (in that key order; null keys are left out)
//   opts    = {algorithm: "HS256", expiresIn?, jwtid?}  (only set when not null)
// As a self-check, each token is also rebuilt by hand (base64url(JSON.stringify(header)) + "." +
// base64url(JSON.stringify(payload + exp + jti)) + "." + HMAC-SHA256), and the script
// stops if the two differ.

'use strict';

const crypto = require('crypto');
const path = require('path');
const jwt = require('jsonwebtoken');

function pkgVersion(name, fromDir) {
  const opts = fromDir ? { paths: [fromDir] } : undefined;
  return require(require.resolve(name + '/package.json', opts)).version;
}

const JWT_VERSION = pkgVersion('jsonwebtoken');
const MS_VERSION = pkgVersion('ms');
// jsonwebtoken uses its own copy of `ms`. Make sure it is the one we report.
const JWT_DIR = path.dirname(require.resolve('jsonwebtoken/package.json'));
const JWT_MS_VERSION = pkgVersion('ms', JWT_DIR);
if (JWT_MS_VERSION !== MS_VERSION) {
  throw new Error(`jsonwebtoken resolves ms@${JWT_MS_VERSION}, top-level is ms@${MS_VERSION}`);
}

const INBOX_SCOPE = 'user_id:smokey12345 inbox:read:messages inbox:write:events';
const TENANT_SCOPE = 'published/production';
const TENANT_ID = '1b1e953f-0ebb-47ad-beab-f579bd606eb1';
const IAT = 1669649050;
const JTI = '6a8ed7d6-229b-4629-9cdc-68fb9c6dd580';
const KEY = 'sk_test_123';

function b64url(buf) {
  return Buffer.from(buf).toString('base64').replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function decodePayload(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

function makeToken(c) {
  const payload = { scope: c.scope };
  if (c.tenant_scope !== null) payload.tenant_scope = c.tenant_scope;
  if (c.tenant_id !== null) payload.tenant_id = c.tenant_id;
  payload.iat = c.iat;
  const opts = { algorithm: 'HS256' };
  if (c.expires_in !== null) opts.expiresIn = c.expires_in;
  if (c.jwtid !== null) opts.jwtid = c.jwtid;
  const token = jwt.sign(payload, c.key, opts);

  // Self-check: rebuild the token by hand.
  const decoded = decodePayload(token);
  const expected = Object.assign({}, payload);
  if (c.expires_in !== null) expected.exp = decoded.exp;
  if (c.jwtid !== null) expected.jti = c.jwtid;
  const input =
    b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' }), 'utf8')) +
    '.' +
    b64url(Buffer.from(JSON.stringify(expected), 'utf8'));
  const sig = b64url(crypto.createHmac('sha256', Buffer.from(c.key, 'utf8')).update(input).digest());
  if (input + '.' + sig !== token) {
    throw new Error(`self-check failed for token case ${c.name}`);
  }
  return Object.assign({}, c, { token });
}

function tokenCase(name, over) {
  return Object.assign(
    {
      name,
      key: KEY,
      scope: INBOX_SCOPE,
      tenant_scope: TENANT_SCOPE,
      tenant_id: TENANT_ID,
      iat: IAT,
      expires_in: '2 days',
      jwtid: JTI,
    },
    over || {}
  );
}

const TOKEN_CASES = [
  tokenCase('inbox_default'),
  tokenCase('no_expiry', { expires_in: null }),
  tokenCase('no_jti', { jwtid: null }),
  tokenCase('no_tenant', { tenant_scope: null, tenant_id: null }),
  tokenCase('tenant_scope_only', { tenant_id: null }),
  tokenCase('minimal_no_tenant_no_exp_no_jti', { tenant_scope: null, tenant_id: null, expires_in: null, jwtid: null }),
  tokenCase('expires_1h', { expires_in: '1h' }),
  tokenCase('expires_2_5_hrs', { expires_in: '2.5 hrs' }),
  tokenCase('expires_negative_1_5s', { expires_in: '-1.5s' }),
  tokenCase('expires_1y', { expires_in: '1y' }),
  tokenCase('expires_10h', { expires_in: '10h' }),
  tokenCase('expires_30_days', { expires_in: '30 days' }),
  tokenCase('expires_numeric_3600', { expires_in: 3600 }),
  tokenCase('expires_1m', { expires_in: '1m' }),
  tokenCase('expires_5s', { expires_in: '5s' }),
  tokenCase('expires_unitless_100_ms', { expires_in: '100' }),
  tokenCase('unicode_user_id', {
    scope: 'user_id:üser-ß-😀-日本 inbox:read:messages inbox:write:events',
  }),
  tokenCase('json_escape_user_id', {
    scope: 'user_id:a"b\\c/d<e>f&g\u2028h\u2029i inbox:read:messages inbox:write:events',
  }),
  tokenCase('control_chars_user_id', {
    scope: 'user_id:tab\there\nnl\r\u0001\u001f\u007f\b\f inbox:read:messages',
  }),
  tokenCase('multiple_user_ids', {
    scope: 'user_id:alice user_id:bob user_id:carol inbox:read:messages inbox:write:events',
  }),
  tokenCase('utf8_key', { key: 'clé-秘密-🔑-ß' }),
  tokenCase('long_key_100', { key: 'k'.repeat(100) }),
];

const EXP_IAT = 1700000000;

const EXPIRES_IN_INPUTS = [
  // every unit spelling
  '2 milliseconds', '2 millisecond', '2 msecs', '2 msec', '2 ms', '2ms',
  '2 seconds', '2 second', '2 secs', '2 sec', '2 s', '2s',
  '2 minutes', '2 minute', '2 mins', '2 min', '2 m', '2m',
  '2 hours', '2 hour', '2 hrs', '2 hr', '2 h', '2h',
  '2 days', '2 day', '2 d', '2d',
  '2 weeks', '2 week', '2 w', '2w',
  '2 years', '2 year', '2 yrs', '2 yr', '2 y', '2y',
  // case-insensitivity
  '2 DAYS', '1H', '3 Hours', '5 MS', '1 Yr',
  // decimals
  '.5h', '1.5d', '2.5 hrs', '0.5s', '1.1s', '0.1m', '0.7m', '1.5', '0.001s', '0.999s', '0.9999s',
  // negatives
  '-1h', '-1.5s', '-0.5s', '-.5h', '-0s', '-0.0001s', '-1', '-1000', '-1001',
  // whitespace between number and unit
  '2   days', '2days', '0h', '0',
  // unitless strings = milliseconds
  '100', '1500', '999', '1000', '60000',
  // leading zeros and longest allowed string (100 chars)
  '007s', '0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001h',
  // numbers (seconds; must be integers)
  0, 60, 3600, 1.5, -10, -1, 0.5,
  // invalid: must throw
  '', ' ', 'abc', '1 fortnight', '1h 30m', '1.2.3s', '- 1s', '1e3', ' 1h', '1h ', '+1h',
  '1'.repeat(101), '1..5s', '5.', '1\th', '1 h\n', '１h', 'h', '-', '.', '1 mss', 'Infinity', 'NaN',
];

// Inputs whose exp is too large to be a safe integer: kept apart, see header.
const EXPIRES_IN_EXTREME = [
  '1'.repeat(100), // 100 digits: passes the length limit, ~1.1e99 ms
  '100000000000y', // ~3.16e18 s: more than 2^53, less than i64::MAX
  '9999999999999999999d',
  1e21,
  Number.MAX_SAFE_INTEGER,
];

function expiresCase(input) {
  let exp = null;
  let error = null;
  try {
    const token = jwt.sign({ iat: EXP_IAT }, 'k', { expiresIn: input });
    const p = decodePayload(token);
    if (p.iat !== EXP_IAT) throw new Error('iat changed unexpectedly');
    exp = p.exp;
    if (typeof exp !== 'number') throw new Error(`no numeric exp for ${JSON.stringify(input)}`);
  } catch (e) {
    if (e.message.startsWith('iat changed') || e.message.startsWith('no numeric exp')) throw e;
    error = e.message;
  }
  return { input, iat: EXP_IAT, exp, error };
}

function tokensDoc() {
  const expiresIn = EXPIRES_IN_INPUTS.map(expiresCase);
  for (const c of expiresIn) {
    if (c.exp !== null && !Number.isSafeInteger(c.exp)) {
      throw new Error(`non-safe-integer exp in main list for ${JSON.stringify(c.input)}: ${c.exp}`);
    }
  }
  return {
    generator: { node: process.version, jsonwebtoken: JWT_VERSION, ms: MS_VERSION },
    tokens: TOKEN_CASES.map(makeToken),
    expires_in: expiresIn,
    expires_in_extreme: EXPIRES_IN_EXTREME.map(expiresCase),
  };
}

const HMAC_CASES = [
  { key: 'sk_test_123', user_id: 'smokey12345' },
  { key: 'sk_test_123', user_id: 'x' },
  { key: 'k', user_id: 'a' },
  { key: 'sk_test_123', user_id: 'üser-ß-😀-日本' },
  { key: 'sk_test_123', user_id: 'a"b\\c/d<e>f&g\u2028h' },
  { key: 'k'.repeat(100), user_id: 'smokey12345' },
  { key: 'k'.repeat(64), user_id: 'smokey12345' },
  { key: 'k'.repeat(65), user_id: 'smokey12345' },
  { key: 'clé-秘密-🔑-ß', user_id: 'smokey12345' },
  { key: 'clé-秘密-🔑-ß', user_id: 'üser-ß' },
  { key: 'sk_test_123', user_id: '1b1e953f-0ebb-47ad-beab-f579bd606eb1' },
];

function hmacDoc() {
  return {
    cases: HMAC_CASES.map((c) => ({
      key: c.key,
      user_id: c.user_id,
      signature: crypto.createHmac('sha256', c.key).update(c.user_id).digest('hex'),
    })),
  };
}

// `--claim c=TEXT` values: numbers as JavaScript writes them, objects with index-like keys,
// duplicate keys, strings, and text that is not JSON at all.
const CLAIM_TEXTS = [
  // the examples
  '1.0', '1e2', '-0', '12345678901234567890',
  // more numbers: exponents where Number::toString switches form, shortest round trip, edges
  '-0.0', '0', '1', '-1', '1.5', '100', '1E2', '1e+2', '1.0e2', '0.1', '0.30000000000000004',
  '0.1000000000000000055511151231257827', '1e20', '1e21', '123456789012345680000',
  '100000000000000000000', '1000000000000000000000', '1.5e21', '-1e21', '0.000001', '0.0000001',
  '1e-7', '1.5e-7', '123e-20', '5e-324', '2.2250738585072011e-308', '2.2250738585072014e-308',
  '1.7976931348623157e308', '9007199254740991', '9007199254740992', '9007199254740993',
  '-9007199254740993', '-12345678901234567890', '18446744073709551615', '18446744073709551616',
  '9223372036854775807', '-9223372036854775808', '4.35', '0.5e-6', '123456789.123456789',
  '1e-324', '-1e-400',
  // structures: numbers inside, keys JavaScript reorders, duplicate keys
  '[1.0,2e0,-0,1e21]', '{"a":1.0,"b":[-0.0,{"c":1e2}]}',
  '{"b":1,"10":2,"2":3,"01":4,"-1":5,"4294967294":6,"4294967295":7,"1.5":8,"a":9}',
  '{"a":1,"b":2,"a":3}', '{}', '[]', ' [ 1 , {"x" : 2.50} ] ',
  // other JSON
  'true', 'false', 'null', '"text"', '"a\\"b\\u2028c\\u0001\\u00e9\\ud83d\\ude00"',
  // not JSON: taken as text
  'acme', '1.', '.5', '01', '+1', 'NaN', 'Infinity', '1e', '0x10', "{'a':1}", '[1,]',
];

// JSON that JSON.parse reads into something else than its text says.
const CLAIM_TEXTS_ALTERED = ['1e400', '-1e400', '[1e999]', '{"a":1e309}'];

const CLAIM_TOKEN = {
  key: KEY,
  scope: INBOX_SCOPE,
  tenant_scope: TENANT_SCOPE,
  tenant_id: TENANT_ID,
  iat: IAT,
  expires_in: '1h',
  jwtid: JTI,
};

function claimValue(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return text;
  }
}

function claimsDoc() {
  const c = CLAIM_TOKEN;
  const written = CLAIM_TEXTS.map((text) => {
    const value = claimValue(text);
    const payload = { scope: c.scope, tenant_scope: c.tenant_scope, tenant_id: c.tenant_id, c: value, iat: c.iat };
    const token = jwt.sign(payload, c.key, { algorithm: 'HS256', expiresIn: c.expires_in, jwtid: c.jwtid });
    const claims = Buffer.from(token.split('.')[1], 'base64url').toString('utf8');
    const expected = `,"c":${JSON.stringify(value)},"iat":`;
    if (!claims.includes(expected)) throw new Error(`claim not written as JSON.stringify for ${text}`);
    return { text, value_json: JSON.stringify(value), token };
  });
  const altered = CLAIM_TEXTS_ALTERED.map((text) => ({ text, value_json: JSON.stringify(JSON.parse(text)) }));
  return {
    generator: { node: process.version, jsonwebtoken: JWT_VERSION },
    claim: c,
    written,
    altered,
  };
}

const mode = process.argv[2] || 'tokens';
let doc;
if (mode === 'tokens') doc = tokensDoc();
else if (mode === 'hmac') doc = hmacDoc();
else if (mode === 'claims') doc = claimsDoc();
else {
  process.stderr.write(`usage: node scripts/node-vectors.js [tokens|hmac|claims]\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
