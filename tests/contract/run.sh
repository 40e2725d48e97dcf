#!/usr/bin/env bash
# Contract checks against the exported spec and a running server:
#   1. Spectral (spectral:oas ruleset) on openapi/openapi.json: 0 errors allowed.
#   2. Schemathesis against BASE_URL for a bounded number of examples per operation:
#      no 5xx, every status/content type/header/body as the spec says.
#
#   tests/contract/run.sh BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BASE="$1"; ADMIN_EMAIL="$2"; ADMIN_PASSWORD="$3"
VENV="${VARIG_TOOLS_DIR:-$ROOT/target/tools}/venv-contract"
EXAMPLES="${VARIG_FUZZ_EXAMPLES:-25}"

cd "$HERE"
if [ ! -x node_modules/.bin/spectral ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "contract: spectral lint (spectral:oas)"
node_modules/.bin/spectral lint "$ROOT/openapi/openapi.json" --ruleset .spectral.yaml --fail-severity error

if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/python" -c "import icalendar" 2>/dev/null; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
fi
# Before the fuzzing: its failed logins from this address would throttle the admin's login.
echo "contract: calendar feed parsed by icalendar"
"$VENV/bin/python" "$HERE/ical_check.py" "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
TOKEN="$(python3 "$HERE/seed.py" "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD")"
echo "contract: schemathesis, $EXAMPLES examples per operation"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
"$VENV/bin/schemathesis" run "$BASE/api/openapi.json" \
  -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --max-examples "$EXAMPLES" --seed 20261123 --no-color
