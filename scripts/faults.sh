#!/usr/bin/env bash
# Fault runs against the release binary: kill -9 in a vote storm (SQLite and PostgreSQL), a
# full disk on a small tmpfs, PostgreSQL stopped and started, SIGTERM with live screens
# open, slow headers. Prints acknowledged against stored ballots per run; exits non-zero if
# any acknowledged ballot is lost. Some runs need root (mounting a tmpfs, stopping
# PostgreSQL) and say SKIP without it. Pick runs by name: scripts/faults.sh kill9 disk
# (kill9, disk, sigterm, slow, pgrestart). Not part of scripts/test.sh: it stops the
# machine's PostgreSQL for a moment and takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [[ ! -x target/release/recovery-commons ]] || [[ -n "$(find app server -newer target/release/recovery-commons -name '*.rs' -print -quit)" ]]; then
  echo "==> Building the release binary"
  cargo leptos build --release
  scripts/build-bundles.sh
  target/release/recovery-commons precompress
fi
exec python3 scripts/faults.py "$@"
