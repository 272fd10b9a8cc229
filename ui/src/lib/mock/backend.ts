// An in-memory stand-in for the Tauri shell, used by the unit tests and by
// the dev-only mock mode (`vite --mode mock`). Never part of the production
// bundle.
//
// It has no rules of its own. Everything the core computes or checks is
// answered from `fixtures.json`, which the Rust test `tests/app/fixtures.rs`
// writes through the real commands from the demo vault (the May 2024
// overview); regenerate with `KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app
// --test app`. What is left here is state and plumbing:
//
// - the cases (seeded from `fixtures.cases`), taxonomy and settings, stored
//   as the UI sends them; editor drafts and saved overview drafts;
// - lock/unlock and the passphrase (a wrong one answers
//   `fixtures.errors.wrongPassphrase`), the file dialogs, call recording;
// - `summary_month`, `overview_draft_get` (until the UI saves one),
//   `overview_preview` and `overview_name_check` replay the fixture's answer
//   for the month. They do not follow edits: a case created or changed here
//   does not change the month's counts, draft or preview;
// - `annual_summary` replays the fixture's year; a valid year the fixture
//   does not hold answers as the fixture's empty year (the empty month's,
//   2030, with the year swapped in), one outside FIRST_EVENT_YEAR ..
//   LAST_EVENT_YEAR is refused with `fixtures.errors.yearInvalid`. `platform_split_set` only stores the class
//   sent: the year's platform counts stay the fixture's. `case_print_check`
//   replays the fixture's check of that case (none listed: no names);
// - refusals come only from `opts.reject` (tests take them from
//   `fixtures.errors`), besides the plumbing ones (locked, no such record,
//   no dialog, and paths named `inuse`/`toonew`/not `.kuzet` on open).
//
// Attachments, history and trash are in evidence.ts, exchange and duplicates
// in exchange.ts (canned answers, same rule).

import { fixtures } from "./fixtures";
import { FIRST_EVENT_YEAR, LAST_EVENT_YEAR } from "../bindings/limits";
import { createEvidence, NOT_MINE } from "./evidence";
import { createExchange } from "./exchange";
import { collateCmp } from "../collate";
import type { CommandName } from "../bindings/commands";
import type {
  NameCandidateDto,
  AppInfo,
  CaseDto,
  CaseFilterDto,
  CasePageDto,
  CaseRowDto,
  DevelopmentDto,
  IpcError,
  Lang,
  OverviewDraftDto,
  PlatformSplitRowDto,
  ReportModelDto,
  SettingsDto,
  TaxonomyDto,
  TimestampDto,
} from "../types";

/** A refusal to inject: always, or when the function returns one for the call's arguments. */
export type Rejection = IpcError | ((args: Record<string, any>) => IpcError | undefined);

export interface MockOptions {
  /** Only the first N cases of the fixture (by date, oldest first); default all. */
  cases?: number;
  /** Offer a demo vault in app_info. */
  demo?: boolean;
  /** The UI language saved in the mock vault (default: the fixture's settings). */
  uiLang?: Lang;
  /** Behave like a system without file dialogs (export and backup fail with NoDialog). */
  noDialog?: boolean;
  /** Record every call here. */
  calls?: { cmd: string; args: Record<string, unknown> | undefined }[];
  /** What the pre-publication checks list (until answered); default: the fixture's `overview_name_check`
   * for the overview, none for the cases export. */
  names?: NameCandidateDto[];
  /** What the attachment dialog answers (default: NoDialog, like the other dialogs). */
  attachPaths?: string[];
  /** What the save dialog answers (default: NoDialog). */
  savePath?: string;
  /** What the exchange open dialog answers (default: NoDialog). */
  exchangePaths?: string[];
  /** What the import open dialog answers (default: NoDialog). A path whose name has "problems" replays
   * the fixture's check with problems (its import is refused); any other the corrected file's. */
  importPath?: string;
  /** Commands to refuse, e.g. `{ case_create: fixtures.errors.caseTitleRequired }`; the only source of
   * Validation errors. Also settable later through the backend's `reject`. */
  reject?: Partial<Record<CommandName, Rejection>>;
}

export const MOCK_PATH = "/home/monitor/Documents/kuzet.kuzet";
export const DEMO_PATH = "/usr/share/kuzet/demo.kuzet";
export const MOCK_PASSPHRASE = fixtures.passphrase;
/** The publication date the fixture's drafts were saved with (also that of a month without one). */
export const PUBLICATION_DATE = Object.values(fixtures.drafts)[0]?.publicationDate ?? "2024-06-05";

function fail(code: IpcError["code"], message: string): never {
  throw { code, message } satisfies IpcError;
}

const EMPTY_YEAR = "2030"; // the fixture's empty month's year
const ts = (iso: string): TimestampDto => ({ utc: iso, local: iso.slice(0, 16).replace("T", " ") });

/** Routing only: which fixture month to answer with (the core's own refusal for anything else). */
function monthKey(month: unknown): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ""));
  if (!m || +m[2] < 1 || +m[2] > 12) throw structuredClone(fixtures.errors.monthInvalid);
  return m[0];
}

const fold = (s: string) => s.toLocaleLowerCase("ru");

export function createMockBackend(opts: MockOptions = {}) {
  const taxonomy: TaxonomyDto = structuredClone(fixtures.taxonomy);
  const cases = new Map<string, CaseDto>(
    structuredClone(fixtures.cases.slice(0, opts.cases ?? fixtures.cases.length)).map((c) => [c.id, c]),
  );
  const drafts = new Map<string, unknown>();
  const overviewDrafts = new Map<string, OverviewDraftDto>();
  const platformSplit: PlatformSplitRowDto[] = structuredClone(fixtures.platformSplit);
  const reject: Partial<Record<string, Rejection>> = { ...opts.reject };
  let unlocked = false;
  let passphrase = MOCK_PASSPHRASE;
  let idSeq = 0;
  // Another block than the fixture's ids (…-8000-…), so they never meet.
  const newId = () => `00000000-0000-4000-9000-${String(++idSeq).padStart(12, "0")}`;
  let settings: SettingsDto = { ...structuredClone(fixtures.settings), ...(opts.uiLang ? { uiLang: opts.uiLang } : {}) };
  const evidence = createEvidence(cases, () => settings.staffName, opts);
  let exchange: ReturnType<typeof createExchange> | null = null;

  function requireUnlocked() {
    if (!unlocked) fail("Locked", "the vault is locked; unlock it first");
  }

  /** The names listed minus those answered (public figures, names hidden in a case). */
  function nameCandidates(listed: NameCandidateDto[]): NameCandidateDto[] {
    const marked = [...cases.values()].flatMap((c) => c.data.privateNames);
    return listed.filter((n) => !settings.publicFigures.includes(n.name) && !marked.includes(n.name)).map((n) => structuredClone(n));
  }
  const overviewNames = (month: string, lang: Lang) => nameCandidates(opts.names ?? fixtures.nameChecks[month]?.[lang] ?? []);
  const exportNames = () => nameCandidates(opts.names ?? []);
  const printNames = (caseId: string) => nameCandidates(fixtures.casePrintChecks.find((c) => c.caseId === caseId)?.names ?? []);

  // The list screen's search over the stored cases (plumbing for paging; the
  // core's search folds more and orders ties by reference). Like the core's
  // it looks in the translations and the developments too.
  const groupOf = (cat: string) => taxonomy.groups.find((g) => g.categories.some((c) => c.code === cat))?.code ?? "";
  const texts = (d: { title: string; summary: string; translations?: { title: string; summary: string }[] }) =>
    [d.title, d.summary, ...(d.translations ?? []).flatMap((t) => [t.title, t.summary])];
  const searchText = ({ data: d, developments }: CaseDto) =>
    [...texts(d), d.victimName, d.outlet, d.ref ?? "", ...developments.flatMap((x) => texts(x.data))].join(" ");
  function matches(c: CaseDto, f: CaseFilterDto): boolean {
    const d = c.data;
    const any = (list: string[] | undefined, v: string | null) => !list?.length || list.includes(v ?? "");
    return (
      (!f.from || d.eventDate >= f.from) &&
      (!f.to || d.eventDate <= f.to) &&
      any(f.groups, groupOf(d.category)) &&
      any(f.categories, d.category) &&
      any(f.regions, d.region) &&
      any(f.victimTypes, d.victimType) &&
      any(f.perpetratorTypes, d.perpetratorType) &&
      (!f.status || d.status === f.status) &&
      (!f.kind || d.kind === f.kind) &&
      fold(f.text ?? "").split(/\s+/).filter(Boolean)
        .every((w) => fold(searchText(c)).includes(w))
    );
  }
  const row = ({ id, data: d }: CaseDto): CaseRowDto => ({
    id, ref: d.ref, kind: d.kind, eventDate: d.eventDate, category: d.category, region: d.region,
    title: d.title, victimName: d.victimName, outlet: d.outlet, status: d.status,
  });

  const caseOf = (id: string) => cases.get(id) ?? fail("NotFound", "no such case");
  const developmentOf = (id: string) =>
    [...cases.values()].flatMap((c) => c.developments).find((d) => d.id === id) ?? fail("NotFound", "no such development");
  const category = (code: string) => taxonomy.groups.flatMap((g) => g.categories).find((c) => c.code === code) ?? fail("NotFound", "no such category");

  const handler = (cmd: string, payload?: unknown): unknown => {
    const args = payload as Record<string, unknown> | undefined;
    opts.calls?.push({ cmd, args });
    const a = (args ?? {}) as Record<string, any>;
    const r = reject[cmd];
    const refusal = typeof r === "function" ? r(a) : r;
    if (refusal) throw structuredClone(refusal);
    switch (cmd) {
      case "app_info":
        return {
          version: "0.1.0-mock",
          defaultVaultPath: MOCK_PATH,
          recentVaults: [MOCK_PATH, "/home/monitor/Құжаттар/мұрағат-2023.kuzet"],
          demo: opts.demo ? { path: DEMO_PATH, passphrase: MOCK_PASSPHRASE } : null,
        } satisfies AppInfo;
      case "vault_open": {
        const p: string = a.path;
        if (p.includes("inuse")) fail("InUse", "vault in use");
        if (p.includes("toonew")) fail("TooNew", "vault too new");
        if (!p.endsWith(".kuzet")) fail("NotAVault", "not a vault");
        if (p !== MOCK_PATH && p !== DEMO_PATH && !p.includes("Құжаттар")) fail("Missing", "no such file");
        if (a.passphrase !== passphrase) throw structuredClone(fixtures.errors.wrongPassphrase);
        unlocked = true;
        return { path: p, uiLang: settings.uiLang, autoLockMinutes: settings.autoLockMinutes };
      }
      case "vault_create":
        if (a.path === MOCK_PATH) fail("AlreadyExists", "exists");
        unlocked = true;
        passphrase = a.passphrase;
        return { path: a.path, uiLang: settings.uiLang, autoLockMinutes: settings.autoLockMinutes };
      case "vault_lock":
        unlocked = false;
        return null;
      case "vault_status":
        return { unlocked, path: unlocked ? MOCK_PATH : null, autoLockMinutes: settings.autoLockMinutes };
      case "activity":
        return null;
      case "pick_save_path":
        return opts.savePath ?? fail("NoDialog", "no dialog in mock mode");
      case "pick_open_path":
        fail("NoDialog", "no dialog in mock mode");
      // eslint-disable-next-line no-fallthrough
      case "taxonomy_get":
        requireUnlocked();
        return structuredClone(taxonomy);
      case "taxonomy_relabel":
        requireUnlocked();
        category(a.code).label = a.label;
        return structuredClone(taxonomy);
      case "taxonomy_set_retired":
        requireUnlocked();
        category(a.code).retired = a.retired;
        return structuredClone(taxonomy);
      case "taxonomy_add_category": {
        requireUnlocked();
        const g = taxonomy.groups.find((x) => x.code === a.group) ?? fail("NotFound", "no such group");
        g.categories.push({ code: a.code, label: a.label, retired: false, isOther: false, legalReference: null, note: null });
        return structuredClone(taxonomy);
      }
      case "cases_find": {
        requireUnlocked();
        const f = (a.filter ?? {}) as CaseFilterDto;
        const all = [...cases.values()].filter((c) => matches(c, f)).sort((x, y) => x.data.eventDate.localeCompare(y.data.eventDate));
        if (f.sort !== "dateAsc") all.reverse();
        return { rows: all.slice(a.offset, a.offset + a.limit).map(row), total: all.length } satisfies CasePageDto;
      }
      case "case_get":
        requireUnlocked();
        return structuredClone(caseOf(a.id));
      case "case_create": {
        requireUnlocked();
        const now = ts("2024-06-10T06:00:00Z");
        const c: CaseDto = { id: newId(), data: structuredClone(a.data), createdAt: now, updatedAt: now, developments: [] };
        cases.set(c.id, c);
        evidence.caseSaved(null, c);
        return structuredClone(c);
      }
      case "case_update": {
        requireUnlocked();
        const c = caseOf(a.id);
        const before = structuredClone(c);
        c.data = structuredClone(a.data);
        c.updatedAt = ts("2024-06-10T07:00:00Z");
        evidence.caseSaved(before, c);
        return structuredClone(c);
      }
      case "development_create": {
        requireUnlocked();
        const c = caseOf(a.caseId);
        const now = ts("2024-06-10T06:00:00Z");
        const dev: DevelopmentDto = { id: newId(), caseId: c.id, data: structuredClone(a.data), createdAt: now, updatedAt: now };
        c.developments.push(dev);
        return structuredClone(dev);
      }
      case "development_update": {
        requireUnlocked();
        const dev = developmentOf(a.id);
        dev.data = structuredClone(a.data);
        dev.updatedAt = ts("2024-06-10T07:00:00Z");
        return structuredClone(dev);
      }
      case "development_delete": {
        requireUnlocked();
        const dev = developmentOf(a.id);
        const c = caseOf(dev.caseId);
        c.developments = c.developments.filter((d) => d !== dev);
        return null;
      }
      case "summary_month": {
        requireUnlocked();
        // A month the fixture does not hold: the empty month's summary as it is
        // (its month fields name the empty month; there is nothing to count).
        const m = monthKey(a.month);
        return structuredClone(fixtures.summaries[m] ?? fixtures.summaries[fixtures.emptyMonth]);
      }
      case "overview_draft_get": {
        requireUnlocked();
        // The draft the UI saved, as saved (the core would also reconcile it
        // with the month's records); else the fixture's; else an empty one.
        const m = monthKey(a.month);
        const d = overviewDrafts.get(m) ?? fixtures.drafts[m];
        return structuredClone(d ?? { month: m, publicationDate: PUBLICATION_DATE, title: {}, intro: {}, sections: [] });
      }
      case "overview_draft_save": {
        requireUnlocked();
        const saved: OverviewDraftDto = structuredClone(a.draft);
        // `change` is part of get's answer only ("ignored when saving").
        for (const s of saved.sections ?? []) for (const e of s.entries) delete e.change;
        overviewDrafts.set(monthKey(a.month), saved);
        return null;
      }
      case "overview_draft_reset":
        requireUnlocked();
        return overviewDrafts.delete(monthKey(a.month));
      case "overview_preview": {
        requireUnlocked();
        // The fixture's preview of the month's recorded draft (not of edits
        // saved here); a month without one has none to show.
        const p: ReportModelDto | undefined = fixtures.previews[monthKey(a.month)]?.[a.lang as Lang];
        return p ? structuredClone(p) : fail("NotFound", `mock: the fixtures hold no overview of ${a.month}`);
      }
      case "overview_name_check":
        requireUnlocked();
        return overviewNames(monthKey(a.month), a.lang);
      case "cases_export_check":
        requireUnlocked();
        return exportNames();
      case "overview_export_pdf":
        requireUnlocked();
        if (overviewNames(monthKey(a.month), a.lang).some((c) => !(a.confirmedNames as string[]).includes(c.key)))
          fail("NamesUnchecked", "names not checked");
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return `/home/monitor/Documents/overview-${a.month}-${a.lang}.pdf`;
      case "annual_summary": {
        requireUnlocked();
        const year = a.year as number;
        if (!Number.isInteger(year) || year < FIRST_EVENT_YEAR || year > LAST_EVENT_YEAR) throw structuredClone(fixtures.errors.yearInvalid);
        const y = fixtures.annual[String(year)];
        if (y) return structuredClone(y);
        return { ...structuredClone(fixtures.annual[EMPTY_YEAR]), year };
      }
      case "annual_export_pdf":
        requireUnlocked();
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return `/home/monitor/Documents/annual-${a.year}-${a.lang}.pdf`;
      case "platform_split_get":
        requireUnlocked();
        return structuredClone(platformSplit);
      case "platform_split_set": {
        requireUnlocked();
        const r = platformSplit.find((x) => x.category === a.category) ?? fail("NotFound", "mock: no such category in the split");
        r.class = a.class;
        return structuredClone(platformSplit);
      }
      case "case_print_check":
        requireUnlocked();
        return printNames(caseOf(a.id).id);
      case "case_export_pdf": {
        requireUnlocked();
        const c = caseOf(a.id);
        if (a.edition === "public" && printNames(c.id).some((n) => !(a.confirmedNames as string[]).includes(n.key)))
          fail("NamesUnchecked", "names not checked");
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return `/home/monitor/Documents/case-${c.data.ref || c.data.eventDate}-${a.edition}-${a.lang}.pdf`;
      }
      case "public_figure_add":
        requireUnlocked();
        if (!settings.publicFigures.includes(a.name)) settings.publicFigures.push(a.name);
        settings.publicFigures.sort(collateCmp);
        return structuredClone(settings.publicFigures);
      case "private_name_add": {
        requireUnlocked();
        const c = cases.get(a.item.id);
        if (!c) fail("NotFound", "no such case");
        if (c.data.privateNames.includes(a.name)) return false;
        c.data.privateNames.push(a.name);
        return true;
      }
      case "pick_import_path":
        requireUnlocked();
        return opts.importPath ?? fail("NoDialog", "no dialog in mock mode");
      case "cases_import_check": {
        requireUnlocked();
        const check = /problems/.test(a.path) ? fixtures.import.withProblems : fixtures.import.clean;
        return { ...structuredClone(check), fileName: String(a.path).split(/[\\/]/).pop() ?? "" };
      }
      case "cases_import":
        requireUnlocked();
        if (/problems/.test(a.path)) throw structuredClone(fixtures.import.refused);
        if (a.digest !== fixtures.import.clean.digest) fail("FileChanged", "the file changed after the check");
        return structuredClone(fixtures.import.done);
      case "cases_export":
        requireUnlocked();
        if (a.edition === "public" && exportNames().some((c) => !(a.confirmedNames as string[]).includes(c.key)))
          fail("NamesUnchecked", "names not checked");
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return `/home/monitor/Documents/kuzet-cases-${a.edition}-${a.month ?? "all"}.${a.format === "csvSemicolon" ? "csv" : a.format}`;
      case "settings_get":
        requireUnlocked();
        return structuredClone(settings);
      case "settings_save":
        requireUnlocked();
        settings = structuredClone(a.settings);
        return null;
      case "passphrase_change":
        requireUnlocked();
        if (a.current !== passphrase) throw structuredClone(fixtures.errors.wrongPassphrase);
        passphrase = a.next;
        return null;
      case "backup_create":
        requireUnlocked();
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return "/home/monitor/Documents/kuzet-backup.kuzet";
      case "editor_draft_get":
        requireUnlocked();
        return drafts.has(a.key) ? structuredClone(drafts.get(a.key)) : null;
      case "editor_draft_save":
        requireUnlocked();
        drafts.set(a.key, structuredClone(a.json));
        return null;
      case "editor_draft_clear":
        requireUnlocked();
        drafts.delete(a.key);
        return null;
      default: {
        requireUnlocked();
        let answer = evidence.handle(cmd, a);
        if (answer === NOT_MINE) answer = (exchange ??= createExchange(cases, opts)).handle(cmd, a);
        if (answer === NOT_MINE) fail("Internal", `mock: unknown command ${cmd}`);
        return answer;
      }
    }
  };

  return {
    handler, cases, drafts, overviewDrafts, taxonomy, platformSplit, reject, unlock: () => (unlocked = true),
    attachments: evidence.attachments, history: evidence.history, trash: evidence.trash,
    /** The exchange part (created on first use, after the cases). */
    exchange: () => (exchange ??= createExchange(cases, opts)),
  };
}
