// Plain WebDriver over HTTP (Node 20 fetch, no dependencies) against
// tauri-driver, shared by the end-to-end test (app.e2e.mjs) and the
// screenshot tour (tour.mjs). One session at a time: `startSession(app)`
// launches the app binary (or a wrapper script that execs it) and
// `endSession()` quits it.

import { writeFileSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const DRIVER = process.env.KUZET_WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
let session = null;

export async function wd(method, path, body) {
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
export const s = (path) => `/session/${session}${path}`;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what, fn, timeout = 10000) {
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

/** Starts the app through tauri-driver (waiting for the driver first). */
export async function startSession(application) {
  await waitUntil("tauri-driver answers", async () => (await fetch(`${DRIVER}/status`)).ok, 20000);
  const created = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application } } },
  });
  session = created.sessionId;
}

/** Quits the app; never throws. */
export async function endSession() {
  if (session) await wd("DELETE", s("")).catch(() => {});
  session = null;
}

export async function find(testid) {
  const els = await wd("POST", s("/elements"), { using: "css selector", value: `[data-testid="${testid}"]` });
  return els.map((e) => e[ELEMENT]);
}

export async function waitFor(testid, { timeout = 10000, count = 1 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const els = await find(testid);
    if (els.length >= count) return els[0];
    if (Date.now() > until) throw new Error(`timed out waiting for [data-testid="${testid}"]`);
    await sleep(100);
  }
}

/** Clicks an element after scrolling it to the middle of the window, so
 * the sticky header never covers it ("element click intercepted"). */
export const click = async (testid) => {
  const el = await waitFor(testid);
  await wd("POST", s("/execute/sync"), {
    script: "arguments[0].scrollIntoView({ block: 'center' }); return true;",
    args: [{ [ELEMENT]: el }],
  });
  return wd("POST", s(`/element/${el}/click`), {});
};
export const text = async (testid) => wd("GET", s(`/element/${await waitFor(testid)}/text`));
export const exec = (script, args = []) => wd("POST", s("/execute/sync"), { script, args });

/** Types into an input (clearing it first), firing real key events. */
export async function type(testid, value) {
  const el = await waitFor(testid);
  await wd("POST", s(`/element/${el}/clear`), {});
  if (value !== "") await wd("POST", s(`/element/${el}/value`), { text: value });
}

/** Sets a <select> (or input) value the way a user change would. */
export async function choose(testid, value) {
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

/** Whether the element is on screen: laid out, not hidden, not transparent. */
export async function visible(testid) {
  return exec(
    `const el = document.querySelector('[data-testid="' + arguments[0] + '"]');
     if (!el) return false;
     const r = el.getBoundingClientRect(), st = getComputedStyle(el);
     return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none' && st.opacity !== '0';`,
    [testid],
  );
}

/** Saves a PNG of the window's viewport; never throws. */
export async function screenshot(dir, name) {
  try {
    const png = await wd("GET", s("/screenshot"));
    writeFileSync(join(dir, `${name}.png`), Buffer.from(png, "base64"));
  } catch (e) {
    console.error(`  (screenshot ${name} failed: ${e.message})`);
  }
}

/** The UI's dictionaries, to compare what is on screen with the translation. */
export function dictionaries() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "lib", "i18n");
  const load = (l) => JSON.parse(readFileSync(join(dir, `${l}.json`), "utf8"));
  return { kk: load("kk"), ru: load("ru"), en: load("en") };
}

/** A dictionary entry by dotted key, e.g. t(dict.kk, "vault.noDialog"). */
export function t(dict, key) {
  const v = key.split(".").reduce((o, k) => (o == null ? undefined : o[k]), dict);
  if (typeof v !== "string") throw new Error(`no translation ${key}`);
  return v;
}

/** The UI language now shown (the <html lang> the UI keeps in step). */
export const uiLang = () => exec("return document.documentElement.lang");
