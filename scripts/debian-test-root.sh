#!/usr/bin/env bash
# Prepares, once, a throwaway Debian 12 root for the deploy tests and prints its path:
#   debootstrap --variant=minbase bookworm, then openjdk-17-jre-headless and smartmontools via chroot apt-get.
# The root is cached under $HOSTPULSE_TEST_CACHE (default ~/.cache/hostpulse-test), so only the first run pays
# (a few minutes of downloads); later runs print the path at once. The .deb test copies it before installing into
# it, the container test `docker import`s it as a base image; neither ever touches this machine's own dpkg database.
# `debian-test-root.sh systemd` prints a second cached root, the first plus Debian's systemd (the .deb test installs
# the unit there and `systemd-analyze verify --root` checks it against real systemd units).
# Needs root (debootstrap, chroot) and the Debian package debootstrap (scripts/install-test-deps.sh).
set -euo pipefail
cache=${HOSTPULSE_TEST_CACHE:-${HOME:-/root}/.cache/hostpulse-test}
mirror=${HOSTPULSE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages="openjdk-17-jre-headless smartmontools"
root=$cache/debootstrap-bookworm
stamp="bookworm minbase + $packages"
ready() { [ -f "$1/.hostpulse-ready" ] && [ "$(cat "$1/.hostpulse-ready")" = "$2" ]; }

# installs packages into a root by chroot apt-get, with no daemon started and /proc mounted only meanwhile
chroot_install() {
  mount -t proc proc "$1/proc"
  printf '#!/bin/sh\nexit 101\n' >"$1/usr/sbin/policy-rc.d"; chmod 755 "$1/usr/sbin/policy-rc.d"
  local rc=0
  chroot "$1" /usr/bin/env DEBIAN_FRONTEND=noninteractive sh -c \
    "apt-get update -qq && apt-get install -y -qq --no-install-recommends $2 && apt-get clean && rm -rf /var/lib/apt/lists/*" \
    >>"$cache/debootstrap.log" 2>&1 || rc=$?
  rm -f "$1/usr/sbin/policy-rc.d"
  umount "$1/proc"
  [ $rc -eq 0 ] || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
}

if [ "${1:-}" = "systemd" ]; then
  base=$("$0")
  sroot=$cache/debootstrap-bookworm-systemd
  sstamp="$stamp + systemd"
  if ready "$sroot" "$sstamp"; then echo "$sroot"; exit 0; fi
  work=$sroot.tmp.$$
  trap 'umount -l "$work/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
  start=$(date +%s)
  cp -a "$base" "$work"
  chroot_install "$work" systemd
  echo "$sstamp" >"$work/.hostpulse-ready"
  rm -rf "$sroot"; mv "$work" "$sroot"
  trap - EXIT
  echo "debian-test-root: systemd added in $(( $(date +%s) - start )) s" >&2
  echo "$sroot"; exit 0
fi

if ready "$root" "$stamp"; then
  echo "$root"; exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "debian-test-root: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || { echo "debian-test-root: apt-get install debootstrap" >&2; exit 1; }
mkdir -p "$cache"
work=$root.tmp.$$
cleanup() { umount -l "$work/proc" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
start=$(date +%s)
echo "debian-test-root: debootstrap bookworm into $work (first run only)" >&2
debootstrap --variant=minbase bookworm "$work" "$mirror" >"$cache/debootstrap.log" 2>&1 \
  || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
chroot_install "$work" "$packages"
echo "$stamp" >"$work/.hostpulse-ready"
rm -rf "$root"; mv "$work" "$root"
trap - EXIT
echo "debian-test-root: prepared in $(( $(date +%s) - start )) s" >&2
echo "$root"
