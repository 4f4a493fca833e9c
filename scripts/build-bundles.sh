#!/usr/bin/env bash
# Builds the browser's app once for each part of the site (app/src/ui/bundles.rs), beside the
# whole app that `cargo leptos build --release` makes (run this after it, as that empties
# target/site first). Each bundle holds only its part's pages, so no page downloads the code
# of all of them; the server falls back to the whole app for a part whose bundle is missing. Files are named by a hash of their content, as cargo-leptos names its own,
# and served as immutable. Same cargo profile, target folder and settings as cargo-leptos uses,
# so the dependencies built for the main bundle are reused.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

pkg=target/site/pkg
work=target/bundles
built=target/front/wasm32-unknown-unknown/wasm-release/app.wasm
export LEPTOS_OUTPUT_NAME=recovery-commons LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=app LEPTOS_BIN_DIR=server \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt

if [[ ! -d "$pkg" ]]; then
  echo "No $pkg: run 'cargo leptos build --release' first." >&2
  exit 1
fi

for name in main documents decisions workshops; do
  echo "==> The $name bundle"
  cargo build --package=app --lib --target-dir=target/front --target=wasm32-unknown-unknown \
    --no-default-features --features="hydrate,bundle-$name" --profile=wasm-release
  rm -rf "${work:?}/$name"
  mkdir -p "$work/$name"
  wasm-bindgen --target=web --out-name="bundle-$name" --out-dir="$work/$name" "$built"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/$name/bundle-${name}_bg.wasm" -o "$work/$name/bundle-$name.wasm"
  hash=$(cat "$work/$name/bundle-$name.wasm" "$work/$name/bundle-$name.js" | sha256sum | cut -c1-22)
  rm -f "$pkg/bundle-$name".*
  cp "$work/$name/bundle-$name.wasm" "$pkg/bundle-$name.$hash.wasm"
  cp "$work/$name/bundle-$name.js" "$pkg/bundle-$name.$hash.js"
  if [[ -d "$work/$name/snippets" ]]; then
    cp -r "$work/$name/snippets" "$pkg/"
  fi
  echo "    $pkg/bundle-$name.$hash.wasm: $(stat -c %s "$pkg/bundle-$name.$hash.wasm") bytes"
done
