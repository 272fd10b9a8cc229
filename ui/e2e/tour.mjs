// Screenshot tour of the REAL app window (not the mock): every screen in
// kk, ru and en, on the demo vault (the May 2024 month). Run through
// scripts/screenshots.sh, which starts tauri-driver under Xvfb (1280x800)
// and sets:
//   KUZET_APP         absolute path of the kuzet-app binary
//   KUZET_DEMO_VAULT  a fresh demo vault (passphrase "demo")
//   KUZET_SHOTS_DIR   where the PNGs go (<lang>-<nn>-<screen>.png)
// Not a test: it stops at the first failure, and its PNGs are for people to
// look at. Not part of scripts/test.sh.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  startSession, endSession, sleep, find, waitFor, waitUntil, click, type, choose, exec, screenshot, uiLang,
} from "./wd.mjs";

const APP = process.env.KUZET_APP;
const DEMO = process.env.KUZET_DEMO_VAULT;
const OUT = process.env.KUZET_SHOTS_DIR;
if (!APP || !DEMO || !OUT) {
  console.error("tour: set KUZET_APP, KUZET_DEMO_VAULT and KUZET_SHOTS_DIR (use scripts/screenshots.sh)");
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const MONTH = "2024-05";
const ENTER = "\uE007";
let n = 0;
let lang = "kk";

async function shot(name) {
  await sleep(400); // let WebKit paint
  n++;
  const file = `${lang}-${String(n).padStart(2, "0")}-${name}`;
  await screenshot(OUT, file);
  console.log(`  ${file}.png`);
}

/** Scrolls the element matching `selector` to just below the sticky header. */
async function scrollTo(selector) {
  const ok = await exec(
    `const el = document.querySelector(arguments[0]); if (!el) return false;
     el.scrollIntoView({ block: 'start' });
     window.scrollBy(0, -(document.querySelector('header.top')?.offsetHeight ?? 0) - 8); // clear of the sticky header
     return true;`,
    [selector],
  );
  if (!ok) throw new Error(`nothing matches ${selector}`);
}
const scrollTop = () => exec("window.scrollTo(0, 0); document.scrollingElement.scrollTop = 0; return true;");

async function setLang(l) {
  await choose("lang-switch", l);
  await waitUntil(`the UI in ${l}`, async () => (await uiLang()) === l);
}

/** Leaves the editor even when it asks to confirm (unsaved changes). */
async function leaveTo(tab) {
  await click(tab);
  await sleep(200);
  if ((await find("confirm-ok")).length) await click("confirm-ok");
}

async function tourIn(l) {
  lang = l;
  n = 0;
  // Locked: the unlock screen, then the create form with its checks.
  if ((await find("lock-button")).length) await click("lock-button");
  await waitFor("unlock-form", { timeout: 30000 });
  await setLang(l);
  await shot("unlock");
  await click("vault-mode-create");
  await type("create-passphrase", "қысқа");
  await type("create-passphrase2", "басқа");
  await shot("create-form");
  await click("create-submit");
  await waitFor("create-error");
  await shot("create-form-error");

  // Unlocked: the demo vault opens in its saved language; switch again.
  await click("vault-mode-open");
  await type("unlock-path", DEMO);
  await type("unlock-passphrase", "demo");
  await click("unlock-submit");
  await waitFor("nav-cases", { timeout: 20000 });
  await setLang(l);
  await click("nav-cases");
  await waitFor("case-row", { timeout: 10000 });
  await shot("cases");
  await click("filters-more");
  await waitFor("filter-region");
  await shot("cases-filters");

  // A case with developments: the editor, then its timeline.
  await type("case-search", "Adilbekov" + ENTER);
  await waitUntil("the Adilbekov case", async () => (await find("case-row")).length >= 1);
  await sleep(300);
  await click("case-row-open");
  await waitFor("dev-item", { timeout: 10000 });
  await shot("editor");
  await scrollTo('[data-testid="case-victim-type"]');
  await shot("editor-middle");
  await scrollTo('[data-testid="dev-add"]');
  await shot("editor-timeline");
  // Its evidence and history panels (the demo vault's cases have no files).
  await scrollTo('[data-testid="evidence"]');
  await shot("editor-evidence");
  await scrollTo('[data-testid="history"]');
  await shot("editor-history");
  if ((await find("history-view")).length) {
    await click("history-view");
    await waitFor("history-version");
    await shot("editor-history-version");
    await click("history-version-close");
  }
  // The print: language and copy; the public copy's name check (cancelled: nothing is written).
  await scrollTo('[data-testid="case-print-panel"]');
  await click("case-print");
  await waitFor("case-print-form");
  await choose("case-print-lang", l);
  await shot("editor-print");
  await choose("case-print-edition", "full");
  await waitFor("case-print-full-warning");
  await shot("editor-print-full");
  await choose("case-print-edition", "public");
  await click("case-print-submit");
  await waitUntil("the name check (or the print's answer)", async () => (await find("name-check")).length + (await find("case-print-result")).length > 0, 15000);
  if ((await find("name-check")).length) {
    await scrollTo('[data-testid="name-check"]');
    await shot("editor-print-name-check");
    await click("name-check-cancel");
  }
  await click("case-print"); // closed again
  await click("dev-add");
  await waitFor("dev-form");
  await click("dev-save");
  await sleep(300);
  await scrollTo('[data-testid="dev-form"]');
  await shot("editor-dev-form-errors");

  // A case written in Russian, with its Kazakh and English translations.
  await leaveTo("nav-cases");
  await type("case-search", "2024-05-J02" + ENTER);
  await waitUntil("the translated case", async () => (await find("case-row")).length === 1);
  await sleep(300);
  await click("case-row-open");
  await waitFor("translation-title-kk", { timeout: 10000 });
  await waitUntil("its translations shown", async () =>
    (await exec(`return document.querySelector('[data-testid="translation-title-kk"]')?.value ?? ""`)) !== "");
  await scrollTo('[data-testid="translations"]');
  await shot("editor-translations");

  // A new case saved empty: the validation errors.
  await leaveTo("nav-cases");
  await click("new-case");
  await waitFor("case-form");
  await click("case-save");
  await waitFor("case-form-error");
  await scrollTop();
  await shot("editor-validation");

  // The month's summary and its chart.
  await leaveTo("nav-summary");
  await type("summary-month", MONTH + ENTER);
  await waitUntil("May 2024 counted", async () => {
    const v = await exec(`return document.querySelector('[data-testid="summary-total"]')?.textContent ?? ""`);
    return v.trim() !== "" && v.trim() !== "0";
  });
  await shot("summary");
  await scrollTo('[data-testid="summary-table"]');
  await shot("summary-table");
  await scrollTo(".sumgrid .side");
  await shot("summary-chart");
  // The multi-year series and its trend chart.
  await scrollTo('[data-testid="summary-series"]');
  await shot("summary-series");

  // The annual overview: the year, month by month, every year, the breakdowns, the platform split.
  await scrollTop();
  await click("nav-annual");
  await type("annual-year", MONTH.slice(0, 4) + ENTER);
  await waitUntil("2024 counted", async () => {
    const v = await exec(`return document.querySelector('[data-testid="annual-total"]')?.textContent ?? ""`);
    return v.trim() !== "" && v.trim() !== "0";
  });
  await shot("annual");
  await scrollTo('[data-testid="annual-month-table"]');
  await shot("annual-months");
  await scrollTo('[data-testid="annual-years-table"]');
  await shot("annual-years");
  await scrollTo(".breakdowns");
  await shot("annual-breakdowns");
  // A category moved to another class is marked (then put back: the demo vault keeps the standard split).
  const CAT = "journalists.threat";
  await choose(`platform-split-select-${CAT}`, "physical");
  await waitFor(`platform-split-changed-${CAT}`);
  await scrollTo(`[data-testid="platform-split-row-${CAT}"]`);
  await shot("annual-platform-split");
  await click(`platform-split-default-${CAT}`);
  await waitUntil("the standard split again", async () => (await find(`platform-split-changed-${CAT}`)).length === 0);

  // The overview: draft editor and preview.
  await scrollTop();
  await click("nav-overview");
  await type("overview-month", MONTH + ENTER);
  await click("overview-view-edit"); // the screen remembers the last view
  await waitFor("overview-section", { timeout: 15000 });
  await click(`overview-lang-${l}`);
  await shot("overview-edit");
  await scrollTo('[data-testid="overview-section"]');
  await shot("overview-edit-sections");
  // The editor's actions (undone by the reset at the end: nothing is saved).
  await scrollTop();
  await type("overview-pubdate", "2024-06-31");
  await waitFor("overview-pubdate-error");
  await shot("overview-pubdate-invalid");
  await type("overview-pubdate", "2024-06-03");
  await click("overview-add-section");
  const custom = (await find("overview-section")).length - 1;
  await exec(
    `const el = document.getElementById('ov-st-' + arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event('input', { bubbles: true })); return true;`,
    [custom, { kk: "Соттар", ru: "Суды", en: "Trials" }[l]],
  );
  await choose("overview-entry-section", String(custom)); // the first entry, into the new section
  await scrollTo(`[data-testid="overview-section"]:nth-of-type(${custom + 1})`).catch(() => exec("window.scrollTo(0, document.body.scrollHeight); return true;"));
  await shot("overview-custom-section");
  await scrollTo('[data-testid="overview-including"]');
  await exec(`document.querySelector('[data-testid="overview-including"] input[type=checkbox]').click(); return true;`);
  await click("overview-entry-remove");
  await shot("overview-including-remove");
  await exec("window.scrollTo(0, document.body.scrollHeight); return true;");
  await waitFor("overview-excluded");
  await shot("overview-excluded");
  await scrollTop();
  await click("overview-reset");
  await waitFor("overview-confirm");
  await shot("overview-reset-confirm");
  await click("overview-confirm-yes");
  await waitUntil("the default draft again", async () => (await find("overview-excluded")).length === 0);
  await scrollTop();
  await click("overview-view-preview");
  await waitFor("overview-preview", { timeout: 15000 });
  await shot("overview-preview");
  // The entries without a text in this language: the notice, and their badges in the preview.
  if ((await find("untranslated-notice")).length) {
    await scrollTo('[data-testid="untranslated-notice"]');
    await shot("overview-untranslated");
    await scrollTo('[data-testid="untranslated-badge"]');
    await shot("overview-preview-untranslated");
  }
  await scrollTo('[data-testid="overview-preview"] figure');
  await shot("overview-preview-chart");
  await scrollTop();
  // The pre-publication check a PDF export opens (cancelled: nothing is written).
  await click(`export-pdf-${l}`);
  await waitFor("name-check", { timeout: 15000 });
  await shot("overview-name-check");
  await click("name-check-cancel");

  // The export of cases: full or public copy.
  await click("nav-cases");
  await click("export-cases-open");
  await waitFor("export-cases");
  await shot("cases-export");
  await click("export-cases-open");
  await scrollTop();
  // The trash (empty on the demo vault).
  await click("trash-open");
  await waitFor("trash");
  await shot("cases-trash");
  await click("trash-close");

  // Settings, the taxonomy editor and its relabel form.
  await click("nav-settings");
  await waitFor("settings-form");
  await shot("settings");
  await scrollTo('[data-testid="passphrase-form"]');
  await shot("settings-passphrase");
  await scrollTo('[data-testid="integrity"]');
  await click("verify-button");
  await waitUntil("the vault checked", async () => (await find("verify-ok")).length + (await find("verify-problem")).length > 0, 30000);
  await shot("settings-integrity");
  await scrollTo(".taxonomy-editor");
  await shot("settings-taxonomy");
  await exec(
    `const b = document.querySelector('.taxonomy-editor .catlist li button'); b.click(); return true;`,
  );
  await sleep(200);
  await scrollTo(".taxonomy-editor .relabel");
  await shot("settings-taxonomy-relabel");
  await scrollTo(".taxonomy-editor .addcat");
  await shot("settings-taxonomy-add");
  await scrollTop();
}

let code = 0;
try {
  await startSession(APP);
  for (const l of process.argv.slice(2).length ? process.argv.slice(2) : ["kk", "ru", "en"]) {
    console.log(`tour: ${l}`);
    await tourIn(l);
  }
} catch (e) {
  console.error(`tour: FAILED in ${lang} after ${n} screenshots: ${e.message}`);
  await screenshot(OUT, `fail-${lang}`);
  code = 1;
} finally {
  await endSession();
}
console.log(`tour: screenshots in ${OUT}`);
process.exit(code);
