'use strict';
// Which courier-token binary to run: COURIER_TOKEN_BINARY when it is set, else the binary of
// the platform package installed for this machine (an optional dependency, found with
// require.resolve as Biome and turbo find theirs). Nothing is downloaded: no install script
// runs, so installs work offline, behind proxies and with --ignore-scripts.

const fs = require('node:fs');
const { PLATFORMS, binaryName } = require('./platforms.js');

const OVERRIDE = 'COURIER_TOKEN_BINARY';

/** A one-line error for the user: what is missing and how to fix it. */
class BinaryNotFound extends Error {
  constructor(message) {
    super(message);
    this.name = 'BinaryNotFound';
    this.code = 'COURIER_TOKEN_BINARY_NOT_FOUND';
  }
}

/**
 * The C library of this Linux system, as Biome and turbo tell them apart: Node's process report
 * names the glibc it runs on (`glibcVersionRuntime`), and has no such field on musl (Alpine).
 */
function linuxLibc(report = process.report) {
  const header = report && typeof report.getReport === 'function' ? report.getReport().header : undefined;
  return header && header.glibcVersionRuntime ? 'glibc' : 'musl';
}

let thisHost;

/** This machine as the platform table names it (the report is read once: it takes ~15 ms). */
function currentHost() {
  if (!thisHost) {
    thisHost = { os: process.platform, cpu: process.arch };
    if (thisHost.os === 'linux') thisHost.libc = linuxLibc();
  }
  return thisHost;
}

/**
 * The platform packages that can run on `host`, best first. A glibc Linux can also run the
 * static musl binary, so it is the fallback there; musl systems cannot run the glibc one.
 */
function candidatePlatforms(host) {
  const matching = PLATFORMS.filter((platform) => platform.os === host.os && platform.cpu === host.cpu);
  if (host.os !== 'linux') return matching;
  const libcOrder = host.libc === 'musl' ? ['musl'] : ['glibc', 'musl'];
  return libcOrder.flatMap((libc) => matching.filter((platform) => platform.libc === libc));
}

function describeHost(host) {
  return host.libc ? `${host.os} ${host.cpu} (${host.libc})` : `${host.os} ${host.cpu}`;
}

const SUPPORTED = 'linux x64/arm64 (glibc or musl), darwin x64/arm64, win32 x64';

/**
 * Where the binary to run is, as `{ path, source }` (`source`: the override's name or the
 * platform package). Throws BinaryNotFound with a one-line message naming the platform and
 * the fix. `host`, `env` and `resolve` are this process's unless given (the tests give them).
 */
function resolveBinary({ host = currentHost(), env = process.env, resolve = require.resolve } = {}) {
  const override = env[OVERRIDE];
  if (override) {
    if (!fs.existsSync(override)) {
      throw new BinaryNotFound(`${OVERRIDE} is ${JSON.stringify(override)}, which does not exist; set it to a courier-token binary or unset it`);
    }
    return { path: override, source: OVERRIDE };
  }
  const candidates = candidatePlatforms(host);
  if (candidates.length === 0) {
    throw new BinaryNotFound(
      `no prebuilt binary for ${describeHost(host)} (there are: ${SUPPORTED}); build one with "cargo install --locked courier-token" and set ${OVERRIDE} to its path`,
    );
  }
  for (const platform of candidates) {
    try {
      return { path: resolve(`${platform.package}/${binaryName(platform.os)}`), source: platform.package };
    } catch (error) {
      if (error && error.code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  throw new BinaryNotFound(
    `the binary for ${describeHost(host)} is not installed (${candidates[0].package}, an optional dependency, was left out: --omit=optional, --no-optional, or a lock file made on another platform); reinstall with "npm install --include=optional courier-token", or set ${OVERRIDE} to a courier-token binary`,
  );
}

module.exports = { BinaryNotFound, OVERRIDE, candidatePlatforms, currentHost, linuxLibc, resolveBinary };
