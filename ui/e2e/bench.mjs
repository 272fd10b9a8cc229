// Start-up and first-page timings of the real app (plain WebDriver over
// HTTP, like app.e2e.mjs). Run through scripts/bench-app.sh, which makes a
// vault of 100,000 cases and starts tauri-driver under Xvfb. Env:
//   KUZET_APP, KUZET_BENCH_VAULT, KUZET_BENCH_PASSPHRASE, KUZET_BENCH_RUNS (default 3)
// Measures, per run (a fresh app process each time):
//   start:  new WebDriver session (launches the app) → the unlock form is shown
//   unlock: click "Unlock" → the first page of cases is listed
// Prints one JSON line per run and the medians. Timings only, no case data.

const DRIVER = process.env.KUZET_WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const { KUZET_APP: APP, KUZET_BENCH_VAULT: VAULT, KUZET_BENCH_PASSPHRASE: PASS } = process.env;
const RUNS = Number(process.env.KUZET_BENCH_RUNS ?? 3);
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.value?.message ?? ""}`);
  return json.value;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function run() {
  const t0 = performance.now();
  const { sessionId } = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP } } },
  });
  const s = (p) => `/session/${sessionId}${p}`;
  const find = async (id) =>
    (await wd("POST", s("/elements"), { using: "css selector", value: `[data-testid="${id}"]` })).map((e) => e[ELEMENT]);
  const waitFor = async (id, timeout = 30000) => {
    const until = performance.now() + timeout;
    for (;;) {
      const els = await find(id);
      if (els.length) return els[0];
      if (performance.now() > until) throw new Error(`timed out waiting for ${id}`);
      await sleep(10);
    }
  };
  try {
    await waitFor("unlock-form");
    const start = performance.now() - t0;
    await wd("POST", s(`/element/${await waitFor("vault-mode-open")}/click`), {});
    const path = await waitFor("unlock-path");
    await wd("POST", s(`/element/${path}/clear`), {});
    await wd("POST", s(`/element/${path}/value`), { text: VAULT });
    await wd("POST", s(`/element/${await waitFor("unlock-passphrase")}/value`), { text: PASS });
    const submit = await waitFor("unlock-submit");
    const t1 = performance.now();
    await wd("POST", s(`/element/${submit}/click`), {});
    await waitFor("case-row");
    const unlock = performance.now() - t1;
    const total = await wd("GET", s(`/element/${await waitFor("case-total")}/text`)).catch(() => "?");
    return { start: Math.round(start), unlock: Math.round(unlock), total };
  } finally {
    await wd("DELETE", s("")).catch(() => {});
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (let i = 0; i < RUNS; i++) {
  const r = await run();
  results.push(r);
  console.log(JSON.stringify({ run: i + 1, startMs: r.start, unlockToListMs: r.unlock, listedTotal: r.total }));
  // Let the previous app process exit: a second instance would hand over to it and quit.
  await sleep(3000);
}
console.log(
  `bench: median start-to-unlock-screen ${median(results.map((r) => r.start))} ms, ` +
    `median unlock-to-first-page ${median(results.map((r) => r.unlock))} ms over ${RUNS} runs`,
);
