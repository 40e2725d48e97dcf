#!/usr/bin/env bash
# Builds the Varig PWA into frontend/dist/: index.html, the wasm and its JS glue, css,
# manifest, icons and the service worker. Installs what is missing (the wasm32 target,
# wasm-bindgen-cli at the version in Cargo.lock, and binaryen's wasm-opt from npm).
#
#   frontend/build.sh             # honours CARGO_TARGET_DIR, else <repo>/target
#   VARIG_WASM_OPT=0 frontend/build.sh   # skip the wasm-opt size pass
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
DIST="${VARIG_PWA_DIST:-$HERE/dist}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE=wasm-release
TRIPLE=wasm32-unknown-unknown

if [ -d "$HOME/.cargo/bin" ]; then PATH="$HOME/.cargo/bin:$PATH"; fi
log() { printf 'build.sh: %s\n' "$*" >&2; }

cd "$ROOT"

# 1. The wasm target.
if ! rustup target list --installed | grep -qx "$TRIPLE"; then
  log "adding the $TRIPLE target"
  rustup target add "$TRIPLE"
fi

# 2. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock.
wb_locked() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
WB_VERSION="$(wb_locked || true)"
if [ -z "$WB_VERSION" ]; then
  cargo metadata --format-version 1 >/dev/null # resolves the lock file
  WB_VERSION="$(wb_locked)"
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# 3. The wasm.
log "compiling varig-frontend ($PROFILE, $TRIPLE)"
cargo build --profile "$PROFILE" --target "$TRIPLE" -p varig-frontend
WASM="$TARGET_DIR/$TRIPLE/$PROFILE/varig-frontend.wasm"

rm -rf "$DIST"
mkdir -p "$DIST"
wasm-bindgen --target web --no-typescript --out-dir "$DIST" --out-name varig_frontend "$WASM"

# 4. Optional size pass with binaryen's wasm-opt from npm (Debian's binaryen is too old for
#    the features rustc emits and breaks the module).
if [ "${VARIG_WASM_OPT:-1}" != 0 ] && command -v npm >/dev/null 2>&1; then
  if [ ! -x "$HERE/node_modules/.bin/wasm-opt" ]; then
    log "installing binaryen (npm, pinned in frontend/package-lock.json)"
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || log "npm ci failed; skipping wasm-opt"
  fi
  if [ -x "$HERE/node_modules/.bin/wasm-opt" ]; then
    log "wasm-opt -Oz"
    "$HERE/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$DIST/varig_frontend_bg.wasm" -o "$DIST/varig_frontend_bg.opt.wasm"
    mv "$DIST/varig_frontend_bg.opt.wasm" "$DIST/varig_frontend_bg.wasm"
  fi
fi

# 5. Static files, with the build's version in every shell URL and the worker's cache name.
cp -R "$HERE/static/." "$DIST/"
VERSION="$(cat "$DIST/varig_frontend_bg.wasm" "$DIST/varig_frontend.js" "$HERE"/static/*.* \
  | sha256sum | cut -c1-16)"
for f in index.html boot.js sw.js; do
  sed -i "s/__VERSION__/$VERSION/g" "$DIST/$f"
done
if grep -rl "__VERSION__" "$DIST" >/dev/null; then
  log "a __VERSION__ placeholder was left in dist/"
  exit 1
fi

# 6. Brotli and gzip variants of every compressible file, which the server picks by
#    Accept-Encoding.
node "$HERE/tools/precompress.mjs" "$DIST"

raw=$(wc -c <"$DIST/varig_frontend_bg.wasm")
gz=$(gzip -9c "$DIST/varig_frontend_bg.wasm" | wc -c)
log "done: $DIST (version $VERSION; wasm $raw bytes, $gz gzipped)"
