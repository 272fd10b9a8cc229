#!/usr/bin/env bash
# Screenshot tour of the real desktop app under Xvfb (1280x800): every
# screen in kk, ru and en on a fresh demo vault (the May 2024 month), via
# tauri-driver and ui/e2e/tour.mjs. Not a test and not part of
# scripts/test.sh: it is for looking at the UI. PNGs go to out/screenshots/
# (git-ignored), named <lang>-<nn>-<screen>.png.
#   scripts/screenshots.sh          all three languages
#   scripts/screenshots.sh ru       only Russian
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}

if [ ! -d ui/node_modules ]; then npm --prefix ui ci --no-audit --no-fund --loglevel=error; fi
npm --prefix ui run build --silent
cargo build -p kuzet-app -p kuzet-cli

. scripts/webdriver.sh
webdriver_tools screenshots

out=$root/out/screenshots
work=$root/out/screenshots-work
rm -rf "$out" "$work"
mkdir -p "$out" "$work"
env -u KUZET_PASSPHRASE "$target/debug/kuzet" --vault "$work/demo.kuzet" demo >/dev/null
export KUZET_APP=$target/debug/kuzet-app
export KUZET_DEMO_VAULT=$work/demo.kuzet
export KUZET_SHOTS_DIR=$out
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_CACHE_HOME=$work/xdg/cache
# Ports of their own, so a tour can run beside scripts/e2e.sh.
export KUZET_WEBDRIVER_URL=http://127.0.0.1:4454

with_webdriver 4454 "$work/tauri-driver.log" node ui/e2e/tour.mjs "$@"
