#!/usr/bin/env bash
# The hostpulse container's steady footprint: samples the agent's VmRSS (/proc/<pid>/status of the container's main
# process) every second and its CPU time, like scripts/bench-agent.sh does for a process on the host, and prints
# the image's size. Start the container first (deploy/README.md) and give it a minute to warm up. Not a test: the
# numbers go into BENCHMARKS.md by hand.
#   usage: scripts/bench-container.sh [container=hostpulse] [seconds=90] [interval=10s]
# DOCKER_HOST selects the engine as for the docker CLI.
set -euo pipefail
name=${1:-hostpulse}; secs=${2:-90}; interval=${3:-10s}
pid=$(docker inspect -f '{{.State.Pid}}' "$name")
image=$(docker inspect -f '{{.Config.Image}}' "$name")
[ "$pid" -gt 0 ] || { echo "bench-container: $name is not running" >&2; exit 1; }
hz=$(getconf CLK_TCK)
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$pid/stat)
t0=$(date +%s.%N); max=0; sum=0; n=0; end=$(( $(date +%s) + secs ))
while [ "$(date +%s)" -lt "$end" ]; do
  rss=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)
  sum=$((sum + rss)); n=$((n + 1)); [ "$rss" -gt "$max" ] && max=$rss
  sleep 1
done
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$pid/stat)
wall=$(echo "$(date +%s.%N) - $t0" | bc)
cpu=$(echo "scale=3; ($u1 + $s1 - $u0 - $s0) / $hz" | bc)
cycles=$(echo "scale=2; $wall / ${interval%s}" | bc)
echo "image: $image, $(( $(docker image inspect -f '{{.Size}}' "$image") / 1000000 )) MB"
echo "java: $(docker exec "$name" java -version 2>&1 | head -1)"
echo "uptime: $(( $(date +%s) - $(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$name")" +%s) )) s; window ${secs} s, ~${cycles} cycles"
echo "rss: mean $((sum / n / 1024)) MiB, max $((max / 1024)) MiB"
echo "cpu: ${cpu}s = $(echo "scale=1; 1000 * $cpu / $cycles" | bc) ms per cycle"
echo "docker stats: $(docker stats --no-stream --format '{{.MemUsage}}' "$name")"
