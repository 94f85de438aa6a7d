'use strict';
// The release's own scripts, run here as the workflow runs them: an archive is named and laid
// out where Cargo.toml's binstall metadata looks, and the Homebrew formula takes each sum from
// SHA256SUMS (and refuses to be written without one).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('./helpers.js');

const skip = process.platform === 'win32' ? 'the release scripts are bash, run on Linux' : false;
const manifest = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const version = manifest.match(/^version = "(.+)"/m)[1];

/** A binstall template of Cargo.toml, expanded for courier-token at this version. */
function binstall(key, target) {
  const section = manifest.split('[package.metadata.binstall]')[1];
  const template = section.match(new RegExp(`^${key} = "(.+)"`, 'm'))[1];
  return template
    .replaceAll('{ repo }', 'https://github.com/o/r')
    .replaceAll('{ version }', version)
    .replaceAll('{ name }', 'courier-token')
    .replaceAll('{ bin }', 'courier-token')
    .replaceAll('{ target }', target)
    .replaceAll('{ binary-ext }', '');
}

function bash(script, args) {
  return spawnSync('bash', [path.join(root, 'scripts', script), ...args], { encoding: 'utf8' });
}

test('an archive is where cargo binstall looks, with the binary where it expects', { skip }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-token-archive-'));
  const target = 'x86_64-unknown-linux-gnu';
  const fakeBinary = path.join(work, 'built');
  fs.writeFileSync(fakeBinary, '#!/bin/sh\n');
  const made = bash('release-archive.sh', [target, fakeBinary, path.join(work, 'dist')]);
  assert.equal(made.status, 0, made.stderr);
  const archive = made.stdout.trim();
  assert.equal(path.basename(archive), path.basename(binstall('pkg-url', target)));
  const listing = spawnSync('tar', ['-tvzf', archive], { encoding: 'utf8' }).stdout;
  const binaryEntry = listing.split('\n').find((line) => line.endsWith(` ${binstall('bin-dir', target)}`));
  assert.ok(binaryEntry, listing);
  assert.match(binaryEntry, /^-rwxr-xr-x/);
  for (const file of ['man/courier-token.1', 'man/courier-token-serve.1', 'completions/courier-token.bash', 'LICENSE', 'README.md']) {
    assert.ok(listing.includes(`courier-token-v${version}-${target}/${file}`), file);
  }
  fs.rmSync(work, { recursive: true, force: true });
});

test('the Homebrew formula takes each archive\'s sum from SHA256SUMS, and needs them all', { skip }, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-token-formula-'));
  const targets = ['aarch64-apple-darwin', 'x86_64-apple-darwin', 'aarch64-unknown-linux-musl', 'x86_64-unknown-linux-musl'];
  const sums = targets.map((target, index) => `${String(index + 1).repeat(64)}  courier-token-v${version}-${target}.tar.gz`);
  fs.writeFileSync(path.join(work, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  const formula = bash('homebrew-formula.sh', [version, 'o/r', path.join(work, 'SHA256SUMS')]);
  assert.equal(formula.status, 0, formula.stderr);
  targets.forEach((target, index) => {
    const url = `url "https://github.com/o/r/releases/download/v${version}/courier-token-v${version}-${target}.tar.gz"\n      sha256 "${String(index + 1).repeat(64)}"`;
    assert.ok(formula.stdout.includes(url), url);
  });
  fs.writeFileSync(path.join(work, 'SHA256SUMS'), `${sums.slice(1).join('\n')}\n`);
  const missing = bash('homebrew-formula.sh', [version, 'o/r', path.join(work, 'SHA256SUMS')]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /no SHA-256 for courier-token-v.*-aarch64-apple-darwin\.tar\.gz/);
  fs.rmSync(work, { recursive: true, force: true });
});
