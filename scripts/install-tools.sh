#!/usr/bin/env bash
# Installs what building (and, with --for-tests, testing) Recovery Commons needs, skipping
# whatever is already present at the pinned version. Everything comes from the package
# registries: crates.io, npm, Debian. Nothing downloads a browser or a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
for_tests=false
[[ "${1:-}" == "--for-tests" ]] && for_tests=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " ${CARGO_LEPTOS_VERSION}\$"; then
  say "Installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 25 minutes on 2 cores, once)"
  cargo install cargo-leptos --locked --version "${CARGO_LEPTOS_VERSION}" --features no_downloads
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$wasm_bindgen_version" ]]; then
  echo "Could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${wasm_bindgen_version}\$"; then
  say "Installing wasm-bindgen-cli ${wasm_bindgen_version} (about 4 minutes, once)"
  # Not --locked: its own lockfile names a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "${wasm_bindgen_version}"
fi

# wasm-opt from npm's binaryen (Debian's is too old: its output breaks hydration).
if [[ ! -x tools/wasm-opt/node_modules/.bin/wasm-opt ]] || [[ tools/wasm-opt/package-lock.json -nt tools/wasm-opt/node_modules ]]; then
  say "Installing wasm-opt (npm package binaryen)"
  (cd tools/wasm-opt && npm ci --no-audit --no-fund)
fi

if $for_tests; then
  if [[ ! -x /usr/bin/chromium ]]; then
    say "Installing Chromium from Debian"
    if [[ $(id -u) -eq 0 ]]; then apt-get update -q && apt-get install -y -q chromium; else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi
  fi
  if [[ ! -d end2end/node_modules/@playwright/test ]] || [[ end2end/package-lock.json -nt end2end/node_modules ]]; then
    say "Installing the browser-test packages (Playwright, axe-core)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
