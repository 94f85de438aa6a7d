#!/usr/bin/env bash
# The project's speed benchmark. Builds the release binary and a hello-world reference, makes
# 1 000 000 user ids, and prints, each next to a reference measured in this same run:
#   - one `courier-token issue --user-id u` process vs a hello-world Rust binary (median wall time)
#   - bulk issue / verify / hmac-sign of 1 000 000 lines: lines per second and peak RSS
#   - OpenSSL's one-core HMAC-SHA256 rate on 256-byte messages (the physical limit per core)
# Usage: scripts/bench.sh [RUNS]   (RUNS single-invocation samples each, default 200)
# Needs: cargo and rustc. Uses GNU time (/usr/bin/time) for peak RSS and openssl for the HMAC
# reference when they are installed, and says so when they are not.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin="$PWD/target/release/courier-token"
printf 'fn main() { println!("hello"); }\n' > "$work/hello.rs"
rustc -O -o "$work/hello" "$work/hello.rs"
seq -f 'user-%07g' 1 1000000 > "$work/ids.txt"
export COURIER_API_KEY=sk_bench_key_0123456789

median_ms() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m * 1000 }'; }

# Single invocations, interleaved so drift hits both alike. $EPOCHREALTIME costs no fork.
: > "$work/hello.times"; : > "$work/issue.times"
for ((i = 0; i < runs; i++)); do
  t0=$EPOCHREALTIME; "$work/hello" > /dev/null; t1=$EPOCHREALTIME
  echo "$t1 - $t0" | awk '{ print $1 - $3 }' >> "$work/hello.times"
  t0=$EPOCHREALTIME; "$bin" issue --user-id u > /dev/null; t1=$EPOCHREALTIME
  echo "$t1 - $t0" | awk '{ print $1 - $3 }' >> "$work/issue.times"
done
hello_ms=$(median_ms < "$work/hello.times")
issue_ms=$(median_ms < "$work/issue.times")
echo "single invocation: courier-token issue ${issue_ms} ms, hello-world ${hello_ms} ms (median of $runs) -> ratio $(awk -v a="$issue_ms" -v b="$hello_ms" 'BEGIN { printf "%.2f", a / b }')x"

# Bulk runs: wall seconds and peak RSS.
run_bulk() { # name, input file, output file, command...
  local name="$1" input="$2" output="$3"; shift 3
  local t0 t1 rss="n/a"
  t0=$EPOCHREALTIME
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/rss" "$@" < "$input" > "$output"
    rss="$(( $(cat "$work/rss") / 1024 )) MiB"
  else
    "$@" < "$input" > "$output"
  fi
  t1=$EPOCHREALTIME
  local seconds; seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  local rate; rate=$(awk -v s="$seconds" 'BEGIN { printf "%.0f", 1000000 / s }')
  echo "$name: 1000000 lines in ${seconds} s = ${rate}/s, peak RSS ${rss}" >&2
  echo "$rate"
}
issue_rate=$(run_bulk "bulk issue    " /dev/null "$work/tokens.txt" "$bin" issue --user-ids-from "$work/ids.txt")
verify_rate=$(run_bulk "bulk verify   " "$work/tokens.txt" "$work/verdicts.txt" "$bin" verify)
hmac_rate=$(run_bulk "bulk hmac-sign" /dev/null "$work/signatures.txt" "$bin" hmac-sign --user-ids-from "$work/ids.txt")

if command -v openssl > /dev/null; then
  bytes_per_s=$(openssl speed -seconds 3 -bytes 256 -hmac sha256 2>/dev/null | awk '/^hmac\(sha256\)/ { v = $2; sub(/k$/, "", v); print v * 1000 }')
  hmac_limit=$(awk -v b="$bytes_per_s" 'BEGIN { printf "%.0f", b / 256 }')
  echo "reference: openssl one-core HMAC-SHA256 of 256 bytes: ${hmac_limit}/s"
  echo "bulk issue   = $(awk -v a="$issue_rate" -v b="$hmac_limit" 'BEGIN { printf "%.2f", a / b }')x the one-core HMAC limit (target >= 0.55x)"
  echo "bulk verify  = $(awk -v a="$verify_rate" -v b="$hmac_limit" 'BEGIN { printf "%.2f", a / b }')x the one-core HMAC limit"
  echo "bulk hmac    = $(awk -v a="$hmac_rate" -v b="$hmac_limit" 'BEGIN { printf "%.2f", a / b }')x the one-core HMAC limit"
else
  echo "reference: openssl not installed; no HMAC limit measured"
fi
echo "targets: issue >= 2000000/s, verify >= 1500000/s, hmac-sign >= 3000000/s, single invocation <= 1.5x hello-world"
