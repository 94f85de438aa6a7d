#!/usr/bin/env bash
# Packs the npm packages into OUTDIR as .tgz files ready for `npm publish`: the platform package
# for this machine (or COURIER_TOKEN_PLATFORM, e.g. linux-arm64-musl) holding the release binary,
# and the wrapper `courier-token`, both at Cargo.toml's version. Prints the tarballs' paths.
# Usage: [COURIER_TOKEN_BIN=path] [COURIER_TOKEN_PLATFORM=suffix] scripts/npm-pack.sh OUTDIR
# COURIER_TOKEN_BIN packs an already built binary instead of building the release one (the
# tests pack the debug build; the release workflow packs each target's binary).
set -euo pipefail
out="${1:?usage: scripts/npm-pack.sh OUTDIR}"
cd "$(dirname "$0")/.."
bin="${COURIER_TOKEN_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release --locked --quiet
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/courier-token"
fi
exec node scripts/npm-stage.js "$out" "$bin" ${COURIER_TOKEN_PLATFORM:+"$COURIER_TOKEN_PLATFORM"}
