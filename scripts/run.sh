#!/usr/bin/env bash
# The README's first command: install what the build lacks, build the release, and serve the
# app on SQLite (./data/recovery-commons.db, created and migrated on first start). On the very
# first start the console shows a one-time sign-in link for the site administrator.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/install-tools.sh
echo "==> Building the release (the first build takes about 15 minutes)"
cargo leptos build --release
scripts/build-bundles.sh
target/release/recovery-commons precompress
echo "==> Starting Recovery Commons (Ctrl-C to stop)"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec target/release/recovery-commons serve "$@"
