'use strict';
// The prebuilt binaries courier-token publishes, one npm package each (Biome's pattern): the
// one table the wrapper's resolution, scripts/npm-stage.js (each platform package's
// package.json) and the release workflow's matrix (held equal by npm/tests/platforms.test.js)
// read. `target` is the Rust target triple each binary is built for.

const SCOPE = '@courier-token';

const PLATFORMS = [
  { suffix: 'linux-x64', os: 'linux', cpu: 'x64', libc: 'glibc', target: 'x86_64-unknown-linux-gnu' },
  { suffix: 'linux-x64-musl', os: 'linux', cpu: 'x64', libc: 'musl', target: 'x86_64-unknown-linux-musl' },
  { suffix: 'linux-arm64', os: 'linux', cpu: 'arm64', libc: 'glibc', target: 'aarch64-unknown-linux-gnu' },
  { suffix: 'linux-arm64-musl', os: 'linux', cpu: 'arm64', libc: 'musl', target: 'aarch64-unknown-linux-musl' },
  { suffix: 'darwin-x64', os: 'darwin', cpu: 'x64', target: 'x86_64-apple-darwin' },
  { suffix: 'darwin-arm64', os: 'darwin', cpu: 'arm64', target: 'aarch64-apple-darwin' },
  { suffix: 'win32-x64', os: 'win32', cpu: 'x64', target: 'x86_64-pc-windows-msvc' },
].map((platform) => ({ ...platform, package: `${SCOPE}/cli-${platform.suffix}` }));

/** The executable's file name inside a platform package. */
function binaryName(os) {
  return os === 'win32' ? 'courier-token.exe' : 'courier-token';
}

module.exports = { PLATFORMS, binaryName };
