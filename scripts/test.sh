#!/usr/bin/env bash
# The README's second command: install what the build and the tests need, then run every
# test layer: domain and unit tests, HTTP tests on SQLite and PostgreSQL, and browser tests in
# Chromium against the release build.
#
# Both databases are promised, so PostgreSQL must answer (TEST_POSTGRES_URL, or the local
# server on 127.0.0.1:5432). `scripts/test.sh --sqlite-only` leaves the PostgreSQL cases out
# on purpose; they are then reported as left out, never counted as passed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

sqlite_only=false
for arg in "$@"; do
  case "$arg" in
    --sqlite-only) sqlite_only=true ;;
    *) echo "Unknown option: $arg (the only one is --sqlite-only)" >&2; exit 2 ;;
  esac
done

scripts/install-tools.sh --for-tests
started=$(date +%s)
# Every layer's output is also kept here, to add up the counts at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT

skip=()
if $sqlite_only; then
  unset TEST_POSTGRES_URL
  skip=(-- --skip postgres)
  echo "==> --sqlite-only: the PostgreSQL cases are LEFT OUT of this run"
else
  if [[ -z "${TEST_POSTGRES_URL:-}" ]]; then
    if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
      export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/test"
    else
      echo "PostgreSQL is not reachable on 127.0.0.1:5432 and TEST_POSTGRES_URL is not set." >&2
      echo "Both databases are tested. Start PostgreSQL, set TEST_POSTGRES_URL, or run" >&2
      echo "scripts/test.sh --sqlite-only to leave the PostgreSQL cases out on purpose." >&2
      exit 1
    fi
  fi
  echo "==> PostgreSQL tests will run against ${TEST_POSTGRES_URL%%@*}@…"
fi

echo "==> Domain, store and server unit tests"
cargo test -p app --features ssr --lib 2>&1 | tee -a "$log"
echo "==> Server unit tests and HTTP integration tests"
cargo test -p recovery-commons "${skip[@]}" 2>&1 | tee -a "$log"

echo "==> Release build for the browser tests"
cargo leptos build --release
scripts/build-bundles.sh
target/release/recovery-commons precompress

echo "==> Browser tests (Chromium, Playwright, axe-core)"
(cd end2end && npx playwright test) 2>&1 | tee -a "$log"

echo "==> All test layers passed in $(( $(date +%s) - started )) s"
rust=$(grep -oE '^test result: ok\. [0-9]+ passed' "$log" | awk '{ n += $4 } END { print n + 0 }')
left_out=$(grep -oE '[0-9]+ filtered out' "$log" | awk '{ n += $1 } END { print n + 0 }')
browser=$(grep -oE '^ +[0-9]+ passed \(' "$log" | awk '{ n += $1 } END { print n + 0 }')
echo "$((rust + browser)) passed, 0 failed"
if $sqlite_only; then
  echo "NOTE: --sqlite-only: ${left_out} PostgreSQL cases were LEFT OUT (not run, not counted)."
fi
