#!/usr/bin/env bash
# Installs what the tests need on Debian 12, once: the tests start their own servers from these binaries
# (influxd 1.6, victoria-metrics, dockerd, smartctl), each on 127.0.0.1 in a temp dir.
# --dry-run: only print what would be installed (tests use it). HOSTPULSE_BUSYBOX: the busybox to check (tests).
set -euo pipefail
DRY_RUN=0
[ "${1:-}" = "--dry-run" ] && DRY_RUN=1
BUSYBOX=${HOSTPULSE_BUSYBOX:-/bin/busybox}
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }
have influxd          || need+=(influxdb)
have influx           || need+=(influxdb-client)
have victoria-metrics || need+=(victoria-metrics)
have dockerd          || need+=(docker.io)
# the Docker tests `docker import` busybox as an image's only binary: it must be the static one. Debian's default
# `busybox` package is dynamically linked (and fails inside the image), so existing is not enough.
static_busybox() {
  [ -x "$BUSYBOX" ] || return 1
  local out
  out=$(LC_ALL=C ldd "$BUSYBOX" 2>&1 || true)   # ldd exits 1 for a static binary
  [[ $out == *"not a dynamic executable"* || $out == *"statically linked"* ]]
}
static_busybox        || need+=(busybox-static)
have smartctl         || need+=(smartmontools)
have curl             || need+=(curl)
have openssl          || need+=(openssl)   # docker TLS config test: a real key and certificate
have npm              || need+=(nodejs npm)
# Uptime Kuma's sqlite module builds from source (node-gyp) when no prebuilt binary fits this node/arch
have make             || need+=(make)
have g++              || need+=(g++)
have python3          || need+=(python3)
# deploy tests: a throwaway Debian root, the unit's checks, the compose file's parser, a booted root for the unit
have debootstrap      || need+=(debootstrap)
have systemd-analyze  || need+=(systemd)
have docker-compose   || need+=(docker-compose)
have systemd-nspawn   || need+=(systemd-container)
have chromium         || need+=(chromium)       # the live view's browser test (headless, DevTools protocol)
have tmux             || need+=(tmux)           # hostpulse top's terminal test
have dot              || need+=(graphviz)       # the network map tests: PlantUML lays diagrams out with Graphviz
if [ ${#need[@]} -eq 0 ]; then
  echo "test dependencies: all present"
else
  echo "test dependencies: installing ${need[*]}"
  [ "$DRY_RUN" -eq 1 ] && exit 0
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
    # -n: fail at once instead of waiting for a password nobody types (CI); the variables apt needs are passed
    # explicitly, since sudo's env_reset drops them
    SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy})
    "${SUDO[@]}" true 2>/dev/null || { echo "sudo needs a password here; run as root, or: sudo apt-get install ${need[*]}" >&2; exit 1; }
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ "$DRY_RUN" -eq 1 ] && exit 0

# the deploy tests' Debian 12 root (debootstrap + JRE + smartmontools, into the test cache; ~80 s the first time,
# instant when already there)
if [ "$(id -u)" -eq 0 ]; then
  "$(dirname "$0")/debian-test-root.sh" >/dev/null
  "$(dirname "$0")/debian-test-root.sh" systemd >/dev/null
else
  echo "test dependencies: the deploy tests need root (debootstrap, chroot, dockerd); run scripts/test.sh as root"
fi

# Uptime Kuma for the alert ITs (npm, into the test cache; fast when already there)
"$(dirname "$0")/install-kuma.sh"
