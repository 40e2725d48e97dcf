#!/usr/bin/env bash
# Layout checks of the source tree (issue 14), run by the test command:
#   (a) no sea-orm in the HTTP layer: `backend/src/**/http.rs` and `backend/src/**/http/*.rs`
#       hold none of `use sea_orm`, `sea_orm::`, `Entity::`, `::find(`, `begin_write`,
#       `.commit()`, `update_many`, `delete_many`, `insert_many`, `.all(&`, `.one(&`,
#       `.exec(&` (comment lines are not read);
#   (b) `backend/src/api/` holds only the assembly of the spec: mod.rs, spec.rs, rules.rs,
#       describe.rs;
#   (c) no `.rs` file under backend/src, frontend/src, types/src or migrations is over 400
#       lines, counted up to its first `#[cfg(test)]`, unless its opening comment has a line
#       `//! Whole: <why it reads better whole>`; test files (under a `tests/` folder, or
#       named `tests.rs`) are not counted;
#   (d) no entity column is compared with a string literal in backend/src
#       (`Column::Status.eq("open")`, `C::Status.ne("x")`, `Column::Kind.is_in(["a"])`):
#       compare with the enum.
# Prints every offender with the rule it breaks and fails; prints one line and passes when
# there are none.
#
#   tests/layout/check.sh                 check this repository
#   tests/layout/check.sh --root DIR      check the tree at DIR
#   tests/layout/check.sh --self-test     check the check: a tree with one offender of each
#                                         kind must fail naming each, a clean one must pass
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

if [ "${1:-}" = "--self-test" ]; then
  exec python3 - "$HERE/check.sh" <<'PY'
import atexit, os, shutil, subprocess, sys, tempfile

check = sys.argv[1]
made = []
atexit.register(lambda: [shutil.rmtree(d, ignore_errors=True) for d in made])

def tree(files):
    root = tempfile.mkdtemp(prefix="varig-layout-")
    made.append(root)
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    return root

def run(root):
    p = subprocess.run(["bash", check, "--root", root], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr

long_body = "fn f() {}\n" * 401
clean = {
    "backend/src/api/mod.rs": "pub mod spec;\n",
    "backend/src/api/spec.rs": "", "backend/src/api/rules.rs": "", "backend/src/api/describe.rs": "",
    "backend/src/gates/http.rs": "//! Handlers; the service does the sea_orm:: work, not Entity::find here.\nuse crate::gates::service;\n",
    "backend/src/gates/http/decide.rs": "use super::service;\n",
    "backend/src/gates/repo.rs": "use sea_orm::EntityTrait;\nfn f() { gate::Entity::find().filter(gate::Column::Status.eq(GateStatus::Open)).all(&db); }\n",
    "backend/src/big_but_whole.rs": "//! The gate machine.\n//!\n//! Whole: one table of transitions that reads better in one place.\n" + long_body,
    "backend/src/big_tests.rs": "fn f() {}\n" * 399 + "#[cfg(test)]\nmod tests {\n" + long_body + "}\n",
    "backend/tests/api/huge.rs": long_body,
    "frontend/src/pages/tests.rs": long_body,
    "migrations/src/m1.rs": "fn up() {}\n",
}
dirty = dict(clean)
dirty.update({
    "backend/src/reports/http.rs": "use sea_orm::EntityTrait;\n",
    "backend/src/plan/http/items.rs": "fn f() { item::Entity::find_by_id(id).one(&db); }\n",
    "backend/src/api/gates.rs": "pub struct GatesApi;\n",
    "frontend/src/pages/meeting.rs": long_body,
    "types/src/wording.rs": "// Whole: said in a plain comment, not the marker\n" + long_body,
    "backend/src/gates/store.rs": "fn f() { q.filter(gate::Column::Status.eq(\"open\")); }\n",
    "backend/src/meetings/repo.rs": "use x::Column as C;\nfn f() {\n    q.filter(C::Kind.is_in([\"a\", \"b\"]));\n}\n",
})

failures = []
code, out = run(tree(clean))
if code != 0:
    failures.append(f"a clean tree must pass, got exit {code}:\n{out}")
code, out = run(tree(dirty))
if code == 0:
    failures.append(f"a tree with offenders must fail:\n{out}")
for needle in [
    "backend/src/reports/http.rs:1", "backend/src/plan/http/items.rs:1", "backend/src/api/gates.rs",
    "frontend/src/pages/meeting.rs (401 lines)", "types/src/wording.rs (402 lines)",
    "backend/src/gates/store.rs:1", "backend/src/meetings/repo.rs:3",
]:
    if needle not in out:
        failures.append(f"the failing tree's report must name {needle!r}:\n{out}")
for quiet in ["big_but_whole", "big_tests", "huge.rs", "pages/tests.rs", "gates/repo.rs", "api/spec.rs"]:
    if quiet in out:
        failures.append(f"the report must not name {quiet!r}:\n{out}")
if failures:
    print("layout check self-test FAILED:\n" + "\n".join(failures), file=sys.stderr)
    sys.exit(1)
print("layout check self-test: a clean tree passes, one offender of each kind fails")
PY
fi

if [ "${1:-}" = "--root" ]; then ROOT="$(cd "$2" && pwd)"; fi

exec python3 - "$ROOT" <<'PY'
import os, re, sys

root = sys.argv[1]
LIMIT = 400
HTTP_PATTERNS = [
    "use sea_orm", "sea_orm::", "Entity::", "::find(", "begin_write", ".commit()",
    "update_many", "delete_many", "insert_many", ".all(&", ".one(&", ".exec(&",
]
API_ALLOWED = {"mod.rs", "spec.rs", "rules.rs", "describe.rs"}
# `gate::Column::Status.eq("open")`, `C::Status.ne("x")`, `Column::Kind.is_in(["a", …])`.
LITERAL_EQ = re.compile(r'\b[A-Z]\w*::[A-Z]\w*\s*\.\s*(?:eq|ne|is_in|is_not_in)\(\s*(?:\[\s*|vec!\[\s*)?"')
WHOLE = re.compile(r'^\s*//!\s*Whole:\s*\S')

def rel(path):
    return os.path.relpath(path, root)

def rust_files(top):
    top = os.path.join(root, top)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in ("target", "node_modules", "dist"))
        for name in sorted(filenames):
            if name.endswith(".rs"):
                yield os.path.join(dirpath, name)

def lines_of(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().split("\n")

offenders = {"a": [], "b": [], "c": [], "d": []}

# (a) sea-orm in the HTTP layer.
for path in rust_files("backend/src"):
    parts = rel(path).split(os.sep)
    if not (parts[-1] == "http.rs" or (len(parts) >= 2 and parts[-2] == "http")):
        continue
    for n, line in enumerate(lines_of(path), 1):
        if line.lstrip().startswith("//"):
            continue
        found = [p for p in HTTP_PATTERNS if p in line]
        if found:
            offenders["a"].append(f"{rel(path)}:{n}: {', '.join(found)}: {line.strip()}")

# (b) backend/src/api/ holds only the spec assembly.
api = os.path.join(root, "backend/src/api")
if os.path.isdir(api):
    for name in sorted(os.listdir(api)):
        if name not in API_ALLOWED:
            kind = "folder" if os.path.isdir(os.path.join(api, name)) else "file"
            offenders["b"].append(f"backend/src/api/{name} ({kind})")

# (c) files over 400 lines.
for top in ("backend/src", "frontend/src", "types/src", "migrations"):
    for path in rust_files(top):
        parts = rel(path).split(os.sep)
        if "tests" in parts[:-1] or parts[-1] == "tests.rs":
            continue
        lines = lines_of(path)
        if lines and lines[-1] == "":
            lines = lines[:-1]
        counted = len(lines)
        for i, line in enumerate(lines):
            if line.strip().startswith("#[cfg(test)]"):
                counted = i
                break
        if counted <= LIMIT:
            continue
        opening = []
        for line in lines:
            if line.strip() == "" or line.lstrip().startswith("//"):
                opening.append(line)
            else:
                break
        if any(WHOLE.match(line) for line in opening):
            continue
        offenders["c"].append(f"{rel(path)} ({counted} lines)")

# (d) string literals compared with entity columns.
for path in rust_files("backend/src"):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for m in LITERAL_EQ.finditer(text):
        n = text.count("\n", 0, m.start()) + 1
        line = text.split("\n")[n - 1].strip()
        offenders["d"].append(f"{rel(path)}:{n}: {line}")

rules = {
    "a": "sea-orm query calls in an HTTP file (move them to the capability's repo.rs/service.rs)",
    "b": "backend/src/api/ holds more than the spec assembly (mod.rs, spec.rs, rules.rs, describe.rs)",
    "c": f"source files over {LIMIT} lines (tests not counted) without a `//! Whole: <why>` line in their opening comment",
    "d": "an entity column compared with a string literal (`Column::X.eq(\"...\")`; compare with the enum)",
}
total = sum(len(v) for v in offenders.values())
if total == 0:
    print("layout: no sea-orm in http files, api/ is the spec assembly, no file over 400 lines, no column compared with a literal")
    sys.exit(0)
print(f"FAIL: layout check found {total} offender(s)", file=sys.stderr)
for key, found in offenders.items():
    if found:
        print(f"\n({key}) {rules[key]}: {len(found)}", file=sys.stderr)
        for item in found:
            print(f"  {item}", file=sys.stderr)
sys.exit(1)
PY
