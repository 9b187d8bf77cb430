#!/usr/bin/env bash
# CPU cost per proxied request of nginx, HAProxy and our gateway, each doing the peer benchmark's
# 70/30 split (../shared/bench/peers): user+system CPU of the proxy's processes over 10 s of wrk load
# (64 connections, after a 10 s warm-up), divided by the requests served. It moves less than
# requests/s when other work shares the machine, but a JVM still needs a quiet one to warm up:
# compare builds in interleaved runs.
# Usage: bench/scripts/cpu-per-request.sh [nginx] [haproxy] [ours]   (default: all three)
# Needs nginx, haproxy and wrk (../shared/bench/peers/run.sh installs them); run from the repo root.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peers=$(cd "$root/../shared/bench/peers" && pwd)
log=/tmp/peerbench
mkdir -p "$log"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT

# user + system clock ticks of every thread of the given processes
ticks() {
  local total=0 pid task
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      read -r -a stat < <(sed 's/.*) //' "$task/stat")
      total=$((total + stat[11] + stat[12]))
    done
  done
  echo "$total"
}

measure() {
  local name=$1 url=$2; shift 2
  wrk -t1 -c64 -d10s "$url" >/dev/null
  local before out after
  before=$(ticks "$@")
  out=$(wrk -t1 -c64 -d10s --latency "$url")
  after=$(ticks "$@")
  awk -v name="$name" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ {n = $1} /Requests\/sec/ {rps = $2} $1 == "99%" {p99 = $2}
    END {printf "%s cpu_us_per_request=%.1f rps=%s p99=%s\n", name, t * 1e6 / hz / n, rps, p99}' <<<"$out"
}

await() { for _ in $(seq 240); do curl -sf -o /dev/null "$1" && return; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

nginx -c "$peers/backend-nginx.conf" & pids+=($!)
await http://127.0.1.1:9090/test/test
for target in "${@:-nginx haproxy ours}"; do
  for name in $target; do
    case $name in
      nginx)
        nginx -c "$peers/proxy-nginx.conf" & pids+=($!)
        await http://127.0.0.1:18081/test/test
        measure nginx http://127.0.0.1:18081/test/test "${pids[-1]}" $(pgrep -P "${pids[-1]}")
        ;;
      haproxy)
        haproxy -f "$peers/proxy-haproxy.cfg" & pids+=($!)
        await http://127.0.0.1:18082/test/test
        measure haproxy http://127.0.0.1:18082/test/test "${pids[-1]}"
        ;;
      ours)
        "$root/canary" gateway --config "$peers/mesh" >"$log/ours-cpu.log" 2>&1 & pids+=($!)
        await http://127.0.0.1:18084/test/test
        measure ours http://127.0.0.1:18084/test/test "${pids[-1]}"
        ;;
      *) echo "unknown target $name (nginx, haproxy, ours)" >&2; exit 2 ;;
    esac
  done
done
