'use strict';
// End to end, as a user gets it: scripts/npm-pack.sh packs the built binary, the tarballs are
// installed OFFLINE with --ignore-scripts into an empty project (a fresh npm cache and an
// unreachable registry, so nothing can be fetched), then `npx courier-token` mints tokens
// byte-identical to the binary's own, and startServe() runs from ESM and from CommonJS.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { root, builtBinary, cleanEnv, NO_BINARY } = require('./helpers.js');

const binary = builtBinary();
const skip = process.platform === 'win32' ? 'the pack script is bash (Unix)' : binary ? false : NO_BINARY;
const NOW = '1714564800';

/** The binary to pack: a stripped copy of a debug build, so packing and unpacking stay quick. */
function binaryToPack(work) {
  const copy = path.join(work, 'courier-token');
  const strip = spawnSync('strip', ['-o', copy, binary]);
  if (strip.status !== 0) fs.copyFileSync(binary, copy);
  return copy;
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stderr}`);
  return result;
}

test('packed, installed offline without scripts, run with npx and startServe()', { skip, timeout: 180_000 }, async (t) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-token-e2e-'));
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const out = path.join(work, 'out');
  const packed = run('bash', [path.join(root, 'scripts', 'npm-pack.sh'), out], {
    env: cleanEnv({ COURIER_TOKEN_BIN: binaryToPack(work) }),
  });
  const tarballs = packed.stdout.trim().split('\n');
  const version = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
  assert.deepEqual(tarballs.map((file) => path.basename(file)).sort(), [`courier-token-${version}.tgz`, `courier-token-cli-${process.platform}-${process.arch}-${version}.tgz`].sort());

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "e2e", "private": true }\n');
  const npmEnv = cleanEnv({ npm_config_cache: path.join(work, 'cache'), npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true', npm_config_update_notifier: 'false' });
  run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', ...tarballs], { cwd: project, env: npmEnv });

  const installed = path.join(project, 'node_modules', '@courier-token', `cli-${process.platform}-${process.arch}`, 'courier-token');
  assert.ok(fs.statSync(installed).mode & 0o100, 'the binary keeps its executable bit');
  for (const name of ['courier-token', path.join('@courier-token', `cli-${process.platform}-${process.arch}`)]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8'));
    assert.equal(manifest.scripts, undefined, `${name} has no scripts`);
    assert.equal(manifest.version, version);
  }

  const npx = (args, env, input) => run('npx', ['--offline', 'courier-token', ...args], { cwd: project, env: { ...npmEnv, ...env }, input });
  assert.equal(npx(['--version']).stdout, run(binary, ['--version']).stdout);

  // The same bytes through the wrapper as from the binary: one token, and a bulk run on stdin.
  const keyEnv = { COURIER_API_KEY: 'sk_test_e2e_parity' };
  const single = ['issue', '--user-id', 'smokey12345', '--expires-in', '2 days', '--now', NOW, '--jti', 'e2e-jti'];
  const viaNpx = npx(single, keyEnv).stdout;
  assert.match(viaNpx, /^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  assert.equal(viaNpx, run(binary, single, { env: cleanEnv(keyEnv) }).stdout);
  const bulk = ['issue', '--user-ids-from', '-', '--now', NOW, '--jti', '{user_id}'];
  const ids = 'alice\nbob\ncarol\n';
  const bulkViaNpx = npx(bulk, keyEnv, ids).stdout;
  assert.equal(bulkViaNpx.split('\n').filter(Boolean).length, 3);
  assert.equal(bulkViaNpx, run(binary, bulk, { env: cleanEnv(keyEnv), input: ids }).stdout);

  // startServe() as a test suite imports it, ESM and CommonJS, with no override set.
  const probe = `
    const serve = await startServe({ apiKey: 'sk_test_e2e_serve', log: 'quiet' });
    const answer = await fetch(serve.baseUrl + '/auth/issue-token', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + serve.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'user_id:u inbox:read:messages', expires_in: '1 day' }),
    });
    await serve.stop();
    console.log(JSON.stringify({ status: answer.status, binary: binaryPath() }));`;
  fs.writeFileSync(path.join(project, 'probe.mjs'), `import { startServe, binaryPath } from 'courier-token';\n${probe}\n`);
  fs.writeFileSync(path.join(project, 'probe.cjs'), `const { startServe, binaryPath } = require('courier-token');\n(async () => {${probe}\n})();\n`);
  for (const file of ['probe.mjs', 'probe.cjs']) {
    const result = JSON.parse(run(process.execPath, [file], { cwd: project, env: cleanEnv() }).stdout);
    assert.equal(result.status, 200, file);
    assert.equal(fs.realpathSync(result.binary), fs.realpathSync(installed), file);
  }
});
