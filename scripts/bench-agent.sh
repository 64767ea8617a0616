#!/usr/bin/env bash
# Whole-agent overhead: runs the agent through bin/hostpulse for a while and reports its steady resident memory and
# CPU per collection cycle, read from /proc/<pid>/status and /proc/<pid>/stat. Not a test: the numbers go into
# BENCHMARKS.md by hand, with the machine they came from.
#   usage: scripts/bench-agent.sh [seconds=120] [interval=10s] [config]
# With no config it runs the embedded default (every available collector, line protocol to /dev/null).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-120}; interval=${2:-10s}; cfg=${3:-}
[ -f agent/target/hostpulse.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "$cfg" ]; then
  cfg=$work/bench.yaml
  printf 'agent:\n  interval: %s\n  data_dir: %s\n  http: {listen: "127.0.0.1:0"}\noutputs:\n  - type: stdout\n' "$interval" "$work/data" > "$cfg"
fi
hz=$(getconf CLK_TCK)
bin/hostpulse run --config "$cfg" > /dev/null 2> "$work/stderr" &
pid=$!
sleep 20   # start-up and JIT warm-up are not steady state
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$pid/stat)
t0=$(date +%s.%N)
max_rss=0; sum_rss=0; n=0
end=$(( $(date +%s) + secs ))
while [ "$(date +%s)" -lt "$end" ]; do
  rss=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)
  sum_rss=$((sum_rss + rss)); n=$((n + 1)); [ "$rss" -gt "$max_rss" ] && max_rss=$rss
  sleep 1
done
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
t1=$(date +%s.%N)
cpu_s=$(echo "scale=3; ($u1 + $s1 - $u0 - $s0) / $hz" | bc)
wall=$(echo "scale=3; $t1 - $t0" | bc)
ivs=$(echo "$interval" | sed 's/s$//')
cycles=$(echo "scale=2; $wall / $ivs" | bc)
echo "java: $(java -version 2>&1 | head -1)"
echo "cpu: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}') x $(nproc)"
echo "window: ${wall}s, interval ${interval}, ~${cycles} cycles"
echo "rss: mean $((sum_rss / n / 1024)) MiB, max $((max_rss / 1024)) MiB"
echo "cpu: ${cpu_s}s total = $(echo "scale=1; 1000 * $cpu_s / $cycles" | bc) ms per cycle = $(echo "scale=2; 100 * $cpu_s / $wall" | bc)% of one core"
