#!/usr/bin/env bash
# Builds the UI and the desktop app and starts it with a demo vault, which
# the unlock screen offers (passphrase "demo").
#   scripts/run-app.sh            debug build
#   scripts/run-app.sh --release  release build
# KUZET_DEMO_VAULT=<path> picks the demo vault (made with `kuzet demo` when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
profile=debug
cargo_flags=()
if [ "${1:-}" = "--release" ]; then profile=release; cargo_flags=(--release); fi

scripts/setup.sh   # system packages and the UI's npm packages, only what is missing
npm --prefix ui run build --silent
cargo build "${cargo_flags[@]}" -p kuzet-app -p kuzet-cli

demo=${KUZET_DEMO_VAULT:-$root/out/demo.kuzet}
if [ ! -e "$demo" ]; then
  mkdir -p "$(dirname "$demo")"
  env -u KUZET_PASSPHRASE "$target/$profile/kuzet" --vault "$demo" demo
fi
export KUZET_DEMO_VAULT=$demo
exec "$target/$profile/kuzet-app"
