#!/usr/bin/env node
// Stages and packs the npm packages (called by scripts/npm-pack.sh): the wrapper `courier-token`
// from npm/courier-token/ and one platform package from a built binary, each with the version
// of Cargo.toml (the wrapper's optionalDependencies pinned to it), packed with `npm pack` into
// OUTDIR. Usage: node scripts/npm-stage.js OUTDIR BINARY [PLATFORM]; PLATFORM is a suffix of
// npm/courier-token/lib/platforms.js (linux-x64, win32-x64, ...), this machine's by default.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const wrapperSource = path.join(root, 'npm', 'courier-token');
const { PLATFORMS, binaryName } = require(path.join(wrapperSource, 'lib', 'platforms.js'));
const { candidatePlatforms, currentHost } = require(path.join(wrapperSource, 'lib', 'resolve.js'));

function die(message) {
  process.stderr.write(`npm-stage: ${message}\n`);
  process.exit(2);
}

/** The [package] version of Cargo.toml. */
function cargoVersion() {
  const manifest = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const section = manifest.split(/^\[/m).find((part) => part.startsWith('package]'));
  const match = section && section.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) die('no version in the [package] section of Cargo.toml');
  return match[1];
}

/** The repository field npm's provenance wants, when known (GitHub Actions sets it). */
function repository() {
  const slug = process.env.GITHUB_REPOSITORY;
  return slug ? { type: 'git', url: `git+https://github.com/${slug}.git` } : undefined;
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function pack(directory, outDir) {
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], {
    cwd: directory,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return path.join(outDir, JSON.parse(output)[0].filename);
}

function stageWrapper(stage, version) {
  const directory = path.join(stage, 'courier-token');
  fs.cpSync(wrapperSource, directory, { recursive: true });
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(directory, 'LICENSE'));
  const manifestPath = path.join(directory, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.version = version;
  manifest.optionalDependencies = Object.fromEntries(PLATFORMS.map((platform) => [platform.package, version]));
  if (repository()) manifest.repository = repository();
  writeJson(manifestPath, manifest);
  return directory;
}

function stagePlatform(stage, version, platform, binary) {
  const directory = path.join(stage, `cli-${platform.suffix}`);
  fs.mkdirSync(directory, { recursive: true });
  const executable = binaryName(platform.os);
  const label = platform.libc ? `${platform.os} ${platform.cpu} (${platform.libc})` : `${platform.os} ${platform.cpu}`;
  const manifest = {
    name: platform.package,
    version,
    description: `The courier-token binary for ${label}; install courier-token, which picks it`,
    license: 'MIT',
    repository: repository(),
    os: [platform.os],
    cpu: [platform.cpu],
    libc: platform.libc ? [platform.libc] : undefined,
    files: [executable],
    preferUnplugged: true,
  };
  writeJson(path.join(directory, 'package.json'), manifest);
  const readme = fs.readFileSync(path.join(root, 'npm', 'platform', 'README.md'), 'utf8');
  fs.writeFileSync(path.join(directory, 'README.md'), readme.replaceAll('{package}', platform.package).replaceAll('{platform}', label));
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(directory, 'LICENSE'));
  fs.copyFileSync(binary, path.join(directory, executable));
  fs.chmodSync(path.join(directory, executable), 0o755);
  return directory;
}

function main() {
  const [outArg, binaryArg, suffix] = process.argv.slice(2);
  if (!outArg || !binaryArg) die('usage: node scripts/npm-stage.js OUTDIR BINARY [PLATFORM]');
  if (!fs.existsSync(binaryArg)) die(`no binary at ${binaryArg}`);
  const platform = suffix
    ? PLATFORMS.find((candidate) => candidate.suffix === suffix)
    : candidatePlatforms(currentHost())[0];
  if (!platform) {
    die(suffix ? `unknown platform ${suffix}; one of ${PLATFORMS.map((p) => p.suffix).join(', ')}` : 'this machine has no platform package; give PLATFORM');
  }
  const outDir = path.resolve(outArg);
  fs.mkdirSync(outDir, { recursive: true });
  const version = cargoVersion();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-token-npm-'));
  try {
    const tarballs = [
      pack(stagePlatform(stage, version, platform, binaryArg), outDir),
      pack(stageWrapper(stage, version), outDir),
    ];
    for (const tarball of tarballs) process.stdout.write(`${tarball}\n`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

main();
