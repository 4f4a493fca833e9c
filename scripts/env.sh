# Sourced by the scripts: puts the pinned wasm-opt first on PATH for release builds.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$REPO_ROOT/tools/wasm-opt/node_modules/.bin:$HOME/.cargo/bin:$PATH"
