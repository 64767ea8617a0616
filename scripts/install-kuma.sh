#!/usr/bin/env bash
# Installs the real Uptime Kuma server that the alert integration tests start (uptime-kuma@2.0.0-dev.0 from npm)
# into ${HOSTPULSE_TEST_CACHE:-$HOME/.cache/hostpulse-test}/kuma. Idempotent: returns at once when already installed.
# Needs node + npm (Debian: nodejs, npm). About 90 s and 260 MB the first time.
set -euo pipefail
KUMA_VERSION=2.0.0-dev.0
DIR=${HOSTPULSE_TEST_CACHE:-${HOME:-/root}/.cache/hostpulse-test}/kuma
APP=$DIR/node_modules/uptime-kuma
STAMP=$DIR/.installed-$KUMA_VERSION
if [ -f "$STAMP" ] && [ -f "$APP/server/server.js" ] && [ -d "$DIR/node_modules/socket.io-client" ]; then
  echo "uptime kuma $KUMA_VERSION: present in $DIR"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm is missing: apt-get install nodejs npm" >&2; exit 1; }
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{"name":"hostpulse-kuma-it","private":true}' > package.json
echo "uptime kuma $KUMA_VERSION: installing into $DIR (about 90 s)"
npm install --no-audit --no-fund --omit=dev "uptime-kuma@$KUMA_VERSION" >"$DIR/npm-install.log" 2>&1 \
  || { tail -20 "$DIR/npm-install.log" >&2
       for t in make g++ python3; do command -v $t >/dev/null 2>&1 || echo "missing $t: Kuma's sqlite module builds from source when no prebuilt binary fits (scripts/install-test-deps.sh installs it)" >&2; done
       exit 1; }
# packaging bug of 2.0.0-dev.0: the db/patch-*.sql files sit in db/ instead of db/old_migrations/
mkdir -p "$APP/db/old_migrations"
cp -n "$APP"/db/patch-*.sql "$APP/db/old_migrations/" 2>/dev/null || true
[ -d "$DIR/node_modules/socket.io-client" ] || { echo "socket.io-client missing after install" >&2; exit 1; }
touch "$STAMP"
echo "uptime kuma $KUMA_VERSION: installed"
