#!/usr/bin/env bash
# Every test Kuzet has, in the order CI runs them: formatting, the core and
# CLI tests and lints (no WebKit needed), the UI's type check and unit tests,
# the desktop shell's tests and lints, then the end-to-end run of the real
# app under Xvfb.
# Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "format"
if cargo fmt --version >/dev/null 2>&1; then cargo fmt --all -- --check; else echo "rustfmt not installed: skipped"; fi

step "core and CLI tests (no WebKit)"
cargo test -p kuzet-core -p kuzet-cli

step "lints (core and CLI)"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy -p kuzet-core -p kuzet-cli --all-targets -- -D warnings
else
  echo "clippy not installed: skipped"
fi

step "API docs (core and CLI; warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p kuzet-core -p kuzet-cli

step "UI type check and unit tests"
npm --prefix ui run check
npm --prefix ui test

step "UI build (the shell embeds ui/dist)"
npm --prefix ui run build

step "desktop shell tests"
cargo test -p kuzet-app

step "lints (desktop shell)"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy -p kuzet-app --all-targets -- -D warnings
else
  echo "clippy not installed: skipped"
fi

step "API docs (desktop shell; warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p kuzet-app

step "end-to-end: the real app under Xvfb"
scripts/e2e.sh
