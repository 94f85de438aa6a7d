'use strict';
// What the npm tests share: the repository's paths and the courier-token binary they run.

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const wrapper = path.join(root, 'npm', 'courier-token');
const fixtures = path.join(__dirname, 'fixtures');

/**
 * The built binary the tests run: COURIER_TOKEN_BIN (what .ci/run passes), else the debug
 * build in the target directory; null when there is none (those tests are skipped).
 */
function builtBinary() {
  if (process.env.COURIER_TOKEN_BIN) return path.resolve(root, process.env.COURIER_TOKEN_BIN);
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
  const debug = path.join(targetDir, 'debug', process.platform === 'win32' ? 'courier-token.exe' : 'courier-token');
  return fs.existsSync(debug) ? debug : null;
}

/** The environment with nothing of courier-token's own set, plus `extra`. */
function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of ['COURIER_TOKEN_BINARY', 'COURIER_API_KEY', 'COURIER_AUTH_TOKEN', 'COURIER_TOKEN_BIN']) delete env[name];
  return { ...env, ...extra };
}

const NO_BINARY = 'no built courier-token (set COURIER_TOKEN_BIN or run cargo build)';

module.exports = { root, wrapper, fixtures, builtBinary, cleanEnv, NO_BINARY };
