#!/usr/bin/env bash
# End-to-end test of the real desktop app: builds the UI and the debug app,
# installs tauri-driver if missing, and runs ui/e2e/app.e2e.mjs (plain
# WebDriver over HTTP) under Xvfb: create a vault, add a Kazakh case, find
# it, count it, export the PDF, markup renders as text, lock and unlock.
# Exits non-zero on failure; the last line reads "e2e: N passed, M failed".
# Screenshots and logs go to out/e2e/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

if [ ! -d ui/node_modules ]; then npm --prefix ui ci --no-audit --no-fund --loglevel=error; fi
npm --prefix ui run build --silent
cargo build -p kuzet-app

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --version '^2' --locked
fi
for tool in WebKitWebDriver xvfb-run node; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

work=$root/out/e2e
rm -rf "$work"
mkdir -p "$work"
export KUZET_APP=$target/debug/kuzet-app
export KUZET_E2E_DIR=$work
export KUZET_TEST_SAVE_PATH=$work/overview.pdf
# The app's config (recent vaults) and WebKit's caches stay in the scratch dir.
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_CACHE_HOME=$work/xdg/cache

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -u
  tauri-driver --port 4444 --native-port 4445 >"$KUZET_E2E_DIR/tauri-driver.log" 2>&1 &
  driver=$!
  up() { (echo >/dev/tcp/127.0.0.1/$1) 2>/dev/null; }
  for _ in $(seq 1 150); do up 4444 && break; sleep 0.1; done
  node ui/e2e/app.e2e.mjs
  rc=$?
  kill "$driver" 2>/dev/null
  wait "$driver" 2>/dev/null
  exit $rc
'
