#!/usr/bin/env bash
# Installs what the test suite and benchmarks start on loopback: PostgreSQL, Redis, wrk, clamd; promtool; and Debian's Chromium
# (the web's end-to-end tests drive it headless through Playwright, which downloads no browser). Idempotent.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)   # promtool checks deploy/monitoring/alerts.yml
[ -x /usr/bin/chromium ] || need+=(chromium)                 # tests/KamHub.IntegrationTests/Web (Browser.ChromiumPath)
command -v clamd >/dev/null 2>&1 || need+=(clamav-daemon)    # Partners/DocumentScanTests (ClamdProcess starts its own clamd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from apt..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
