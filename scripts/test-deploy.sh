#!/usr/bin/env bash
# The deploy tests alone (they also run in scripts/test.sh): the .deb in a throwaway Debian 12 root, the systemd
# unit's verify and security score, the compose file, and the container image against a private dockerd and a real
# influxd. As root. The first run prepares the cached Debian root (~80 s); later runs take about 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export HOSTPULSE_TEST_CACHE=${HOSTPULSE_TEST_CACHE:-${HOME:-/root}/.cache/hostpulse-test}
scripts/install-test-deps.sh
exec mvn -B -ntp -pl deploy -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='io/hostpulse/deploy/*IT' -Dfailsafe.failIfNoSpecifiedTests=false "$@"
