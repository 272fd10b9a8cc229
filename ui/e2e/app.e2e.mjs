// End-to-end test of the real Kuzet app: plain WebDriver over HTTP (Node 20
// fetch, no dependencies) against tauri-driver (port 4444), which drives
// WebKitWebDriver and the debug binary. Run through scripts/e2e.sh, which
// starts tauri-driver under Xvfb and sets:
//   KUZET_APP      absolute path of the kuzet-app binary
//   KUZET_E2E_DIR  an empty scratch directory (vault, PDF, screenshots)
// The app itself is started by tauri-driver with KUZET_TEST_SAVE_PATH
// (inherited) so the PDF export needs no dialog.
// Prints "e2e: N passed, M failed" and exits non-zero on any failure.

import { writeFileSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const DRIVER = process.env.KUZET_WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.KUZET_APP;
const DIR = process.env.KUZET_E2E_DIR;
const SAVE_PATH = process.env.KUZET_TEST_SAVE_PATH;
if (!APP || !DIR || !SAVE_PATH) {
  console.error("e2e: set KUZET_APP, KUZET_E2E_DIR and KUZET_TEST_SAVE_PATH (use scripts/e2e.sh)");
  process.exit(2);
}
const SHOTS = join(DIR, "shots");
mkdirSync(SHOTS, { recursive: true });

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
let session = null;

async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(`${method} ${path}: ${res.status} ${json?.value?.error ?? ""} ${json?.value?.message ?? ""}`);
    err.wdError = json?.value?.error;
    throw err;
  }
  return json.value;
}
const s = (path) => `/session/${session}${path}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function find(testid) {
  const els = await wd("POST", s("/elements"), { using: "css selector", value: `[data-testid="${testid}"]` });
  return els.map((e) => e[ELEMENT]);
}

async function waitFor(testid, { timeout = 10000, count = 1 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const els = await find(testid);
    if (els.length >= count) return els[0];
    if (Date.now() > until) throw new Error(`timed out waiting for [data-testid="${testid}"]`);
    await sleep(100);
  }
}

async function waitUntil(what, fn, timeout = 10000) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting until ${what} (last: ${last})`);
    await sleep(150);
  }
}

const click = async (testid) => wd("POST", s(`/element/${await waitFor(testid)}/click`), {});
const text = async (testid) => wd("GET", s(`/element/${await waitFor(testid)}/text`));
const exec = (script, args = []) => wd("POST", s("/execute/sync"), { script, args });

/** Types into an input (clearing it first), firing real key events. */
async function type(testid, value) {
  const el = await waitFor(testid);
  await wd("POST", s(`/element/${el}/clear`), {});
  if (value !== "") await wd("POST", s(`/element/${el}/value`), { text: value });
}

/** Sets a <select> (or input) value the way a user change would. */
async function choose(testid, value) {
  await waitFor(testid);
  const ok = await exec(
    `const el = document.querySelector('[data-testid="' + arguments[0] + '"]');
     if (!el) return false;
     if (el.tagName === 'SELECT' && ![...el.options].some(o => o.value === arguments[1])) return 'no option ' + arguments[1];
     el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));
     return true;`,
    [testid, value],
  );
  if (ok !== true) throw new Error(`cannot choose ${value} in ${testid}: ${ok}`);
}

async function screenshot(name) {
  try {
    const png = await wd("GET", s("/screenshot"));
    writeFileSync(join(SHOTS, `${name}.png`), Buffer.from(png, "base64"));
  } catch (e) {
    console.error(`  (screenshot ${name} failed: ${e.message})`);
  }
}

async function noAlert() {
  try {
    const t = await wd("GET", s("/alert/text"));
    return `an alert is open: ${t}`;
  } catch (e) {
    return e.wdError === "no such alert" || /alert/i.test(e.message) ? null : `alert check failed: ${e.message}`;
  }
}

// ---- the scenario ----
const KK_TITLE = "Тілшіге сот ғимаратына кіруге рұқсат берілмеді";
const KK_NAME = "Әсем Құрманғазықызы";
const XSS_TITLE = `<img src=x onerror="window.__xss=1;alert(1)">`;
const XSS_SUMMARY = `<script>window.__xss=2</script><b>bold?</b>`;
const PASS = "құпия-сөз-2024";
const MONTH = "2024-05";

async function addCase({ title, summary, victimName, date }) {
  await click("nav-cases");
  await click("new-case");
  await waitFor("case-form");
  await type("case-title", title);
  await type("case-summary", summary);
  await type("case-event-date", date);
  await choose("case-category", "journalists.obstruction");
  await choose("case-region", "almaty_city");
  if (victimName) await type("case-victim-name", victimName);
  await click("case-save");
  await waitFor("case-saved", { timeout: 10000 });
}

const steps = [
  ["create a vault", async () => {
    await waitFor("vault-mode-create", { timeout: 30000 });
    await sleep(500); // let WebKit paint before the first screenshot
    await screenshot("01-unlock-screen");
    await click("vault-mode-create");
    await type("create-path", join(DIR, "e2e.kuzet"));
    await type("create-passphrase", PASS);
    await type("create-passphrase2", PASS);
    await click("create-submit");
    await waitFor("nav-cases", { timeout: 20000 });
    await screenshot("02-unlocked");
  }],
  ["add a case with Kazakh text", async () => {
    await addCase({ title: KK_TITLE, summary: "Алматы қалалық сотында тілші отырысқа жіберілмеді.", victimName: KK_NAME, date: `${MONTH}-14` });
    await screenshot("03-case-saved");
  }],
  ["find it with an upper-case search", async () => {
    await click("nav-cases");
    await type("case-search", KK_NAME.toUpperCase());
    await click("case-search-submit");
    await waitUntil("one matching row", async () => (await find("case-row")).length === 1 && (await text("case-table")).includes(KK_TITLE));
    await screenshot("04-search");
  }],
  ["the monthly summary counts it", async () => {
    await click("nav-summary");
    await type("summary-month", MONTH + "\uE007");
    await waitUntil("total is 1", async () => (await text("summary-total")).trim() === "1");
    await sleep(300);
    await screenshot("05-summary");
    const shown = await exec(`return document.querySelector('[data-testid="summary-month"]').value`);
    const total = (await text("summary-total")).trim();
    if (shown !== MONTH || total !== "1") throw new Error(`the summary moved on to ${shown} with total ${total}`);
  }],
  ["export the month's PDF", async () => {
    await click("nav-overview");
    await type("overview-month", MONTH + "\uE007");
    await waitFor("overview-section", { timeout: 15000 });
    await screenshot("06-overview");
    await click("export-pdf-kk");
    await waitUntil("the PDF is written", () => existsSync(SAVE_PATH), 30000);
    const head = readFileSync(SAVE_PATH).subarray(0, 5).toString("latin1");
    if (head !== "%PDF-") throw new Error(`the exported file starts with ${JSON.stringify(head)}`);
    await waitFor("export-result");
  }],
  ["markup in a case renders as text", async () => {
    await exec("window.alert = (m) => { window.__alerted = String(m); };");
    await addCase({ title: XSS_TITLE, summary: XSS_SUMMARY, victimName: "", date: `${MONTH}-20` });
    await click("nav-cases");
    await type("case-search", "");
    await click("case-search-submit");
    await waitUntil("the row with the markup title", async () => (await text("case-table")).includes(XSS_TITLE));
    await screenshot("07-xss-as-text");
    const injected = await exec(
      `return { imgs: document.querySelectorAll('img[src="x"]').length,
                scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__xss')).length,
                xss: window.__xss ?? null, alerted: window.__alerted ?? null };`,
    );
    if (injected.imgs || injected.scripts || injected.xss !== null || injected.alerted !== null) {
      throw new Error(`markup was interpreted: ${JSON.stringify(injected)}`);
    }
    const alert = await noAlert();
    if (alert) throw new Error(alert);
    // The CSP refuses inline scripts even when a bug lets one into the DOM.
    const inline = await exec(
      `const el = document.createElement('script'); el.textContent = 'window.__inline = 1';
       document.head.appendChild(el); return window.__inline ?? null;`,
    );
    if (inline !== null) throw new Error("an inline script ran: the CSP is not strict");
  }],
  ["no case text in WebView storage", async () => {
    const stored = await exec(
      `const dump = (st) => { const o = {}; for (let i = 0; i < st.length; i++) { const k = st.key(i); o[k] = st.getItem(k); } return o; };
       return JSON.stringify({ local: dump(localStorage), session: dump(sessionStorage) });`,
    );
    for (const needle of [KK_TITLE, KK_NAME, "Құрманғазы", "onerror"]) {
      if (stored.includes(needle)) throw new Error(`WebView storage holds case text: ${stored.slice(0, 200)}`);
    }
  }],
  ["lock, then unlock with a wrong and the right passphrase", async () => {
    await click("lock-button");
    await waitFor("unlock-form", { timeout: 10000 });
    const leftovers = await exec("return document.body.innerText");
    if (leftovers.includes(KK_TITLE)) throw new Error("case text still on screen after locking");
    await click("vault-mode-open");
    await type("unlock-path", join(DIR, "e2e.kuzet"));
    await type("unlock-passphrase", "wrong passphrase");
    await click("unlock-submit");
    await waitFor("unlock-error", { timeout: 15000 });
    await screenshot("08-wrong-passphrase");
    if ((await find("nav-cases")).length) throw new Error("a wrong passphrase unlocked the app");
    await type("unlock-passphrase", PASS);
    await click("unlock-submit");
    await waitFor("nav-cases", { timeout: 15000 });
    await click("nav-cases");
    await waitUntil("both cases listed", async () => (await text("case-table")).includes(KK_TITLE));
    await screenshot("09-unlocked-again");
  }],
];

let passed = 0;
let failed = 0;
try {
  await waitUntil("tauri-driver answers", async () => (await fetch(`${DRIVER}/status`)).ok, 20000);
  const created = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP } } },
  });
  session = created.sessionId;
  for (const [name, run] of steps) {
    const t0 = Date.now();
    try {
      await run();
      passed++;
      console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${name}: ${e.message}`);
      await screenshot(`fail-${passed + failed}`);
    }
  }
} catch (e) {
  failed++;
  console.log(`  FAIL session: ${e.message}`);
} finally {
  if (session) await wd("DELETE", s("")).catch(() => {});
}
console.log(`e2e screenshots: ${SHOTS}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed === steps.length ? 0 : 1);
