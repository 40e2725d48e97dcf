#!/usr/bin/env bash
# ./varig bench: builds the release server and the load generator, then runs the load
# benchmark on SQLite and on PostgreSQL and prints one markdown table (also saved to
# target/bench/results.md). Traffic goes to 127.0.0.1 only; each scenario is time-bounded.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --release --bin varig
cargo bench --no-run --bench load --bench reports --bench dashboard -p varig-backend 2>/dev/null
LOAD="$(ls -t "$TARGET"/release/deps/load-* | grep -v '\.d$' | head -1)"
REPORTS="$(ls -t "$TARGET"/release/deps/reports-* | grep -v '\.d$' | head -1)"
DASHBOARD="$(ls -t "$TARGET"/release/deps/dashboard-* | grep -v '\.d$' | head -1)"
OUT="$TARGET/bench"; mkdir -p "$OUT"; : > "$OUT/results.md"
WORK="$(mktemp -d)"; PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
PASS="bench-admin-password"
SECRET="bench-jwt-secret-$(head -c 24 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# VARIG_BENCH_ONLY="dashboard reports" runs only those (default: load reports dashboard).
wanted() { [[ " ${VARIG_BENCH_ONLY:-load reports dashboard} " == *" $1 "* ]]; }
bench_on() {
  local label="$1" url="$2" p
  p="$(port)"
  VARIG_BIND="127.0.0.1:$p" VARIG_DATABASE_URL="$url" VARIG_ADMIN_EMAIL=bench@varig.test VARIG_ADMIN_PASSWORD="$PASS" \
    VARIG_LOGIN_MAX_FAILURES=100000000 VARIG_LOGIN_MAX_CLIENT_FAILURES=100000000 VARIG_RATE_LIMIT_PER_MINUTE=0 VARIG_JWT_SECRET="$SECRET" VARIG_LOG=warn VARIG_QUERY_COUNT=1 \
    VARIG_SNAPSHOT_INTERVAL_SECS=0 "$TARGET/release/varig" serve > "$WORK/$label.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$p/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
  if wanted load; then
    "$LOAD" "http://127.0.0.1:$p" "$pid" bench@varig.test "$PASS" "$label" | tee -a "$OUT/raw-$label.md"
  fi
  if wanted reports; then
    "$REPORTS" "$url" "http://127.0.0.1:$p" "$pid" bench@varig.test "$PASS" "$SECRET" "$label" | tee -a "$OUT/reports-$label.md"
  fi
  if wanted dashboard; then
    "$DASHBOARD" "$url" "http://127.0.0.1:$p" bench@varig.test "$PASS" "$label" | tee -a "$OUT/dashboard-$label.md"
  fi
  kill "$pid"
}
bench_on sqlite "sqlite://$WORK/bench.sqlite?mode=rwc"
PG="${VARIG_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="varig_bench_$$"
psql "$PG" -qc "create database $DB" && bench_on postgres "${PG%/*}/$DB"
psql "$PG" -qc "drop database if exists $DB" || true
{ if [ -f "$OUT/raw-sqlite.md" ]; then head -2 "$OUT/raw-sqlite.md"; tail -n +3 "$OUT/raw-sqlite.md"; fi
  [ -f "$OUT/raw-postgres.md" ] && tail -n +3 "$OUT/raw-postgres.md"
  echo
  echo "| database | field reports, 1,000 agents, 100,000 reports seeded | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  cat "$OUT"/reports-*.md 2>/dev/null || true
  echo
  echo "| database | dashboard: 1,000 agents, 100,000 reports, 5 years of meetings, 50 indicators × 60 periods | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | queries per call | queries, empty project |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$OUT"/dashboard-*.md 2>/dev/null || true; } > "$OUT/results.md"
rm -f "$OUT"/raw-*.md "$OUT"/reports-*.md "$OUT"/dashboard-*.md
echo; echo "saved: $OUT/results.md"
