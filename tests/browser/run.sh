#!/usr/bin/env bash
# Runs the browser tests of the Varig PWA against a running server.
#   tests/browser/run.sh BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
# The server must serve the built PWA (frontend/build.sh) and the API on BASE_URL, and know
# the system administrator given here. Uses Debian's Chromium (installed if missing).
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 BASE_URL ADMIN_EMAIL ADMIN_PASSWORD" >&2
  exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

if [ ! -x /usr/bin/chromium ]; then
  echo "run.sh: installing Debian's chromium" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

export VARIG_BASE_URL="$1" VARIG_ADMIN_EMAIL="$2" VARIG_ADMIN_PASSWORD="$3"
# One file at a time: the end-to-end file is a sequence of steps in one browser.
exec node --test --test-concurrency=1 ./*.test.mjs
