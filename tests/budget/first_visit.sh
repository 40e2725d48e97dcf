#!/usr/bin/env bash
# The size budget of a phone's first visit: every file the first visit of /login brings over
# the wire (the page, its script, style and wasm, the manifest and icons, the service worker
# and what it keeps for offline use), counted as the server sends them to a browser that
# takes brotli (the precompressed variant where the build made one). Prints the figure and
# fails above the budget.
#
#   tests/budget/first_visit.sh [DIST]        VARIG_FIRST_VISIT_BUDGET_KIB overrides the budget
set -euo pipefail
DIST="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/frontend/dist}"
# A ratchet at today's size (issue 16's goal is 250 KiB, not reached yet): it goes down as
# the wasm is split by route. The webhook admin pages raised it from 960, issue 14's PWA
# work (shared permission table, one page loader, ui kit) from 1010 (every page is in the
# one wasm until then).
BUDGET_KIB="${VARIG_FIRST_VISIT_BUDGET_KIB:-1025}"
FILES=(index.html boot.js varig_frontend.js varig_frontend_bg.wasm style.css manifest.webmanifest
       icons/icon.svg icons/icon-192.png icons/icon-512.png icons/icon-maskable-512.png sw.js)
total=0
for f in "${FILES[@]}"; do
  if [ -f "$DIST/$f.br" ]; then n=$(wc -c < "$DIST/$f.br")
  elif [ -f "$DIST/$f" ]; then n=$(wc -c < "$DIST/$f")
  else echo "first_visit.sh: $DIST/$f is missing (build the PWA first)" >&2; exit 1; fi
  printf '  %-32s %8d bytes\n' "$f" "$n"
  total=$((total + n))
done
kib=$(( (total + 1023) / 1024 ))
echo "first visit: $kib KiB over the wire (brotli where compressible); budget $BUDGET_KIB KiB (goal 250 KiB)"
if [ "$kib" -gt "$BUDGET_KIB" ]; then
  echo "FAIL: the first visit is over its budget" >&2
  exit 1
fi
