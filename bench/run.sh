#!/usr/bin/env bash
# hostpulse beside collectd, node_exporter and Glances, one after the other, on the same interval and data set.
#   usage: bench/run.sh [--duration 120] [--interval 10] [--steady 60] [--containers 20] [AGENT ...]
#   agents: collectd node_exporter glances hostpulse hostpulse_default (default: all, in that order)
# Installs the peers from Debian's packages when missing (root or sudo), builds hostpulse when its jar is missing,
# and for hostpulse_default starts a private dockerd (its own socket and data dir under the work folder, no bridge,
# no iptables) with N busybox containers, stopped again at the end. Results: bench/results/<UTC time>/results.{md,csv}
# plus each agent's samples and logs. Nothing outside bench/results is changed, apart from the package install.
set -euo pipefail
cd "$(dirname "$0")/.."
containers=20
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --containers) containers=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
need=()
command -v collectd >/dev/null || [ -x /usr/sbin/collectd ] || need+=(collectd-core)
command -v prometheus-node-exporter >/dev/null || need+=(prometheus-node-exporter)
command -v glances >/dev/null || need+=(glances)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  echo "bench: installing ${need[*]} (on a systemd host prometheus-node-exporter's own service starts: stop it before measuring)" >&2
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
for p in collectd prometheus-node-exporter glances; do
  if pgrep -x "$p" >/dev/null; then echo "bench: a $p is already running (pid $(pgrep -x "$p" | head -1)); stop it first" >&2; exit 1; fi
done
[ -f agent/target/hostpulse.jar ] || mvn -B -q -ntp package -DskipTests >&2
export HOSTPULSE_BIN=$PWD/bin/hostpulse
work=$PWD/bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
PATH=$PATH:/usr/sbin

dockerd_pid=""
cleanup() {
  if [ -n "$dockerd_pid" ]; then
    docker -H "unix://$work/dockerd/docker.sock" rm -f $(docker -H "unix://$work/dockerd/docker.sock" ps -aq) >/dev/null 2>&1 || true
    # dockerd stops its own containerd on SIGTERM; the containers (and their shims) are gone already
    kill "$dockerd_pid" 2>/dev/null || true; wait "$dockerd_pid" 2>/dev/null || true
    umount "$work/dockerd/data/overlay2"/*/merged 2>/dev/null || true
    rm -rf "$work/dockerd/data" "$work/dockerd/exec" 2>/dev/null || true
  fi
}
trap cleanup EXIT
named=$(printf ' %s' "${args[@]:-}" | grep -oE ' (collectd|node_exporter|glances|hostpulse|hostpulse_default)\b' || true)
wants_default=0
{ [ -z "$named" ] || grep -q hostpulse_default <<<"$named"; } && wants_default=1
if [ "$wants_default" = 1 ] && [ "$containers" -gt 0 ] && command -v dockerd >/dev/null && [ -x /bin/busybox ]; then
  d=$work/dockerd; mkdir -p "$d/data" "$d/exec" "$d/rootfs/bin" "$d/rootfs/etc"
  cat > "$d/daemon.json" <<JSON
{ "data-root": "$d/data", "exec-root": "$d/exec", "pidfile": "$d/dockerd.pid", "hosts": ["unix://$d/docker.sock"],
  "bridge": "none", "iptables": false, "ip6tables": false, "ip-forward": false, "ip-masq": false,
  "exec-opts": ["native.cgroupdriver=cgroupfs"], "log-level": "warn" }
JSON
  dockerd --config-file "$d/daemon.json" > "$d/dockerd.log" 2>&1 &
  dockerd_pid=$!
  D="docker -H unix://$d/docker.sock"
  for _ in $(seq 100); do $D info >/dev/null 2>&1 && break; sleep 0.3; done
  cp /bin/busybox "$d/rootfs/bin/busybox"; ln -s busybox "$d/rootfs/bin/sh"; ln -s busybox "$d/rootfs/bin/sleep"
  tar -C "$d/rootfs" -cf "$d/rootfs.tar" .
  $D import -c 'CMD ["/bin/sh"]' "$d/rootfs.tar" bench-busybox:1 >/dev/null
  $D network create bench_net >/dev/null
  for i in $(seq "$containers"); do $D run -d --name "bench$i" --network bench_net bench-busybox:1 sleep 100000 >/dev/null; done
  echo "bench: private dockerd with $containers running containers at $d/docker.sock" >&2
  export BENCH_DOCKER_HOST="unix://$d/docker.sock"
fi
python3 bench/bench.py --work "$work" "${args[@]}"
echo "bench: results in $work" >&2
