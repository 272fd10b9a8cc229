#!/usr/bin/env bash
# Desktop app timings on a vault of 100,000 cases: cold start to the unlock
# screen, and unlock to the first listed page (targets: < 1.5 s and < 1 s on
# 2 cores). Builds the UI and the app in release mode (pass --debug for a
# debug build), makes the vault once (out/bench/, git-ignored) through the
# `kuzet` CLI, then runs ui/e2e/bench.mjs under Xvfb via tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
profile=release
flags=(--release)
if [ "${1:-}" = "--debug" ]; then profile=debug; flags=(); fi

if [ ! -d ui/node_modules ]; then npm --prefix ui ci --no-audit --no-fund --loglevel=error; fi
npm --prefix ui run build --silent
cargo build "${flags[@]}" -p kuzet-app -p kuzet-cli
. scripts/webdriver.sh
webdriver_tools bench-app

work=$root/out/bench
mkdir -p "$work"
vault=$work/100k.kuzet
export KUZET_PASSPHRASE=bench-100k
if [ ! -e "$vault" ]; then
  python3 - "$work/cases.csv" <<'PY'
import csv, random, sys
random.seed(7)
cats = ["journalists.attack", "journalists.threat", "journalists.obstruction", "information.refusal",
        "information.court_publicity", "claims.civil", "claims.criminal", "claims.administrative"]
regions = ["astana", "almaty_city", "shymkent", "abai", "akmola"]
words = ["Журналист", "Тілші", "сот", "редакция", "ақпарат", "запрос", "отказ", "блогер", "шабуыл", "угроза"]
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["ref", "kind", "event_date", "category", "region", "title", "summary", "victim_name"])
    for i in range(100_000):
        y = 2020 + i % 5
        m = 1 + (i // 5) % 12
        d = 1 + (i // 60) % 28
        title = " ".join(random.choice(words) for _ in range(6)) + f" №{i}"
        w.writerow([f"bench-{i:06d}", "case", f"{y}-{m:02d}-{d:02d}", random.choice(cats),
                    random.choice(regions), title, title + ". " + title, f"Адам {i}"])
PY
  "$target/$profile/kuzet" --vault "$vault" init
  "$target/$profile/kuzet" --vault "$vault" import "$work/cases.csv"
  rm -f "$work/cases.csv"
fi

export KUZET_APP=$target/$profile/kuzet-app KUZET_BENCH_VAULT=$vault KUZET_BENCH_PASSPHRASE=$KUZET_PASSPHRASE
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_CACHE_HOME=$work/xdg/cache
with_webdriver 4444 "$work/tauri-driver.log" node ui/e2e/bench.mjs
