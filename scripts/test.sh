#!/usr/bin/env bash
# The README's second command: install what the build and the tests need, then run every
# test layer: domain and unit tests, HTTP tests on SQLite and PostgreSQL, and browser tests in
# Chromium against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/install-tools.sh --for-tests
started=$(date +%s)
# Every layer's output is also kept here, to add up the counts at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# PostgreSQL: use TEST_POSTGRES_URL if given, else the local server if one answers.
if [[ -z "${TEST_POSTGRES_URL:-}" ]]; then
  if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/test"
  fi
fi
if [[ -n "${TEST_POSTGRES_URL:-}" ]]; then
  echo "==> PostgreSQL tests will run against ${TEST_POSTGRES_URL%%@*}@…"
else
  echo "==> PostgreSQL is not reachable and TEST_POSTGRES_URL is not set:"
  echo "    the PostgreSQL HTTP tests will be SKIPPED (SQLite tests still run)."
fi

echo "==> Domain, store and server unit tests"
cargo test -p app --features ssr --lib 2>&1 | tee -a "$log"
echo "==> Server unit tests and HTTP integration tests"
cargo test -p recovery-commons 2>&1 | tee -a "$log"

echo "==> Release build for the browser tests"
cargo leptos build --release

echo "==> Browser tests (Chromium, Playwright, axe-core)"
(cd end2end && npx playwright test) 2>&1 | tee -a "$log"

if [[ -z "${TEST_POSTGRES_URL:-}" ]]; then
  echo "NOTE: the PostgreSQL tests were SKIPPED on this machine."
fi
echo "==> All test layers passed in $(( $(date +%s) - started )) s"
rust=$(grep -oE '^test result: ok\. [0-9]+ passed' "$log" | awk '{ n += $4 } END { print n + 0 }')
browser=$(grep -oE '^ +[0-9]+ passed \(' "$log" | awk '{ n += $1 } END { print n + 0 }')
echo "$((rust + browser)) passed, 0 failed"
