#!/usr/bin/env bash
# End-to-end test of the real desktop app: builds the UI and the debug app,
# installs tauri-driver if missing, and runs ui/e2e/app.e2e.mjs (plain
# WebDriver over HTTP) under Xvfb: create a vault, add a Kazakh case, find
# it, attach evidence and save a verified copy, see the history, the trash,
# the vault check, count it, export the PDF, markup renders as text, lock and unlock, the
# idle auto-lock (in seconds: test-only KUZET_TEST_AUTOLOCK_MINUTE_SECONDS);
# then a second app start as on a desktop without any file dialog.
# Exits non-zero on failure; the last line reads "e2e: N passed, M failed".
# Screenshots and logs go to out/e2e/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

if [ ! -d ui/node_modules ]; then npm --prefix ui ci --no-audit --no-fund --loglevel=error; fi
npm --prefix ui run build --silent
cargo build -p kuzet-app
# The CLI on its own: built with the app, the shared crates would be
# compiled again with unified features.
cargo build -p kuzet-cli

. scripts/webdriver.sh
webdriver_tools e2e

work=$root/out/e2e
rm -rf "$work"
mkdir -p "$work"
export KUZET_APP=$target/debug/kuzet-app
export KUZET_E2E_DIR=$work
export KUZET_TEST_SAVE_PATH=$work/overview.pdf
# What the attachment dialog answers (paths separated by ':'); app.e2e.mjs
# writes the files before it attaches them.
export KUZET_TEST_ATTACH_PATHS=$work/evidence/өтініш.txt:$work/evidence/photo.png
# Test only: an auto-lock minute lasts 5 s and the idle check runs every
# second, so Settings' "1 minute" locks after about 5 s (the default 10
# minutes, 50 s, never fires during the scenario).
export KUZET_TEST_AUTOLOCK_MINUTE_SECONDS=5 KUZET_AUTOLOCK_CHECK_SECONDS=1
# What the exchange dialog answers: a correspondent's bundle and a damaged
# copy of it, both made by app.e2e.mjs with the kuzet CLI ($KUZET_CLI).
export KUZET_TEST_EXCHANGE_PATHS=$work/exchange/shymkent.kuzetbundle:$work/exchange/damaged.kuzetbundle
export KUZET_CLI=$target/debug/kuzet
# What the import dialog answers: a CSV app.e2e.mjs writes (with problems, then corrected).
export KUZET_TEST_IMPORT_PATH=$work/import/кейстер.csv
# The second pass starts the app through this wrapper: no D-Bus session bus
# (so no xdg-desktop-portal), nothing on PATH (so no zenity) and no test
# answers for dialogs, i.e. a desktop where no file dialog can open.
mkdir -p "$work/empty-path"
export KUZET_NO_DIALOG_APP=$work/no-dialog-app
cat >"$KUZET_NO_DIALOG_APP" <<'WRAPPER'
#!/bin/sh
unset KUZET_TEST_SAVE_PATH KUZET_TEST_OPEN_PATH KUZET_TEST_ATTACH_PATHS KUZET_TEST_IMPORT_PATH
export PATH="$KUZET_E2E_DIR/empty-path" DBUS_SESSION_BUS_ADDRESS="unix:path=$KUZET_E2E_DIR/no-such-bus"
exec "$KUZET_APP" "$@"
WRAPPER
chmod +x "$KUZET_NO_DIALOG_APP"
# The app's config (recent vaults) and WebKit's caches stay in the scratch dir.
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_CACHE_HOME=$work/xdg/cache

with_webdriver 4444 "$work/tauri-driver.log" node ui/e2e/app.e2e.mjs
