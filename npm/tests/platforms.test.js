'use strict';
// One table of platforms: the wrapper's optionalDependencies and the release workflow's build
// matrix name exactly the packages of npm/courier-token/lib/platforms.js.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, wrapper } = require('./helpers.js');
const { PLATFORMS } = require(path.join(wrapper, 'lib', 'platforms.js'));

test('the wrapper lists every platform package as an optional dependency, and only those', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(wrapper, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.optionalDependencies).sort(), PLATFORMS.map((p) => p.package).sort());
  assert.equal(manifest.scripts, undefined, 'no install scripts anywhere');
});

test('the release workflow builds each platform package from its target', () => {
  const workflow = fs.readFileSync(path.join(root, '.github', 'workflows', 'release.yml'), 'utf8');
  const built = [...workflow.matchAll(/target: (\S+)\s+npm: (\S+)/g)].map(([, target, suffix]) => ({ target, suffix }));
  assert.deepEqual(
    built.sort((a, b) => a.suffix.localeCompare(b.suffix)),
    PLATFORMS.map(({ target, suffix }) => ({ target, suffix })).sort((a, b) => a.suffix.localeCompare(b.suffix)),
  );
});
