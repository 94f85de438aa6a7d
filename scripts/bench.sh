#!/usr/bin/env bash
# The project's speed benchmark. Builds the release binary, a hello-world reference and the HMAC
# limit (crates/benchmarks/examples/hmac_limit.rs), makes 1 000 000 user ids, and prints, each next to a reference
# measured back to back in this same run:
#   - one `courier-token issue --user-id u` process vs a hello-world Rust binary linked the same
#     way (PIE, full RELRO, BIND_NOW; median wall time)
#   - bulk issue / verify / hmac-sign of 1 000 000 lines vs the limit: a program doing only the
#     pre-keyed HMAC-SHA256 of 1 000 000 messages of the same length on the same cores (237-byte
#     signing inputs for issue and verify, 12-byte ids for hmac-sign); ratio = tool / limit wall
#     time, best of ROUNDS alternating pairs; with the peak RSS of each tool run. The tools
#     write to /dev/null, as the limit writes nothing: the ratio is the tool's own cost. What
#     writing the output to a file adds (the file system's cost) is printed once, for issue.
#   - OpenSSL's one-core HMAC-SHA256 rate on 256-byte messages, as extra information
# Usage: [COURIER_TOKEN_BIN=path] scripts/bench.sh [RUNS] [ROUNDS]   (RUNS single-invocation samples, default 200;
#                                            ROUNDS bulk pairs each, default 3)
# Needs: cargo and rustc. Uses GNU time (/usr/bin/time) for peak RSS and openssl for the extra
# reference when they are installed, and says so when they are not.
#        scripts/bench.sh serve [SECONDS]   (serve's HTTP benchmark: scripts/bench-serve.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = serve ]; then
  shift
  exec scripts/bench-serve.sh "$@"
fi
runs="${1:-200}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
cargo build --release --locked --quiet -p courier-token-benchmarks --example hmac_limit
# Both binaries are timed as installed: `cargo install` copies the built binary into place, and
# so does this. A file fresh from the linker starts measurably slower than a copy of the same
# bytes (more page faults while it is still in the page cache as the linker wrote it: ~8% for
# one `issue` on the benchmark machine, nothing for the small hello-world), which users never see.
cp "${COURIER_TOKEN_BIN:-$PWD/target/release/courier-token}" "$work/courier-token"  # override to compare another build
bin="$work/courier-token"
limit="$PWD/target/release/examples/hmac_limit"
printf 'fn main() { println!("hello"); }\n' > "$work/hello.rs"
# Linked the way build.rs links courier-token: position-independent, full RELRO, BIND_NOW.
rustc -O -C relocation-model=pie -C link-arg=-Wl,-z,relro,-z,now -o "$work/hello.linked" "$work/hello.rs"
cp "$work/hello.linked" "$work/hello"
lines=1000000
seq -f 'user-%07g' 1 "$lines" > "$work/ids.txt"
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
echo "single invocation: courier-token issue ${issue_ms} ms, hello-world ${hello_ms} ms (median of $runs) -> ratio $(awk -v a="$issue_ms" -v b="$hello_ms" 'BEGIN { printf "%.2f", a / b }')x (target <= 1.15x)"

# Wall seconds of one run (stdin, stdout, command...); peak RSS in KiB goes to $work/rss.
timed() {
  local input="$1" output="$2"; shift 2
  local t0 t1
  t0=$EPOCHREALTIME
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/rss" "$@" < "$input" > "$output"
  else
    echo 0 > "$work/rss"
    "$@" < "$input" > "$output"
  fi
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }'
}

# Bulk runs, each paired with the limit for its message length, back to back.
bulk_vs_limit() { # name, message length, target ratio, input file, output file, command...
  local name="$1" length="$2" target="$3" input="$4" output="$5"; shift 5
  local best_tool="" best_limit="" rss=0 tool_s limit_s r
  for ((r = 0; r < rounds; r++)); do
    tool_s=$(timed "$input" "$output" "$@")
    rss=$(awk -v a="$rss" -v b="$(cat "$work/rss")" 'BEGIN { print (b > a) ? b : a }')
    limit_s=$(timed /dev/null /dev/null "$limit" "$length" "$lines")
    best_tool=$(awk -v a="${best_tool:-1e9}" -v b="$tool_s" 'BEGIN { print (b < a) ? b : a }')
    best_limit=$(awk -v a="${best_limit:-1e9}" -v b="$limit_s" 'BEGIN { print (b < a) ? b : a }')
  done
  local rss_text="n/a"
  [ -x /usr/bin/time ] && rss_text="$((rss / 1024)) MiB"
  awk -v n="$name" -v t="$best_tool" -v l="$best_limit" -v len="$length" -v lines="$lines" -v rss="$rss_text" -v target="$target" 'BEGIN {
    printf "%s: %d lines in %.3f s = %.0f/s, peak RSS %s | limit (HMAC of %d bytes) %.3f s = %.0f/s | ratio %.2fx (target <= %s)\n",
      n, lines, t, lines / t, rss, len, l, lines / l, t / l, target }'
}
"$bin" issue --user-ids-from "$work/ids.txt" > "$work/tokens.txt"   # verify's input, untimed
bulk_vs_limit "bulk issue    " 237 1.6x /dev/null /dev/null "$bin" issue --user-ids-from "$work/ids.txt"
bulk_vs_limit "bulk verify   " 237 2.4x "$work/tokens.txt" /dev/null "$bin" verify
bulk_vs_limit "bulk hmac-sign" 12 1.3x /dev/null /dev/null "$bin" hmac-sign --user-ids-from "$work/ids.txt"
echo "(best of $rounds alternating runs each; output to /dev/null; token signing input $(head -1 "$work/tokens.txt" | cut -d. -f1-2 | tr -d '\n' | wc -c) bytes)"
to_file=$(timed /dev/null "$work/tokens.txt" "$bin" issue --user-ids-from "$work/ids.txt")
echo "extra: bulk issue writing its $(( $(wc -c < "$work/tokens.txt") / 1048576 )) MiB to a file in $work: ${to_file} s (one run; the file system's cost included)"

if command -v openssl > /dev/null; then
  bytes_per_s=$(openssl speed -seconds 3 -bytes 256 -hmac sha256 2>/dev/null | awk '/^hmac\(sha256\)/ { v = $2; sub(/k$/, "", v); print v * 1000 }')
  echo "extra: openssl one-core HMAC-SHA256 of 256 bytes: $(awk -v b="$bytes_per_s" 'BEGIN { printf "%.0f", b / 256 }')/s"
else
  echo "extra: openssl not installed; no OpenSSL HMAC rate measured"
fi
