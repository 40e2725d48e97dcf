#!/usr/bin/env bash
# The layout check as a ratchet while issue 14's move is under way: `check.sh` lists every
# offender; those still to be moved are named in `known-offenders.txt` (one `rule path` a
# line: `a`, `b`, `c` or `d` and the file). The run fails when
#   - a file offends that the list does not name (new code must be in the target shape), or
#   - a listed file no longer offends (take it off the list, so the list only shrinks).
# When the list is empty, the test command runs `check.sh` alone.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KNOWN="$HERE/known-offenders.txt"
"$HERE/check.sh" --self-test >/dev/null
report="$("$HERE/check.sh" "$@" 2>&1 || true)"
python3 - "$KNOWN" <(printf '%s\n' "$report") <<'PY'
import re, sys
known_path = sys.argv[1]
report = open(sys.argv[2]).read()
current, rule = set(), None
for line in report.splitlines():
    m = re.match(r"^\(([a-d])\) ", line)
    if m:
        rule = m.group(1)
        continue
    if line.startswith("  ") and rule:
        path = re.split(r"[ :]", line.strip(), 1)[0]
        current.add(f"{rule} {path}")
known = set()
for line in open(known_path):
    line = line.split("#", 1)[0].strip()
    if line:
        known.add(line)
new, gone = sorted(current - known), sorted(known - current)
for n in new:
    print(f"FAIL: layout: new offender {n} (see tests/layout/check.sh for the rule)")
for g in gone:
    print(f"FAIL: layout: {g} no longer offends; take it off tests/layout/known-offenders.txt")
if new or gone:
    sys.exit(1)
print(f"layout: {len(current)} known offender(s) left to move (tests/layout/known-offenders.txt), no new one")
PY
