'use strict';
// courier-token's JavaScript API (CommonJS; index.mjs is the same for ESM).

const { startServe } = require('./lib/serve.js');
const { resolveBinary } = require('./lib/resolve.js');

/** The path of the courier-token binary this package runs (COURIER_TOKEN_BINARY wins). */
function binaryPath() {
  return resolveBinary().path;
}

module.exports = { startServe, binaryPath };
