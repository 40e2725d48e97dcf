#!/usr/bin/env bash
# Contract checks against the exported spec and a running server:
#   1. Spectral (.spectral.yaml: spectral:oas) on openapi/openapi.json: no error, no warning.
#   2. The calendar feed read by Python's icalendar.
#   3. Three clients generated from the served spec, each used by a short program in
#      clients/ that logs in, files a field report and reads the typed 422 problem of a bad
#      one: Python (openapi-python-client --fail-on-warning), TypeScript (openapi-typescript
#      + openapi-fetch, type-checked by tsc) and Rust (progenitor, built with -D warnings).
#   4. Schemathesis against BASE_URL for a bounded number of examples per operation: no 5xx,
#      every status/content type/header/body as the spec says, and data valid per the spec
#      accepted (positive_data_acceptance, see schemathesis.toml).
#
#   tests/contract/run.sh BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
#
# Tools install from the pinned files here (package-lock.json, requirements.txt,
# clients/rust/Cargo.lock); generated code goes to a scratch directory or target/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BASE="$1"; ADMIN_EMAIL="$2"; ADMIN_PASSWORD="$3"
TOOLS="${VARIG_TOOLS_DIR:-$ROOT/target/tools}"
# One virtualenv per requirements.txt: a changed file gets a fresh one.
VENV="$TOOLS/venv-contract-$(sha256sum "$HERE/requirements.txt" | cut -c1-12)"
EXAMPLES="${VARIG_FUZZ_EXAMPLES:-25}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$HERE"
LOCK_SUM="$(sha256sum package-lock.json | cut -c1-64)"
if [ "$(cat node_modules/.varig-lock-sum 2>/dev/null)" != "$LOCK_SUM" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_SUM" > node_modules/.varig-lock-sum
fi
echo "contract: spectral lint (.spectral.yaml), failing on warnings"
node_modules/.bin/spectral lint "$ROOT/openapi/openapi.json" --ruleset .spectral.yaml --fail-severity warn

if [ ! -x "$VENV/bin/schemathesis" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
fi
# Before the fuzzing: its failed logins from this address would throttle the admin's login.
echo "contract: calendar feed parsed by icalendar"
"$VENV/bin/python" "$HERE/ical_check.py" "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
python3 "$HERE/seed.py" "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" > "$WORK/seed.json"
seed() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$WORK/seed.json" "$1"; }
SPEC="$WORK/openapi.json"
python3 -c "import urllib.request,sys; open(sys.argv[2],'wb').write(urllib.request.urlopen(sys.argv[1]).read())" \
  "$BASE/api/openapi.json" "$SPEC"

echo "contract: Python client (openapi-python-client, --fail-on-warning)"
mkdir -p "$WORK/py"
(cd "$WORK/py" && PATH="$VENV/bin:$PATH" openapi-python-client generate --path "$SPEC" \
  --meta none --output-path "$WORK/py/varig_client" --fail-on-warning)
PYTHONPATH="$WORK/py" "$VENV/bin/python" "$HERE/clients/python_client.py" "$BASE" "$WORK/seed.json"

echo "contract: TypeScript client (openapi-typescript + openapi-fetch, tsc)"
TS="$WORK/ts"
mkdir -p "$TS/src"
ln -s "$HERE/node_modules" "$TS/node_modules"
cp "$HERE/clients/typescript_client.ts" "$HERE/clients/tsconfig.json" "$TS/"
echo '{"type": "module", "private": true}' > "$TS/package.json"
node_modules/.bin/openapi-typescript "$SPEC" --default-non-nullable false -o "$TS/schema.d.ts" 2>&1 | tee "$WORK/ts.log"
if grep -qiE "warn|error|⚠" "$WORK/ts.log"; then
  echo "FAIL: openapi-typescript reported warnings" >&2
  exit 1
fi
node_modules/.bin/tsc -p "$TS/tsconfig.json" --noEmit
node_modules/.bin/tsc -p "$TS/tsconfig.json" --outDir "$TS/out"
cp "$TS/package.json" "$TS/out/"
node "$TS/out/typescript_client.js" "$BASE" "$WORK/seed.json"

echo "contract: Rust client (progenitor, -D warnings)"
(cd "$HERE/clients/rust" && VARIG_CONTRACT_SPEC="$SPEC" RUSTFLAGS="-D warnings" \
  CARGO_TARGET_DIR="$ROOT/target/contract-rust" cargo build --locked --quiet)
"$ROOT/target/contract-rust/debug/varig-contract-rust-client" "$BASE" "$WORK/seed.json"

echo "contract: schemathesis, $EXAMPLES examples per operation"
export VARIG_FUZZ_PROJECT="$(seed project_id)"
export VARIG_FUZZ_ORGANISATION="$(seed organisation_id)"
export VARIG_FUZZ_UNIT="$(seed unit_id)"
TOKEN="$(seed token)"
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,positive_data_acceptance
cd "$WORK"
# The operations that end the caller's sessions run last, else every later one meets 401.
ENDING=(--exclude-operation-id logout_everywhere --exclude-operation-id change_password)
"$VENV/bin/schemathesis" --config-file "$HERE/schemathesis.toml" run "$SPEC" --url "$BASE/api" \
  -H "Authorization: Bearer $TOKEN" --checks "$CHECKS" "${ENDING[@]}" \
  --max-examples "$EXAMPLES" --seed 20261123 --no-color
"$VENV/bin/schemathesis" --config-file "$HERE/schemathesis.toml" run "$SPEC" --url "$BASE/api" \
  -H "Authorization: Bearer $TOKEN" --checks "$CHECKS" \
  --include-operation-id change_password --include-operation-id logout_everywhere \
  --max-examples "$EXAMPLES" --seed 20261123 --no-color
