'use strict';
// `npx courier-token` (bin/courier-token.js): arguments, stdin, stdout, stderr and the exit code
// pass through unchanged, a binary killed by a signal kills the wrapper with it, SIGTERM and
// SIGINT sent to the wrapper reach the binary, and no binary is one line with exit 2.

const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');
const { spawn, spawnSync } = require('node:child_process');
const { wrapper, fixtures, builtBinary, cleanEnv, NO_BINARY } = require('./helpers.js');

const bin = path.join(wrapper, 'bin', 'courier-token.js');
const scriptsRun = process.platform !== 'win32' ? false : 'a script cannot stand in for an .exe on Windows';
const binary = builtBinary();

function viaWrapper(args, env, input) {
  return spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8' });
}

test('arguments, stdin, stdout, stderr and the exit code pass through', { skip: scriptsRun }, () => {
  const env = cleanEnv({ COURIER_TOKEN_BINARY: path.join(fixtures, 'exit-as.js'), EXIT_AS: '3' });
  const result = viaWrapper(['issue', 'two words', '--flag=x'], env, 'from stdin\n');
  assert.equal(result.status, 3);
  assert.equal(result.stdout, '["issue","two words","--flag=x"]\n');
  assert.equal(result.stderr, 'from stdin\n');
});

test('a binary killed by a signal kills the wrapper with the same signal', { skip: scriptsRun }, () => {
  const env = cleanEnv({ COURIER_TOKEN_BINARY: path.join(fixtures, 'exit-as.js'), EXIT_AS: 'SIGKILL' });
  const result = viaWrapper([], env, '');
  assert.equal(result.status, null);
  assert.equal(result.signal, 'SIGKILL');
});

test('no binary for this machine: one line on stderr, exit 2', () => {
  const result = viaWrapper(['--version'], cleanEnv(), '');
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], /^courier-token: (the binary for .* is not installed|no prebuilt binary for)/);
  assert.match(lines[0], /COURIER_TOKEN_BINARY/);
});

test('a negative answer is the same through the wrapper as from the binary', { skip: binary ? false : NO_BINARY }, () => {
  const minted = spawnSync(binary, ['issue', '--user-id', 'u', '--now', '1714564800', '--jti', 'j'], {
    env: cleanEnv({ COURIER_API_KEY: 'sk_test_one' }),
    encoding: 'utf8',
  });
  assert.equal(minted.status, 0, minted.stderr);
  const args = ['verify', '--now', '1714564800', minted.stdout.trim()];
  const env = cleanEnv({ COURIER_API_KEY: 'sk_test_other' });
  const direct = spawnSync(binary, args, { env, encoding: 'utf8' });
  const wrapped = viaWrapper(args, { ...env, COURIER_TOKEN_BINARY: binary });
  assert.equal(direct.status, 1);
  assert.deepEqual([wrapped.status, wrapped.stdout, wrapped.stderr], [direct.status, direct.stdout, direct.stderr]);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  test(`${signal} sent to the wrapper stops serve cleanly`, { skip: process.platform === 'win32' || !binary ? 'needs a built binary, on Unix' : false }, async () => {
    const env = cleanEnv({ COURIER_TOKEN_BINARY: binary, COURIER_API_KEY: 'sk_test_signals' });
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--json', '--log', 'quiet'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    const first = await new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', resolve));
    const port = Number(new URL(JSON.parse(first).base_url).port);
    const exited = new Promise((resolve) => child.once('exit', (code, signalCode) => resolve({ code, signalCode })));
    child.kill(signal);
    assert.deepEqual(await exited, { code: 0, signalCode: null });
    // serve has exited too: nothing listens on its port any more.
    const refused = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(false); });
      socket.once('error', (error) => resolve(error.code === 'ECONNREFUSED'));
    });
    assert.ok(refused, `port ${port} still accepts connections`);
  });
}
