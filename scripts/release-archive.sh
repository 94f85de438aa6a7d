#!/usr/bin/env bash
# Packs one target's release archive into OUTDIR: courier-token-vVERSION-TARGET.tar.gz (.zip for
# Windows) holding one directory of the same name with the binary, the man pages, the
# completion scripts, README.md, CHANGELOG.md and LICENSE. The name and layout are what
# `[package.metadata.binstall]` in Cargo.toml and scripts/homebrew-formula.sh expect.
# Usage: scripts/release-archive.sh TARGET BINARY OUTDIR   (prints the archive's path)
set -euo pipefail
target="${1:?usage: scripts/release-archive.sh TARGET BINARY OUTDIR}"
binary="${2:?usage: scripts/release-archive.sh TARGET BINARY OUTDIR}"
out="${3:?usage: scripts/release-archive.sh TARGET BINARY OUTDIR}"
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$(dirname "$0")/.."
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
name="courier-token-v$version-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name"
cp -R man completions README.md CHANGELOG.md LICENSE "$stage/$name/"
case "$target" in
  *windows*)
    cp "$binary" "$stage/$name/courier-token.exe"
    rm -f "$out/$name.zip"
    if command -v 7z > /dev/null; then
      (cd "$stage" && 7z a -tzip -bso0 "$out/$name.zip" "$name")
    else
      (cd "$stage" && zip -qr "$out/$name.zip" "$name")
    fi
    echo "$out/$name.zip"
    ;;
  *)
    cp "$binary" "$stage/$name/courier-token"
    chmod 755 "$stage/$name/courier-token"
    tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
    echo "$out/$name.tar.gz"
    ;;
esac
