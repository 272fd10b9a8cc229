// End-to-end test of the real Kuzet app: plain WebDriver over HTTP (Node 20
// fetch, no dependencies; helpers in wd.mjs) against tauri-driver (port
// 4444), which drives WebKitWebDriver and the debug binary. Run through
// scripts/e2e.sh, which starts tauri-driver under Xvfb and sets:
//   KUZET_APP            absolute path of the kuzet-app binary
//   KUZET_NO_DIALOG_APP  a wrapper that starts it as on a desktop without
//                        xdg-desktop-portal or zenity (no session bus, empty
//                        PATH, no test dialog answers)
//   KUZET_E2E_DIR        an empty scratch directory (vault, PDF, screenshots)
// The app itself is started by tauri-driver with KUZET_TEST_SAVE_PATH
// (inherited) so the PDF export needs no dialog, KUZET_TEST_ATTACH_PATHS
// (':'-separated; this script writes those files) for the attachment dialog, and with
// KUZET_TEST_AUTOLOCK_MINUTE_SECONDS / KUZET_AUTOLOCK_CHECK_SECONDS so the
// idle lock happens in seconds.
// Two passes (one app start each): the main scenario, then the no-dialog pass.
// Prints "e2e: N passed, M failed" and exits non-zero on any failure.

import { readFileSync, writeFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { join, dirname, basename } from "node:path";
import {
  startSession, endSession, wd, s, sleep, find, waitFor, waitUntil, click, text, exec, type, choose, visible,
  screenshot as shoot, dictionaries, t, uiLang,
} from "./wd.mjs";

const APP = process.env.KUZET_APP;
const NO_DIALOG_APP = process.env.KUZET_NO_DIALOG_APP;
const DIR = process.env.KUZET_E2E_DIR;
const SAVE_PATH = process.env.KUZET_TEST_SAVE_PATH;
const MINUTE_S = Number(process.env.KUZET_TEST_AUTOLOCK_MINUTE_SECONDS ?? "0");
// What the attachment dialog answers: a text file, then a PNG.
const ATTACH = (process.env.KUZET_TEST_ATTACH_PATHS ?? "").split(":").filter(Boolean);
const EXCHANGE = (process.env.KUZET_TEST_EXCHANGE_PATHS ?? "").split(":").filter(Boolean);
const CLI = process.env.KUZET_CLI;
// What the import dialog answers: a CSV this script writes (first with problems, then corrected).
const IMPORT_PATH = process.env.KUZET_TEST_IMPORT_PATH;
if (!APP || !NO_DIALOG_APP || !DIR || !SAVE_PATH || !(MINUTE_S >= 1 && MINUTE_S <= 60) || ATTACH.length !== 2) {
  console.error(
    "e2e: set KUZET_APP, KUZET_NO_DIALOG_APP, KUZET_E2E_DIR, KUZET_TEST_SAVE_PATH, KUZET_TEST_ATTACH_PATHS (two files) and KUZET_TEST_AUTOLOCK_MINUTE_SECONDS (use scripts/e2e.sh)",
  );
  process.exit(2);
}
const SHOTS = join(DIR, "shots");
mkdirSync(SHOTS, { recursive: true });
const screenshot = (name) => shoot(SHOTS, name);
const dict = dictionaries();

async function noAlert() {
  try {
    const msg = await wd("GET", s("/alert/text"));
    return `an alert is open: ${msg}`;
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
const STAFF = "Айгүл Серікқызы";
const OUTLET = "«Орда.kz»";
const TRASH_TITLE = "Себетке жылжытылатын іс";
// A 1×1 PNG, and a statement, as the evidence attached to the first case.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==", "base64");
const STATEMENT = Buffer.from("Тілшінің өтініші: 2024 жылғы 14 мамырда сот ғимаратына жіберілмедім.\n", "utf8");
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
/** A dictionary string with its simple {name} placeholders filled (no plurals). */
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

async function addCase({ title, summary, victimName, date, privateNames, language }) {
  await click("nav-cases");
  await click("new-case");
  await waitFor("case-form");
  await type("case-title", title);
  await type("case-summary", summary);
  await type("case-event-date", date);
  await choose("case-category", "journalists.obstruction");
  await choose("case-region", "almaty_city");
  if (language) await choose("case-language", language);
  if (victimName) await type("case-victim-name", victimName);
  if (privateNames) await type("case-private-names", privateNames);
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
  ["evidence: attach two files, see them, save a verified copy; the history lists the changes and restores a version", async () => {
    await click("nav-settings");
    await type("settings-staff-name", STAFF);
    await click("settings-save");
    await waitFor("settings-saved");
    mkdirSync(dirname(ATTACH[0]), { recursive: true });
    writeFileSync(ATTACH[0], STATEMENT);
    writeFileSync(ATTACH[1], PNG);
    await click("nav-cases");
    await type("case-search", KK_NAME + "\uE007");
    await waitUntil("one matching row", async () => (await find("case-row")).length === 1);
    await click("case-row-open");
    await waitFor("evidence", { timeout: 10000 });
    await click("evidence-add");
    await waitFor("evidence-item", { count: 2, timeout: 15000 });
    const rows = await exec(
      `return [...document.querySelectorAll('[data-testid="evidence-item"]')].map((li) => ({
         name: li.querySelector('[data-testid="evidence-name"]').textContent,
         sha: li.querySelector('[data-testid="evidence-sha"]').getAttribute('title'),
         added: li.querySelector('[data-testid="evidence-added"]').textContent }))`,
    );
    if (rows.map((r) => r.name).join("|") !== ATTACH.map((p) => basename(p)).join("|")) throw new Error(`the panel lists ${JSON.stringify(rows)}`);
    if (!rows[0].sha.endsWith(sha256(STATEMENT)) || !rows[1].sha.endsWith(sha256(PNG))) throw new Error(`wrong fingerprints: ${JSON.stringify(rows)}`);
    if (!rows.every((r) => r.added.includes(STAFF))) throw new Error(`not added by ${STAFF}: ${JSON.stringify(rows)}`);
    await waitFor("evidence-thumb", { timeout: 10000 });
    await exec(`document.querySelector('[data-testid="evidence"]').scrollIntoView({ block: 'center' }); return true;`);
    await screenshot("04b-evidence");
    // "Save a copy…" of the statement: the test save path with its extension.
    const out = SAVE_PATH.replace(/\.pdf$/, ".txt");
    rmSync(out, { force: true });
    await click("evidence-save");
    await waitUntil("the copy is written", () => existsSync(out), 15000);
    if (!readFileSync(out).equals(STATEMENT)) throw new Error("the saved copy differs from the attached file");
    await waitUntil("the verified hash is shown", async () => (await text("evidence-result")).includes(sha256(STATEMENT)));
    // An edit, then the history: newest first, the field change and the attachments.
    await type("case-outlet", OUTLET);
    await click("case-save");
    await waitFor("case-saved", { timeout: 10000 });
    const lang = await uiLang();
    const label = t(dict[lang], "fields.outlet");
    await waitUntil("the history shows the outlet change first", async () => {
      const first = await exec(`return document.querySelector('[data-testid="history-entry"]')?.innerText ?? ""`);
      return first.includes(`${label}:`) && first.includes(`→ ${OUTLET}`) && first.includes(STAFF);
    }, 15000);
    const history = await text("history-list");
    const attached = t(dict[lang], "history.fileAdded");
    if (history.split(attached).length - 1 !== 2) throw new Error(`the history does not list both attachments: ${history.slice(0, 400)}`);
    await exec(`document.querySelector('[data-testid="history"]').scrollIntoView({ block: 'start' }); return true;`);
    await screenshot("04c-history");
    // Restore the version from before the edit: a new change, the outlet empty again.
    await click("history-restore");
    await click("confirm-ok");
    await waitFor("history-restored", { timeout: 10000 });
    await waitUntil("the editor shows the restored version", async () =>
      (await exec(`return document.querySelector('[data-testid="case-outlet"]').value`)) === "", 10000);
    await waitUntil("the restore is the newest entry", async () => {
      const first = await exec(`return document.querySelector('[data-testid="history-entry"]')?.innerText ?? ""`);
      return first.includes(`${label}:`) && first.includes(`${OUTLET} →`);
    }, 10000);
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
  ["private names never reach the PDF; the check asks about the others first", async () => {
    await addCase({
      title: "Айгерімге қоқан-лоқы көрсетілді",
      summary: "Блогер Айгерімнің парақшасын Петров бұғаттады. Журналист Ерлан Нұрланұлы хабарлады. Иванова куә болды.",
      victimName: "", date: `${MONTH}-16`, privateNames: "Айгерім; Иванов",
    });
    rmSync(SAVE_PATH, { force: true });
    await click("nav-overview");
    await type("overview-month", MONTH + "\uE007");
    await waitFor("overview-section", { timeout: 15000 });
    await click("export-pdf-ru");
    await waitFor("name-check", { timeout: 15000 });
    await waitFor("name-candidate", { count: 2 });
    await screenshot("06b-name-check");
    const listed = await exec(
      `return [...document.querySelectorAll('[data-testid="name-candidate-input"]')].map((i) => i.value).join("|")`,
    );
    if (listed !== "Петров|Ерлан Нұрланұлы") throw new Error(`the check lists: ${listed}`);
    if (existsSync(SAVE_PATH)) throw new Error("a PDF was written before the names were checked");
    await click("name-hide"); // Петров, in his case
    await waitUntil("one name left", async () => (await find("name-candidate")).length === 1, 15000);
    await click("name-public"); // Ерлан Нұрланұлы, a journalist who agreed
    await waitFor("name-check-clear", { timeout: 15000 });
    await click("name-check-continue");
    await waitUntil("the PDF is written", () => existsSync(SAVE_PATH), 30000);
    const pdf = execFileSync("pdftotext", ["-enc", "UTF-8", SAVE_PATH, "-"]).toString("utf8").replace(/\s+/g, " ");
    for (const name of ["Айгерім", "Петров", "Иванов"]) {
      if (pdf.includes(name)) throw new Error(`the PDF prints the private name ${name}`);
    }
    if (!pdf.includes("Ерлан Нұрланұлы") || !pdf.includes("гр. А.")) throw new Error(`the PDF text: ${pdf.slice(0, 400)}`);
    await click("nav-settings");
    await waitUntil("the public figure is listed in Settings", async () =>
      (await exec(`return document.querySelector('[data-testid="settings-public-figures"]')?.value ?? ""`)).includes("Ерлан Нұрланұлы"));
  }],
  ["a public copy of the cases hides the private names", async () => {
    // The test save path with the export's own extension.
    const out = SAVE_PATH.replace(/\.pdf$/, ".csv");
    rmSync(out, { force: true });
    await click("nav-cases");
    await click("export-cases-open");
    await click("export-edition-public");
    await type("export-month", MONTH);
    await screenshot("06c-export-cases");
    await click("export-cases-go");
    await waitUntil("the public copy is written", () => existsSync(out), 30000);
    const csv = readFileSync(out, "utf8");
    if (!csv.startsWith("\uFEFF# Kuzet public copy")) throw new Error(`the file starts ${JSON.stringify(csv.slice(0, 60))}`);
    for (const name of ["Айгерім", "Петров", "Иванов"]) {
      if (csv.includes(name)) throw new Error(`the public copy holds ${name}`);
    }
    if (!csv.includes(KK_TITLE)) throw new Error("the public copy lacks the other case");
    await waitFor("export-cases-result");
  }],
  ["import: a CSV with problems is listed and refused, the corrected file imports", async () => {
    if (!IMPORT_PATH) throw new Error("set KUZET_TEST_IMPORT_PATH (use scripts/e2e.sh)");
    mkdirSync(dirname(IMPORT_PATH), { recursive: true });
    const header = "ref,event_date,category,region,title,victim_type,victim_name";
    const rows = [
      "IMP-1,2024-04-11,journalists.threat,east_kazakhstan,Өскемен тілшісіне телефонмен қоқан-лоққы,journalist,Гүлнар Сейітқызы",
      "IMP-2,11.04.2024,information.refusal,east_kazakhstan,Әкімдік сұрауға жауап бермеді,media_outlet,«Үскемен жаңалықтары»",
      "IMP-3,2024-04-12,information.nope,east_kazakhstan,Сайт бұғатталды,media_outlet,«Үскемен жаңалықтары»",
    ];
    writeFileSync(IMPORT_PATH, [header, ...rows, ""].join("\n"));
    await click("nav-cases");
    await click("import-cases-open");
    await click("import-pick");
    await waitFor("import-problem", { count: 2, timeout: 15000 });
    const lang = await uiLang();
    // The problems in each language of the UI, then back to the one in use.
    for (const [i, l] of ["kk", "ru", "en", lang].entries()) {
      await choose("lang-switch", l);
      await waitUntil(`the UI in ${l}`, async () => (await uiLang()) === l);
      const where = fill(t(dict[l], "import.lineColumn"), { line: 3, column: "event_date" });
      const why = fill(t(dict[l], "validation.notADate"), { value: "11.04.2024" });
      await waitUntil(`the first problem in ${l}`, async () =>
        (await exec(`return document.querySelector('[data-testid="import-problem"]').textContent`)).trim() === `${where}: ${why}`, 5000);
      if (i < 3) await screenshot(`06c1-import-problems-${l}`);
    }
    if ((await exec(`return document.querySelector('[data-testid="import-go"]').disabled`)) !== true)
      throw new Error("Import is offered for a file with problems");
    await type("case-search", "Өскемен тілшісіне" + "\uE007");
    await waitUntil("nothing was imported", async () => (await find("case-row")).length === 0, 10000);
    writeFileSync(IMPORT_PATH, [header, rows[0], rows[1].replace("11.04.2024", "2024-04-11"),
      rows[2].replace("information.nope", "information.blocking"), ""].join("\n"));
    await click("import-recheck");
    await waitFor("import-counts", { timeout: 15000 });
    const add = (await text("import-add")).trim();
    if (add !== fill(t(dict[lang], "import.wouldAdd"), { n: 3 })) throw new Error(`the check says ${add}`);
    await screenshot("06c2-import-check");
    await click("import-go");
    await waitFor("import-result", { timeout: 15000 });
    const done = (await text("import-result")).trim();
    if (done !== fill(t(dict[lang], "import.done"), { added: 3, updated: 0, unchanged: 0 })) throw new Error(`the import says ${done}`);
    await waitUntil("the imported case is listed", async () => (await find("case-row")).length === 1, 10000);
    await type("case-search", "\uE007");
  }],
  ["the overview editor: publication date, remove an entry, reset", async () => {
    await click("nav-overview");
    await type("overview-month", MONTH + "\uE007");
    await click("overview-view-edit");
    await waitFor("overview-entry", { timeout: 15000 });
    await type("overview-pubdate", "2024-06-31");
    await waitFor("overview-pubdate-error");
    await type("overview-pubdate", "2024-06-03");
    await waitUntil("the date is accepted", async () => (await find("overview-pubdate-error")).length === 0);
    const label = await exec(`return document.querySelector('[data-testid="overview-entry"] .entrylabel').textContent`);
    const removed = label.includes(KK_TITLE) ? KK_TITLE : "қоқан-лоқы";
    if (!label.includes(removed)) throw new Error(`unexpected first entry ${label}`);
    await click("overview-entry-remove");
    await waitFor("overview-excluded");
    await click("overview-save");
    await click("overview-view-preview");
    await waitFor("overview-preview", { timeout: 15000 });
    await waitUntil("the removed entry is not previewed", async () => !(await text("overview-preview")).includes(removed), 15000);
    await screenshot("06d-overview-entry-removed");
    await click("overview-view-edit");
    await click("overview-reset");
    await click("overview-confirm-yes");
    await waitUntil("the default draft is back", async () => (await find("overview-excluded")).length === 0, 15000);
    const date = await exec(`return document.querySelector('[data-testid="overview-pubdate"]').value`);
    if (date === "2024-06-03") throw new Error("the reset kept the edited publication date");
  }],
  ["trash: move a case to the trash, see it there, restore it", async () => {
    await addCase({ title: TRASH_TITLE, summary: "Уақытша іс.", victimName: "", date: "2024-04-18" });
    const lang = await uiLang();
    await click("case-delete");
    await click("confirm-ok");
    await waitFor("case-table", { timeout: 10000 });
    const label = fill(t(dict[lang], "trash.open"), { n: 1 });
    await waitUntil(`the button reads ${label}`, async () => (await text("trash-open")).trim() === label);
    if ((await text("case-table")).includes(TRASH_TITLE)) throw new Error("the trashed case is still listed");
    await click("trash-open");
    await waitFor("trash-item", { timeout: 10000 });
    if (!(await text("trash-list")).includes(TRASH_TITLE)) throw new Error(`the trash lists ${await text("trash-list")}`);
    await screenshot("06e-trash");
    await click("trash-restore");
    await waitFor("trash-none", { timeout: 10000 });
    await click("trash-close");
    await type("case-search", TRASH_TITLE + "\uE007");
    await waitUntil("the restored case is listed", async () => (await find("case-row")).length === 1 && (await text("case-table")).includes(TRASH_TITLE));
    await type("case-search", "\uE007");
  }],
  ["integrity: the vault check re-hashes the attachments and follows the history", async () => {
    await click("nav-settings");
    await click("verify-button");
    await waitFor("verify-ok", { timeout: 30000 });
    const ok = await text("verify-ok");
    if (!/\b2\b/.test(ok) || !/[0-9a-f]{12}/.test(ok)) throw new Error(`the check says ${ok}`);
    if ((await find("verify-problem")).length) throw new Error("the check reports a problem");
    await screenshot("06f-integrity");
  }],
  ["exchange: a correspondent's bundle is previewed and applied, a damaged copy refused, the duplicate merged, a bundle sent back", async () => {
    if (!CLI || EXCHANGE.length !== 2) throw new Error("set KUZET_CLI and KUZET_TEST_EXCHANGE_PATHS (use scripts/e2e.sh)");
    const xdir = dirname(EXCHANGE[0]);
    mkdirSync(xdir, { recursive: true });
    const corr = join(xdir, "shymkent.kuzet");
    const kuzet = (...args) =>
      execFileSync(CLI, ["--vault", corr, ...args], { env: { ...process.env, KUZET_PASSPHRASE: "тілші-2024" }, encoding: "utf8" });
    await click("nav-exchange");
    await type("exchange-identity-name", "Алматы, орталық кеңсе");
    await click("exchange-identity-rename");
    await waitFor("exchange-identity-result", { timeout: 10000 });
    const mine = await exec(`return document.querySelector('[data-testid="exchange-identity-text"]').value`);
    if (!mine.startsWith("kuzet-id1:")) throw new Error(`the identity text is ${mine}`);
    // The correspondent: the same detention, written in Latin, and another case.
    kuzet("init");
    kuzet("identity", "name", "Шымкент тілшісі");
    writeFileSync(join(xdir, "hq.kuzetid"), mine + "\n");
    kuzet("peers", "add", join(xdir, "hq.kuzetid"), "--role", "hq", "--yes");
    const csv = [
      "ref,kind,event_date,category,region,title,victim_name,outlet",
      `SH-1,case,${MONTH}-15,journalists.obstruction,almaty_city,Journalist not let into the court building,Asem Kurmangazykyzy,`,
      `SH-2,case,${MONTH}-22,journalists.threat,shymkent,Шымкенттегі редакторға қоқан-лоқы,Ерлан Сәтбаев,`,
    ].join("\n");
    writeFileSync(join(xdir, "shymkent.csv"), csv + "\n");
    kuzet("import", join(xdir, "shymkent.csv"));
    kuzet("bundle", "export", "--to", "Алматы, орталық кеңсе", "--out", EXCHANGE[0]);
    const damaged = readFileSync(EXCHANGE[0]);
    damaged[damaged.length >> 1] ^= 0x20;
    writeFileSync(EXCHANGE[1], damaged);
    const theirs = JSON.parse(kuzet("identity", "show", "--json"));
    // Add the correspondent once its fingerprint is confirmed.
    await type("exchange-peer-text", theirs.public);
    await click("exchange-peer-read");
    await waitFor("exchange-peer-preview");
    const shown = (await text("exchange-peer-fingerprint-preview")).replace(/\s+/g, " ").trim();
    if (shown !== theirs.fingerprint) throw new Error(`the preview shows ${shown}, the correspondent has ${theirs.fingerprint}`);
    await click("exchange-peer-confirm");
    await choose("exchange-peer-role", "correspondent");
    await click("exchange-peer-add");
    await waitFor("exchange-peer-row", { timeout: 10000 });
    // Both files previewed: one would add two cases, the other is refused.
    await click("exchange-receive");
    await waitFor("exchange-file", { count: 2, timeout: 15000 });
    await waitFor("exchange-file-error", { timeout: 15000 });
    if (!(await text("exchange-file-sender")).includes("Шымкент тілшісі")) throw new Error(`sender: ${await text("exchange-file-sender")}`);
    await screenshot("06g-exchange-preview");
    await click("exchange-apply");
    await waitFor("exchange-file-applied", { timeout: 20000 });
    // The same detention from two cities: proposed, merged, counted once.
    await type("duplicates-from", `${MONTH}-01`);
    await type("duplicates-to", `${MONTH}-31`);
    await click("duplicates-apply");
    await waitFor("duplicate-row", { timeout: 15000 });
    const reasons = await text("duplicate-reasons");
    if (!/Asem Kurmangazykyzy|Әсем Құрманғазықызы/.test(reasons)) throw new Error(`the reasons say ${reasons}`);
    await exec(`document.querySelector('[data-testid="duplicates"]').scrollIntoView({ block: 'center' }); return true;`);
    await screenshot("06h-exchange-duplicate");
    await click("duplicate-merge-left");
    await click("confirm-ok");
    await waitFor("duplicates-none", { timeout: 15000 });
    // A bundle back: the correspondent applies it.
    const back = SAVE_PATH.replace(/\.pdf$/, ".kuzetbundle");
    rmSync(back, { force: true });
    await click(`exchange-send-${theirs.fingerprint.replace(/\s+/g, "")}`);
    await waitFor("exchange-send-result", { timeout: 15000 });
    if (!existsSync(back)) throw new Error(`no bundle at ${back}`);
    const applied = kuzet("bundle", "import", back);
    if (!applied.includes("from \"Алматы, орталық кеңсе\"")) throw new Error(`the correspondent says ${applied}`);
    const plain = readFileSync(back).toString("latin1");
    if (plain.includes("Kurmangazykyzy") || plain.includes("journalists.")) throw new Error("the bundle holds plaintext");
  }],
  ["annual overview: the months add up to the year and May is the summary's count; a platform class changed is marked and recounted; the PDF is written", async () => {
    // May as the monthly summary counts it.
    await click("nav-summary");
    await type("summary-month", MONTH + "\uE007");
    await waitUntil("May counted", async () => /^[1-9]\d*$/.test((await text("summary-total")).trim()));
    const may = Number((await text("summary-total")).trim());
    await click("nav-annual");
    await type("annual-year", MONTH.slice(0, 4) + "\uE007");
    await waitFor("annual-month-table", { timeout: 15000 });
    await waitUntil("the year shown", async () => (await exec(`return document.querySelector('[data-testid="annual-year-row"][aria-current]')?.querySelector('th')?.textContent ?? ""`)) === MONTH.slice(0, 4));
    const numbers = () => exec(
      `const n = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent.trim() ?? "";
       return { total: n('annual-total'), year: n('annual-year-total-' + arguments[0]), physical: n('annual-platform-physical'),
                months: Array.from({ length: 12 }, (_, i) => n('annual-month-total-' + String(i + 1).padStart(2, '0'))) };`,
      [MONTH.slice(0, 4)],
    );
    const shown = await numbers();
    const total = Number(shown.total);
    if (!/^[1-9]\d*$/.test(shown.total)) throw new Error(`the year's total is ${JSON.stringify(shown.total)}`);
    const sum = shown.months.reduce((a, m) => a + Number(m), 0);
    if (shown.months.some((m) => !/^\d+$/.test(m)) || sum !== total) throw new Error(`the months ${shown.months.join("+")} do not add up to ${total}`);
    if (Number(shown.months[Number(MONTH.slice(5)) - 1]) !== may) throw new Error(`May shows ${shown.months[4]}, the monthly summary ${may}`);
    if (shown.year !== shown.total) throw new Error(`the table of years says ${shown.year}, the total ${shown.total}`);
    await screenshot("06i-annual");
    // Every case of this run is an obstruction (non-physical by default): counted as physical once changed.
    const CAT = "journalists.obstruction";
    const changed = () => exec(`return document.querySelector('[data-testid="platform-split-row-' + arguments[0] + '"]')?.dataset.changed ?? ""`, [CAT]);
    if ((await changed()) !== "false") throw new Error(`the ${CAT} row is marked ${await changed()} before any change`);
    await choose(`platform-split-select-${CAT}`, "physical");
    await waitUntil("the row is marked changed", async () => (await changed()) === "true", 10000);
    await waitFor(`platform-split-changed-${CAT}`);
    await waitUntil("the year is counted with the new class", async () => Number((await numbers()).physical) > Number(shown.physical), 15000);
    if ((await numbers()).total !== shown.total) throw new Error("the split changed the year's total");
    await exec(`document.querySelector('[data-testid="platform-split"]').scrollIntoView({ block: 'center' }); return true;`);
    await screenshot("06j-annual-platform-split");
    await click(`platform-split-default-${CAT}`);
    await waitUntil("the row is standard again", async () => (await changed()) === "false", 10000);
    await waitUntil("counted as before", async () => (await numbers()).physical === shown.physical, 15000);
    // The annual PDF: counts only, no name check.
    rmSync(SAVE_PATH, { force: true });
    await click("annual-export-kk");
    await waitUntil("the annual PDF is written", () => existsSync(SAVE_PATH), 30000);
    const head = readFileSync(SAVE_PATH).subarray(0, 5).toString("latin1");
    if (head !== "%PDF-") throw new Error(`the exported file starts with ${JSON.stringify(head)}`);
    if ((await find("name-check")).length) throw new Error("the annual PDF asked for a name check");
    const pdf = execFileSync("pdftotext", ["-enc", "UTF-8", SAVE_PATH, "-"]).toString("utf8").replace(/\s+/g, " ");
    if (!pdf.includes("жылдық шолу") || !pdf.includes(MONTH.slice(0, 4))) throw new Error(`the annual PDF text: ${pdf.slice(0, 400)}`);
    for (const name of [KK_NAME, "Айгерім", "Петров"]) {
      if (pdf.includes(name)) throw new Error(`the annual PDF prints the name ${name}`);
    }
    await waitFor("annual-export-result");
  }],
  ["print a case: the public copy asks about its names first and hides them; the full record keeps them", async () => {
    const title = "Редакторды сотқа шақырды";
    await addCase({ title, summary: "Редактор Мәди Оспанов сотқа шақырылды, деп хабарлады тілші Дәулет Сейітов.", victimName: "", date: `${MONTH}-23` });
    await click("case-print");
    await waitFor("case-print-form");
    await choose("case-print-lang", "kk");
    await choose("case-print-edition", "public");
    rmSync(SAVE_PATH, { force: true });
    await click("case-print-submit");
    await waitFor("name-check", { timeout: 15000 });
    await waitFor("name-candidate");
    const listed = await exec(
      `return [...document.querySelectorAll('[data-testid="name-candidate-input"]')].map((i) => i.value).join("|")`,
    );
    if (!listed.includes("Оспанов")) throw new Error(`the check lists: ${listed}`);
    await exec(`document.querySelector('[data-testid="name-check"]').scrollIntoView({ block: 'center' }); return true;`);
    await screenshot("06k-case-print-check");
    if (existsSync(SAVE_PATH)) throw new Error("a PDF was written before the names were checked");
    // Hide the two people in the case (the check is asked again after each); publish anything else listed as written.
    for (let i = 0; i < 10; i++) {
      const done = await exec(
        `const li = [...document.querySelectorAll('[data-testid="name-candidate"]')].find((l) => l.querySelector('[data-testid="name-keep"]'));
         if (!li) return null;
         const name = li.querySelector('[data-testid="name-candidate-input"]').value;
         const which = /Оспанов|Сейітов/.test(name) ? 'name-hide' : 'name-keep';
         li.querySelector('[data-testid="' + which + '"]').click();
         return { which, name };`,
      );
      if (!done) break;
      if (done.which === "name-hide") {
        await waitUntil(`${done.name} is no longer listed`, async () => !(await exec(
          `return [...document.querySelectorAll('[data-testid="name-candidate-input"]')].map((i) => i.value).includes(arguments[0])`,
          [done.name],
        )), 15000);
      }
      await sleep(200);
    }
    await waitUntil("every name answered", async () => exec(`return !document.querySelector('[data-testid="name-check-continue"]').disabled`), 15000);
    await click("name-check-continue");
    await waitUntil("the public copy is written", () => existsSync(SAVE_PATH), 30000);
    await waitFor("case-print-result");
    const pub = execFileSync("pdftotext", ["-enc", "UTF-8", SAVE_PATH, "-"]).toString("utf8").replace(/\s+/g, " ");
    if (!pub.includes(title)) throw new Error(`the public copy's text: ${pub.slice(0, 400)}`);
    for (const name of ["Оспанов", "Сейітов"]) {
      if (pub.includes(name)) throw new Error(`the public copy prints the private name ${name}`);
    }
    // The editor shows the names the check hid.
    await waitUntil("the hidden names are in the case", async () =>
      (await exec(`return document.querySelector('[data-testid="case-private-names"]').value`)).includes("Оспанов"), 10000);
    // The full record: straight to PDF, every name as written.
    rmSync(SAVE_PATH, { force: true });
    await choose("case-print-edition", "full");
    await waitFor("case-print-full-warning");
    await click("case-print-submit");
    await waitUntil("the full record is written", () => existsSync(SAVE_PATH), 30000);
    if ((await find("name-check")).length) throw new Error("the full record asked for a name check");
    const full = execFileSync("pdftotext", ["-enc", "UTF-8", SAVE_PATH, "-"]).toString("utf8").replace(/\s+/g, " ");
    if (!full.includes("Оспанов")) throw new Error(`the full record lacks the name: ${full.slice(0, 400)}`);
  }],
  ["translations: a Russian case's kk translation is printed in the kk overview, which lists one untranslated entry fewer", async () => {
    const ruTitle = "Корреспондента не пустили на пресс-конференцию акимата";
    const kk = { title: "Тілшіні әкімдіктің баспасөз мәслихатына кіргізбеді", summary: "Әкімдік күзеті тілшіні баспасөз мәслихатына жібермеді." };
    await addCase({ title: ruTitle, summary: "Охрана акимата не пустила корреспондента на пресс-конференцию.", victimName: "", date: `${MONTH}-24`, language: "ru" });
    // The kk edition of May: the preview of the kk texts, and its list of entries without one.
    const kkPreview = async (shows) => {
      await click("nav-overview");
      await type("overview-month", MONTH + "\uE007");
      await click("overview-view-preview");
      await click("overview-lang-kk");
      await waitFor("overview-preview", { timeout: 15000 });
      await waitUntil(`the kk preview shows ${shows}`, async () => exec(
        `const p = document.querySelector('[data-testid="overview-preview"]');
         return !!p && p.lang === 'kk' && p.textContent.includes(arguments[0]);`, [shows]), 15000);
      await sleep(500); // a preview asked for before the language switch may still land
      await waitUntil("the kk preview settled", async () => exec(
        `return document.querySelector('[data-testid="overview-preview"]')?.lang === 'kk'`), 5000);
      return (await find("untranslated-item")).length;
    };
    // Before: the Russian case is printed as recorded, and listed.
    const before = await kkPreview(ruTitle);
    if (before < 1) throw new Error("the kk overview lists no untranslated entry");
    const listed = await exec(
      `return [...document.querySelectorAll('[data-testid="untranslated-item"]')].some((li) => li.textContent.includes(arguments[0]))`, [ruTitle]);
    if (!listed) throw new Error(`the untranslated entries do not list ${ruTitle}`);
    const count = (await text("untranslated-count")).trim();
    if (!count.includes(String(before))) throw new Error(`the notice says ${JSON.stringify(count)}, the list has ${before}`);
    // Opened from the list: its kk translation, saved.
    await exec(
      `const li = [...document.querySelectorAll('[data-testid="untranslated-item"]')].find((l) => l.textContent.includes(arguments[0]));
       li.querySelector('[data-testid="untranslated-open"]').click(); return true;`, [ruTitle]);
    await waitFor("translations", { timeout: 10000 });
    await waitUntil("the case is open", async () => (await exec(`return document.querySelector('[data-testid="case-title"]').value`)) === ruTitle);
    if ((await find("translation-title-ru")).length) throw new Error("the translations offer the text's own language");
    await type("translation-title-kk", kk.title);
    await type("translation-summary-kk", kk.summary);
    await exec(`document.querySelector('[data-testid="translations"]').scrollIntoView({ block: 'center' }); return true;`);
    await screenshot("06l-translations");
    await click("case-save");
    await waitFor("case-saved", { timeout: 10000 });
    // After: the kk title in the kk preview, one untranslated entry fewer.
    const after = await kkPreview(kk.title);
    if (after !== before - 1) throw new Error(`the kk overview lists ${after} untranslated entries, not ${before - 1}`);
    if ((await text("overview-preview")).includes(ruTitle)) throw new Error("the kk preview still prints the Russian title");
    await screenshot("06m-untranslated");
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
  ["idle: the vault locks itself after the minutes set in Settings", async () => {
    // One auto-lock minute lasts MINUTE_S seconds in this run: Settings' 1
    // minute locks after MINUTE_S s; the default 10 would take 10 × MINUTE_S.
    await click("nav-settings");
    await type("settings-autolock", "1");
    await click("settings-save");
    await waitFor("settings-saved");
    const saved = Date.now();
    await waitFor("unlock-form", { timeout: 8 * MINUTE_S * 1000 });
    const after = Date.now() - saved;
    await sleep(300);
    await screenshot("10-idle-locked");
    if (after < (MINUTE_S - 1) * 1000) throw new Error(`locked after ${after} ms, before a (test) minute of idling`);
    const lang = await uiLang();
    const notice = (await text("lock-notice")).trim();
    if (notice !== t(dict[lang], "vault.lockedIdle")) throw new Error(`the unlock screen says ${JSON.stringify(notice)}, not the idle notice in ${lang}`);
    for (const id of ["case-table", "case-row", "nav-cases", "lock-button", "settings-form"]) {
      if ((await find(id)).length) throw new Error(`[data-testid="${id}"] is still in the DOM after the idle lock`);
    }
    const html = await exec("return document.body.innerHTML");
    for (const needle of [KK_TITLE, KK_NAME, "onerror"]) {
      if (html.includes(needle)) throw new Error(`case text ${JSON.stringify(needle)} is still in the DOM after the idle lock`);
    }
    console.log(`       (locked ${after} ms after saving 1 minute = ${MINUTE_S} s)`);
  }],
  ["idle: unlocking again works, and the auto-lock goes back to 10 minutes", async () => {
    await click("vault-mode-open");
    await type("unlock-path", join(DIR, "e2e.kuzet"));
    await type("unlock-passphrase", PASS);
    await click("unlock-submit");
    await waitFor("nav-cases", { timeout: 15000 });
    await click("nav-cases");
    await waitUntil("the cases listed again", async () => (await text("case-table")).includes(KK_TITLE));
    await click("nav-settings");
    await waitFor("settings-autolock");
    const minutes = await exec(`return document.querySelector('[data-testid="settings-autolock"]').value`);
    if (minutes !== "1") throw new Error(`Settings shows ${minutes} auto-lock minutes, not the saved 1`);
    await type("settings-autolock", "10");
    await click("settings-save");
    await waitFor("settings-saved");
  }],
];

// The second pass: the app as on a desktop with neither xdg-desktop-portal
// nor zenity (scripts/e2e.sh's no-dialog-app wrapper: no D-Bus session bus,
// an empty PATH, no test answers for dialogs), so the shell's own detection
// runs. Every file dialog must end in a visible, translated message.
const noDialogSteps = [
  ["no dialog: Browse on the unlock screen says so, in kk, ru and en", async () => {
    await waitFor("unlock-browse", { timeout: 30000 });
    for (const lang of ["kk", "ru", "en"]) {
      await choose("lang-switch", lang);
      await waitUntil(`the UI in ${lang}`, async () => (await uiLang()) === lang);
      await click("unlock-browse");
      const want = t(dict[lang], "vault.noDialog");
      await waitUntil(`the ${lang} no-dialog message`, async () => (await text("unlock-error")).trim() === want, 5000);
      if (!(await visible("unlock-error"))) throw new Error("the no-dialog message is not visible");
      await screenshot(`11-no-dialog-browse-${lang}`);
    }
    if (t(dict.kk, "vault.noDialog") === t(dict.en, "vault.noDialog")) throw new Error("the kk message is the English one");
  }],
  ["no dialog: Add files says so, in the UI language", async () => {
    await choose("lang-switch", "kk");
    await type("unlock-path", join(DIR, "e2e.kuzet"));
    await type("unlock-passphrase", PASS);
    await click("unlock-submit");
    await waitFor("nav-cases", { timeout: 15000 });
    await click("nav-cases");
    await waitFor("case-row-open", { timeout: 10000 });
    await click("case-row-open");
    await click("evidence-add");
    const lang = await uiLang();
    const want = t(dict[lang], "evidence.noDialog");
    await waitUntil(`the ${lang} no-dialog message`, async () => (await text("evidence-error")).trim() === want, 10000);
    if (!(await visible("evidence-error"))) throw new Error("the no-dialog message is not visible");
    await click("lock-button");
    await waitFor("unlock-form", { timeout: 10000 });
  }],
  ["no dialog: the PDF export says so and writes nothing", async () => {
    rmSync(SAVE_PATH, { force: true });
    await choose("lang-switch", "kk");
    await type("unlock-path", join(DIR, "e2e.kuzet"));
    await type("unlock-passphrase", PASS);
    await click("unlock-submit");
    await waitFor("nav-overview", { timeout: 15000 });
    await click("nav-overview");
    await type("overview-month", MONTH + "\uE007");
    await waitFor("overview-section", { timeout: 15000 });
    await click("export-pdf-kk");
    const lang = await uiLang();
    const want = t(dict[lang], "overview.noDialog");
    await waitUntil(`the ${lang} no-dialog message`, async () => (await text("export-result")).trim() === want, 10000);
    if (!(await visible("export-result"))) throw new Error("the no-dialog message is not visible");
    const cls = await exec(`return document.querySelector('[data-testid="export-result"]').className`);
    if (!/\berror\b/.test(cls)) throw new Error(`the message is styled ${JSON.stringify(cls)}, not as an error`);
    await screenshot("12-no-dialog-export");
    if (existsSync(SAVE_PATH)) throw new Error("a PDF was written although no dialog could be shown");
  }],
  ["no dialog: the annual PDF says so and writes nothing", async () => {
    rmSync(SAVE_PATH, { force: true });
    await click("nav-annual");
    await type("annual-year", MONTH.slice(0, 4) + "\uE007");
    await waitFor("annual-total", { timeout: 15000 });
    await click("annual-export-kk");
    const lang = await uiLang();
    const want = t(dict[lang], "overview.noDialog");
    await waitUntil(`the ${lang} no-dialog message`, async () => (await text("annual-export-result")).trim() === want, 10000);
    if (!(await visible("annual-export-result"))) throw new Error("the no-dialog message is not visible");
    if (existsSync(SAVE_PATH)) throw new Error("a PDF was written although no dialog could be shown");
  }],
];

let passed = 0;
let failed = 0;
let total = 0;
for (const [app, list] of [[APP, steps], [NO_DIALOG_APP, noDialogSteps]]) {
  total += list.length;
  try {
    await startSession(app);
    for (const [name, run] of list) {
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
    console.log(`  FAIL session (${app}): ${e.message}`);
  } finally {
    await endSession();
  }
}
console.log(`e2e screenshots: ${SHOTS}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed === total ? 0 : 1);
