#!/usr/bin/env bash
# Installs what the tests need on Debian 12, once: the tests start their own servers from these binaries
# (influxd 1.6, victoria-metrics, dockerd, smartctl), each on 127.0.0.1 in a temp dir.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }
have influxd          || need+=(influxdb)
have influx           || need+=(influxdb-client)
have victoria-metrics || need+=(victoria-metrics)
have dockerd          || need+=(docker.io)
[ -x /bin/busybox ]   || need+=(busybox-static)
have smartctl         || need+=(smartmontools)
have curl             || need+=(curl)
have openssl          || need+=(openssl)   # docker TLS config test: a real key and certificate
have npm              || need+=(nodejs npm)
# deploy tests: a throwaway Debian root, the unit's checks, the compose file's parser, a booted root for the unit
have debootstrap      || need+=(debootstrap)
have systemd-analyze  || need+=(systemd)
have docker-compose   || need+=(docker-compose)
have systemd-nspawn   || need+=(systemd-container)
have chromium         || need+=(chromium)       # the live view's browser test (headless, DevTools protocol)
have tmux             || need+=(tmux)           # hostpulse top's terminal test
if [ ${#need[@]} -eq 0 ]; then
  echo "test dependencies: all present"
else
  echo "test dependencies: installing ${need[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

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
