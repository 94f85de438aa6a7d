#!/usr/bin/env bash
# serve's benchmark (also `scripts/bench.sh serve`). Builds the release binary and the reference
# (crates/benchmarks/examples/hello_axum.rs: the smallest axum server on the same stack), installs wrk from Debian
# when it is missing, and prints, each against the reference measured in this same run:
#   - requests per second for POST /auth/issue-token at 64 connections, ratio to the reference
#   - requests per second for the unread count (POST /q, courier-js's query, a JWT checked on
#     every request) at 64 connections, ratio to the reference
#   - p99 latency of each
#   - peak RSS of serve holding 200 000 messages for 10 000 users (loaded with --messages),
#     after the load, and its RSS once loaded and after the load (memory stays flat)
# Targets (issue 28): issue-token >= 0.7x, unread count >= 0.5x, p99 < 4 ms, RSS < 48 MiB.
# Usage: [COURIER_TOKEN_BIN=path] [COURIER_TOKEN_BIN_BEFORE=path] [BENCH_ROUNDS=3]
#        scripts/bench-serve.sh [SECONDS]
# (each wrk run, default 10 s; rounds, default 3). With COURIER_TOKEN_BIN_BEFORE, that build is
# measured too, in the same rounds against the same hello-world, so a change is seen as
# before/after ratios.
# Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${BENCH_ROUNDS:-3}"
connections=64
work="$(mktemp -d)"
cleanup() {
  for pid_file in "$work"/*.pid; do [ -e "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk > /dev/null; then
  apt-get install -y wrk > /dev/null || { apt-get update > /dev/null && apt-get install -y wrk > /dev/null; }
fi
cargo build --release --locked --quiet
cargo build --release --locked --quiet -p courier-token-benchmarks --example hello_axum
bin="${COURIER_TOKEN_BIN:-$PWD/target/release/courier-token}"  # override to compare another build
hello="$PWD/target/release/examples/hello_axum"
export COURIER_API_KEY=sk_bench_key_0123456789
threads=$(nproc)

# 200 000 messages for 10 000 users, 20 each; user-1 is the one the unread count asks about.
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{\"user_id\":\"user-%d\",\"title\":\"Message %d\",\"body\":\"Hello there\",\"created\":%d}\n", i % 10000 + 1, i, 1700000000000 + i }' > "$work/messages.jsonl"

# Starts a server and waits for its first stdout line (no sleeping); sets $base to its URL.
start() {
  local name="$1"; shift
  mkfifo "$work/$name.out"
  "$@" > "$work/$name.out" 2> "$work/$name.err" &
  echo "$!" > "$work/$name.pid"
  local line
  read -r line < "$work/$name.out"
  base=$(echo "$line" | sed -e 's/.*"base_url":"\([^"]*\)".*/\1/')
}

start hello "$hello"
hello_base="$base"
start serve "$bin" serve --port 0 --json --log quiet --messages "$work/messages.jsonl"
serve_base="$base"
serve_pid=$(cat "$work/serve.pid")
before="${COURIER_TOKEN_BIN_BEFORE:-}"
if [ -n "$before" ]; then
  start before "$before" serve --port 0 --json --log quiet --messages "$work/messages.jsonl"
  before_base="$base"
  before_pid=$(cat "$work/before.pid")
fi
rss_loaded_kib=$(awk '/VmRSS/ { print $2 }' "/proc/$serve_pid/status")

token=$(curl -s "$serve_base/auth/issue-token" -H "Authorization: Bearer $COURIER_API_KEY" \
  -d '{"scope":"user_id:user-1 inbox:read:messages inbox:write:events","expires_in":"1h"}' | sed -e 's/.*"token":"\([^"]*\)".*/\1/')
unread_body='{"query":"\n      query GetMessages {\n        count(params: { status: \"unread\"  })\n      }\n    "}'
check=$(curl -s "$serve_base/q" -H "Authorization: Bearer $token" -H 'x-courier-user-id: user-1' -H 'Content-Type: application/json' -d "$unread_body")
echo "serve answers the unread count: $check"

# wrk scripts: a POST with headers and a body.
lua() {
  local file="$1" body="$2"; shift 2
  {
    echo 'wrk.method = "POST"'
    printf 'wrk.body = %s\n' "$(printf '%s' "$body" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/"/')"
    for header in "$@"; do
      printf 'wrk.headers["%s"] = "%s"\n' "${header%%: *}" "${header#*: }"
    done
  } > "$file"
}
lua "$work/issue.lua" '{"scope":"user_id:alice inbox:read:messages inbox:write:events","expires_in":"1h"}' \
  "Authorization: Bearer $COURIER_API_KEY" 'Content-Type: application/json'
lua "$work/unread.lua" "$unread_body" "Authorization: Bearer $token" 'x-courier-user-id: user-1' 'Content-Type: application/json'

# Requests per second and p99 (ms) of one wrk run.
measure() {
  local url="$1" script="$2" out
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$script" "$url")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }')
  local errors
  errors=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  echo "$rps $p99 ${errors:-0}"
}

# Rounds: each measures the reference, serve and (if given) the build before back to back, so a
# slow spell of the machine lands on all of them; the figures are each one's median over the
# rounds, and the ratio is the median of the rounds' ratios. On two shared cores one 10 s run
# can come out 30 % off its neighbour; the median of three rarely does.
median() { tr ' ' '\n' | awk NF | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for endpoint in issue q; do
  case "$endpoint" in
    issue) path=/auth/issue-token script="$work/issue.lua" ;;
    q) path=/q script="$work/unread.lua" ;;
  esac
  for name in hello serve before; do eval "${name}_rps= ${name}_p99= ${name}_ratios= ${name}_errors=0"; done
  for ((round = 1; round <= rounds; round++)); do
    for name in hello serve before; do
      [ "$name" = before ] && [ -z "$before" ] && continue
      eval "url=\$${name}_base$path"
      read -r rps p99 errors <<< "$(measure "$url" "$script")"
      eval "${name}_rps=\"\$${name}_rps $rps\" ${name}_p99=\"\$${name}_p99 $p99\" ${name}_errors=\$(( ${name}_errors + errors ))"
      [ "$name" = hello ] && round_hello="$rps"
      [ "$name" != hello ] && eval "${name}_ratios=\"\$${name}_ratios $(ratio "$rps" "$round_hello")\""
    done
  done
  for name in hello serve before; do
    eval "${endpoint}_${name}_rps=\$(echo \$${name}_rps | median) ${endpoint}_${name}_p99=\$(echo \$${name}_p99 | median)"
    eval "${endpoint}_${name}_ratio=\$(echo \$${name}_ratios | median) ${endpoint}_${name}_ratios=\"\$${name}_ratios\" ${endpoint}_${name}_errors=\$${name}_errors"
  done
done

echo "($rounds rounds of ${seconds} s each; medians; the ratio is the median of the rounds' ratios, listed in brackets)"
echo "issue-token: serve ${issue_serve_rps} req/s (p99 ${issue_serve_p99} ms, non-2xx ${issue_serve_errors}), hello-world axum ${issue_hello_rps} req/s (p99 ${issue_hello_p99} ms) -> ratio $(printf %.2f "$issue_serve_ratio")x [${issue_serve_ratios# }] (target >= 0.7x, p99 < 4 ms)"
echo "unread count: serve ${q_serve_rps} req/s (p99 ${q_serve_p99} ms, non-2xx ${q_serve_errors}), hello-world axum ${q_hello_rps} req/s (p99 ${q_hello_p99} ms) -> ratio $(printf %.2f "$q_serve_ratio")x [${q_serve_ratios# }] (target >= 0.5x, p99 < 4 ms)"
if [ -n "$before" ]; then
  echo "before ($before): issue-token ${issue_before_rps} req/s (p99 ${issue_before_p99} ms) -> ratio $(printf %.2f "$issue_before_ratio")x [${issue_before_ratios# }]; unread count ${q_before_rps} req/s (p99 ${q_before_p99} ms) -> ratio $(printf %.2f "$q_before_ratio")x [${q_before_ratios# }]"
  echo "peak RSS of the build before: $(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$before_pid/status") MiB"
fi
rss_kib=$(awk '/VmHWM/ { print $2 }' "/proc/$serve_pid/status")
rss_now_kib=$(awk '/VmRSS/ { print $2 }' "/proc/$serve_pid/status")
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "peak RSS of serve holding 200000 messages for 10000 users, after the load: $(mib "$rss_kib") MiB (target < 48 MiB); RSS once loaded $(mib "$rss_loaded_kib") MiB, after the load $(mib "$rss_now_kib") MiB"
