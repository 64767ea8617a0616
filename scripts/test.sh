#!/usr/bin/env bash
# Runs every test, unit and integration: installs the Debian packages the tests need, then `mvn verify`.
# Integration tests (*IT) start their own real servers (InfluxDB 1.6, VictoriaMetrics, dockerd) on 127.0.0.1
# from those packages and stop them when done.
set -euo pipefail
cd "$(dirname "$0")/.."
# one place for the test cache (Uptime Kuma's install), shared by the install script and the tests' JVMs
export HOSTPULSE_TEST_CACHE=${HOSTPULSE_TEST_CACHE:-${HOME:-/root}/.cache/hostpulse-test}
scripts/install-test-deps.sh
# agents the tests start through bin/hostpulse write no class-data archive into this machine's cache (and stop faster)
export HOSTPULSE_CDS=${HOSTPULSE_CDS:-off}
exec mvn -B -ntp verify "$@"
