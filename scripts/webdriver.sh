# Sourced by scripts/e2e.sh, scripts/screenshots.sh and scripts/bench-app.sh:
# what a WebDriver run of the real app needs, and one such run under Xvfb.

# webdriver_tools WHO: puts ~/.cargo/bin on PATH, installs tauri-driver when
# missing, and fails (naming WHO) when WebKitWebDriver, xvfb-run or node is
# missing (scripts/setup.sh installs them).
webdriver_tools() {
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked
  local tool
  for tool in WebKitWebDriver xvfb-run node; do
    command -v "$tool" >/dev/null || { echo "$1: $tool is missing (scripts/setup.sh installs it)" >&2; return 1; }
  done
}

# with_webdriver PORT LOG COMMAND…: runs COMMAND on a virtual 1280x800
# screen with tauri-driver listening on PORT (WebKitWebDriver on PORT+1),
# tauri-driver's output in LOG; returns COMMAND's exit status.
with_webdriver() {
  local port=$1 log=$2
  shift 2
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    port=$1 log=$2
    shift 2
    tauri-driver --port "$port" --native-port $((port + 1)) >"$log" 2>&1 &
    driver=$!
    for _ in $(seq 1 150); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
    "$@"
    rc=$?
    kill "$driver" 2>/dev/null
    wait "$driver" 2>/dev/null
    exit $rc
  ' with-webdriver "$port" "$log" "$@"
}
