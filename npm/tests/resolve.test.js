'use strict';
// The wrapper's resolution of the binary: the platform package found (through a real
// node_modules tree and require.resolve), the COURIER_TOKEN_BINARY override, glibc and musl
// told apart, and the one-line errors when nothing matches.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const { wrapper } = require('./helpers.js');
const { BinaryNotFound, candidatePlatforms, linuxLibc, resolveBinary } = require(path.join(wrapper, 'lib', 'resolve.js'));
const { PLATFORMS } = require(path.join(wrapper, 'lib', 'platforms.js'));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-token-resolve-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A project whose node_modules holds the given platform packages; its require.resolve. */
function projectWith(suffixes) {
  const project = fs.mkdtempSync(path.join(scratch, 'project-'));
  for (const suffix of suffixes) {
    const platform = PLATFORMS.find((candidate) => candidate.suffix === suffix);
    const directory = path.join(project, 'node_modules', ...platform.package.split('/'));
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(path.join(directory, 'package.json'), JSON.stringify({ name: platform.package, version: '1.0.0' }));
    const executable = platform.os === 'win32' ? 'courier-token.exe' : 'courier-token';
    fs.writeFileSync(path.join(directory, executable), '');
  }
  return { project, resolve: createRequire(path.join(project, 'package.json')).resolve };
}

const glibcLinux = { os: 'linux', cpu: 'x64', libc: 'glibc' };

test('the platform package for this machine is found with require.resolve', () => {
  const { project, resolve } = projectWith(['linux-x64', 'linux-x64-musl', 'darwin-arm64', 'win32-x64']);
  const found = resolveBinary({ host: glibcLinux, env: {}, resolve });
  assert.equal(found.source, '@courier-token/cli-linux-x64');
  assert.equal(found.path, path.join(project, 'node_modules', '@courier-token', 'cli-linux-x64', 'courier-token'));
  const mac = resolveBinary({ host: { os: 'darwin', cpu: 'arm64' }, env: {}, resolve });
  assert.equal(mac.source, '@courier-token/cli-darwin-arm64');
});

test('Windows runs courier-token.exe', () => {
  const { project, resolve } = projectWith(['win32-x64']);
  const found = resolveBinary({ host: { os: 'win32', cpu: 'x64' }, env: {}, resolve });
  assert.equal(found.path, path.join(project, 'node_modules', '@courier-token', 'cli-win32-x64', 'courier-token.exe'));
});

test('musl Linux takes the musl package, glibc Linux falls back to it, never the other way', () => {
  const { resolve } = projectWith(['linux-x64', 'linux-x64-musl']);
  const musl = resolveBinary({ host: { os: 'linux', cpu: 'x64', libc: 'musl' }, env: {}, resolve });
  assert.equal(musl.source, '@courier-token/cli-linux-x64-musl');
  const { resolve: onlyMusl } = projectWith(['linux-x64-musl']);
  assert.equal(resolveBinary({ host: glibcLinux, env: {}, resolve: onlyMusl }).source, '@courier-token/cli-linux-x64-musl');
  const { resolve: onlyGlibc } = projectWith(['linux-x64']);
  assert.throws(() => resolveBinary({ host: { os: 'linux', cpu: 'x64', libc: 'musl' }, env: {}, resolve: onlyGlibc }), BinaryNotFound);
  assert.deepEqual(candidatePlatforms({ os: 'linux', cpu: 'arm64', libc: 'glibc' }).map((p) => p.suffix), ['linux-arm64', 'linux-arm64-musl']);
});

test('glibc is told from musl by the process report, as Biome and turbo do', () => {
  const report = (header) => ({ getReport: () => ({ header }) });
  assert.equal(linuxLibc(report({ glibcVersionRuntime: '2.36' })), 'glibc');
  assert.equal(linuxLibc(report({})), 'musl');
  if (process.platform === 'linux') assert.equal(linuxLibc(), process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl');
});

test('COURIER_TOKEN_BINARY wins over the platform package', () => {
  const { resolve } = projectWith(['linux-x64']);
  const found = resolveBinary({ host: glibcLinux, env: { COURIER_TOKEN_BINARY: __filename }, resolve });
  assert.deepEqual(found, { path: __filename, source: 'COURIER_TOKEN_BINARY' });
  // Even on a platform without a package.
  const aix = resolveBinary({ host: { os: 'aix', cpu: 'ppc64' }, env: { COURIER_TOKEN_BINARY: __filename }, resolve });
  assert.equal(aix.path, __filename);
});

test('a COURIER_TOKEN_BINARY that does not exist is named, not run', () => {
  const missing = path.join(os.tmpdir(), 'no-such-courier-token');
  assert.throws(
    () => resolveBinary({ host: glibcLinux, env: { COURIER_TOKEN_BINARY: missing }, resolve: () => __filename }),
    (error) => error instanceof BinaryNotFound && error.message.includes(JSON.stringify(missing)) && error.message.includes('does not exist') && !error.message.includes('\n'),
  );
});

test('no package for the platform: one line naming it and the fix', () => {
  const { resolve } = projectWith(['linux-x64']);
  for (const host of [{ os: 'freebsd', cpu: 'x64' }, { os: 'linux', cpu: 'ia32', libc: 'glibc' }, { os: 'win32', cpu: 'arm64' }]) {
    assert.throws(
      () => resolveBinary({ host, env: {}, resolve }),
      (error) => {
        assert.ok(error instanceof BinaryNotFound);
        assert.ok(!error.message.includes('\n'), error.message);
        assert.match(error.message, new RegExp(`no prebuilt binary for ${host.os} ${host.cpu}`));
        assert.match(error.message, /cargo install --locked courier-token/);
        assert.match(error.message, /COURIER_TOKEN_BINARY/);
        return true;
      },
    );
  }
});

test('a supported platform whose optional package was left out: says how to reinstall', () => {
  const { resolve } = projectWith(['darwin-arm64']);
  assert.throws(
    () => resolveBinary({ host: glibcLinux, env: {}, resolve }),
    (error) => {
      assert.ok(!error.message.includes('\n'), error.message);
      assert.match(error.message, /for linux x64 \(glibc\) is not installed \(@courier-token\/cli-linux-x64/);
      assert.match(error.message, /npm install --include=optional courier-token/);
      return true;
    },
  );
});
