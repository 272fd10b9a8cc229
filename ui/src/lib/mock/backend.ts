// An in-memory stand-in for the Tauri shell, used by the unit tests and by
// the dev-only mock mode (`vite --mode mock`). Never part of the production
// bundle. Made-up sample cases in Kazakh and Russian; no real people.

import taxonomyJson from "./taxonomy.json";
import { createEvidence, NOT_MINE } from "./evidence";
import { createExchange } from "./exchange";
import type {
  NameCandidateDto,
  FieldError,
  AppInfo,
  CaseDto,
  CaseFilterDto,
  CaseInputDto,
  CasePageDto,
  CaseRowDto,
  DevelopmentDto,
  DevelopmentInputDto,
  DraftEntryDto,
  DraftSectionDto,
  IpcError,
  Lang,
  LangTextsDto,
  MonthCountsDto,
  MonthSummaryDto,
  OverviewDraftDto,
  ReportModelDto,
  SettingsDto,
  TaxonomyDto,
  TimestampDto,
} from "../types";

export interface MockOptions {
  /** Number of sample cases (default 240). */
  cases?: number;
  /** Offer a demo vault in app_info. */
  demo?: boolean;
  /** The UI language saved in the mock vault (default kk). */
  uiLang?: Lang;
  /** Behave like a system without file dialogs (export and backup fail with NoDialog). */
  noDialog?: boolean;
  /** Record every call here. */
  calls?: { cmd: string; args: Record<string, unknown> | undefined }[];
  /** What the pre-publication check lists (until answered); default none. */
  names?: NameCandidateDto[];
  /** What the attachment dialog answers (default: NoDialog, like the other dialogs). */
  attachPaths?: string[];
  /** What the save dialog answers (default: NoDialog). */
  savePath?: string;
  /** What the exchange open dialog answers (default: NoDialog). */
  exchangePaths?: string[];
}

export const MOCK_PATH = "/home/monitor/Documents/kuzet.kuzet";
export const DEMO_PATH = "/usr/share/kuzet/demo.kuzet";
export const MOCK_PASSPHRASE = "demo";

function fail(code: IpcError["code"], message: string, fields?: IpcError["fields"]): never {
  throw { code, message, ...(fields ? { fields } : {}) } satisfies IpcError;
}

const TITLES: { lang: Lang; title: string; victim: string; outlet: string }[] = [
  { lang: "kk", title: "Тілшіге сот ғимаратына кіруге рұқсат берілмеді", victim: "Әсел Нұрланқызы", outlet: "«Орда.kz»" },
  { lang: "kk", title: "Әкімдік ақпарат сұрауына жауап бермеді", victim: "Ғалым Қайыржанов", outlet: "«Ақжайық»" },
  { lang: "kk", title: "Блогерге жалған ақпарат таратқаны үшін айыппұл салынды", victim: "Өмірзақ Сәрсенов", outlet: "" },
  { lang: "kk", title: "Журналистің телефонын полиция тартып алды", victim: "Ұлжан Бекболатова", outlet: "«Үлкен Жайық»" },
  { lang: "kk", title: "Сайтқа қол жеткізу шектелді", victim: "", outlet: "«Құлагер.kz»" },
  { lang: "ru", title: "Журналиста не пустили на заседание маслихата", victim: "Дана Ержанова", outlet: "«Уральская неделя»" },
  { lang: "ru", title: "Иск о защите чести и достоинства к редакции", victim: "", outlet: "«Время»" },
  { lang: "ru", title: "Блогера вызвали в полицию из-за поста в Instagram", victim: "Руслан Қалиев", outlet: "" },
  { lang: "ru", title: "Нападение на съёмочную группу в Шымкенте", victim: "Айгерим Тлеуова", outlet: "«Otyrar TV»" },
  { lang: "ru", title: "Отказ в аккредитации иностранному корреспонденту", victim: "Иван Петров", outlet: "«Радио Азаттык»" },
  { lang: "ru", title: "Паводки: в Кульсары протестующих не показали в эфире", victim: "", outlet: "" },
  { lang: "kk", title: "Ақтөбеде тілшіге қоқан-лоққы жасалды", victim: "Нұржан Әбілов", outlet: "«Ақтөбе Таймс»" },
];

function ts(iso: string): TimestampDto {
  return { utc: iso, local: iso.slice(0, 16).replace("T", " ") };
}

/** Deterministic pseudo-random numbers (LCG), so screenshots are stable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

function fold(s: string): string {
  return s.toLocaleLowerCase("ru").normalize("NFC");
}

export function createMockBackend(opts: MockOptions = {}) {
  const taxonomy: TaxonomyDto = structuredClone(taxonomyJson) as TaxonomyDto;
  // One retired category, to show how old cases keep it.
  const retired = taxonomy.groups[1].categories.find((c) => c.code === "information.closure");
  if (retired) retired.retired = true;

  const cases = new Map<string, CaseDto>();
  const drafts = new Map<string, unknown>();
  const overviewDrafts = new Map<string, OverviewDraftDto>();
  let unlocked = false;
  let passphrase = MOCK_PASSPHRASE;
  let idSeq = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++idSeq).padStart(12, "0")}`;
  let settings: SettingsDto = {
    org: {
      name: {
        kk: "Сөз бостандығын қорғау халықаралық қоры",
        ru: "Международный фонд защиты свободы слова",
        en: "The International Foundation for Freedom of Speech Protection",
      },
      shortName: { kk: "«Әділ сөз»", ru: "«Адил соз»", en: "«Adil Soz»" },
      monitoringHead: { kk: "Мониторинг жетекшісі", ru: "Руководитель мониторинга", en: "Head of monitoring" },
      headEmail: "monitoring@example.kz",
      contactEmail: "info@example.kz",
      redaction: "pseudonym",
    },
    uiLang: opts.uiLang ?? "kk",
    autoLockMinutes: 10,
    publicFigures: [],
    staffName: "",
  };
  const evidence = createEvidence(cases, () => settings.staffName, opts);
  let exchange: ReturnType<typeof createExchange> | null = null;

  const allCats = taxonomy.groups.flatMap((g) => g.categories.map((c) => ({ g, c })));
  const counted = allCats.filter((x) => x.g.counted);
  const context = allCats.filter((x) => !x.g.counted);
  const r = rng(42);
  const n = opts.cases ?? 240;
  for (let i = 0; i < n; i++) {
    const t = TITLES[i % TITLES.length];
    const isContext = i % 11 === 10;
    const pickCat = isContext ? context[0] : counted[Math.floor(r() * counted.length)];
    const year = r() < 0.7 ? 2024 : 2023;
    const month = 1 + Math.floor(r() * 6);
    const day = 1 + Math.floor(r() * 28);
    const id = newId();
    const cat = pickCat.c.code;
    const branch = cat.startsWith("claims.") ? (cat.slice(7) as "criminal" | "civil" | "administrative") : null;
    cases.set(id, {
      id,
      data: {
        ref: `${year}-${pad(month)}-${String(i + 1).padStart(3, "0")}`,
        kind: isContext ? "context" : "case",
        eventDate: `${year}-${pad(month)}-${pad(day)}`,
        region: taxonomy.regions[Math.floor(r() * taxonomy.regions.length)].code,
        category: cat,
        tags: [],
        title: t.title,
        summary:
          t.lang === "kk"
            ? "Оқиға туралы қысқаша мәлімет. Редакция бұл жағдайды құқық қорғау органдарына хабарлады."
            : "Краткое описание события. Редакция сообщила о случившемся в правоохранительные органы.",
        victimType: taxonomy.victimTypes[Math.floor(r() * taxonomy.victimTypes.length)].code,
        victimName: t.victim,
        outlet: t.outlet,
        perpetratorType: taxonomy.perpetratorTypes[Math.floor(r() * taxonomy.perpetratorTypes.length)].code,
        legalBasis: branch ? taxonomy.legalBases[0].code : null,
        proceeding: branch
          ? { branch, stage: "court", court: "Специализированный межрайонный суд", amountClaimedKzt: 5_000_000, fineKzt: null, outcome: "" }
          : null,
        sources: ["https://example.kz/news/" + (i + 1)],
        status: i % 3 === 0 ? "closed" : "open",
        confidential: i % 17 === 0,
        language: t.lang,
        privateNames: [],
      },
      createdAt: ts("2024-06-01T04:00:00Z"),
      updatedAt: ts("2024-06-02T05:30:00Z"),
      developments:
        i % 9 === 0
          ? [
              {
                id: newId(),
                caseId: id,
                data: {
                  ref: null,
                  eventDate: `${year}-${pad(Math.min(12, month + 1))}-10`,
                  title: t.lang === "kk" ? "Сот отырысы кейінге қалдырылды" : "Заседание суда отложено",
                  summary: "",
                  sources: [],
                  language: t.lang,
                  privateNames: [],
                },
                createdAt: ts("2024-06-03T04:00:00Z"),
                updatedAt: ts("2024-06-03T04:00:00Z"),
              },
            ]
          : [],
    });
  }

  /** The names `opts.names` lists that are neither public figures nor marked on any case. */
  function nameCandidates(): NameCandidateDto[] {
    const marked = [...cases.values()].flatMap((c) => c.data.privateNames);
    return (opts.names ?? [])
      .filter((n) => !settings.publicFigures.includes(n.name) && !marked.includes(n.name))
      .map((n) => structuredClone(n));
  }

  const groupOf = (cat: string) => taxonomy.groups.find((g) => g.categories.some((c) => c.code === cat));

  function requireUnlocked() {
    if (!unlocked) fail("Locked", "the vault is locked; unlock it first");
  }

  function validateCase(d: CaseInputDto, previous: CaseInputDto | null) {
    const fields: FieldError[] = [];
    const add = (field: FieldError["field"], problem: FieldError["problem"]) => fields.push({ field, problem });
    if (!d.title?.trim()) add("title", { kind: "required" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.eventDate ?? "")) add("eventDate", { kind: "invalid", message: "not a date: expected YYYY-MM-DD" });
    const g = groupOf(d.category);
    const c = g?.categories.find((x) => x.code === d.category);
    if (!c) add("category", { kind: "unknownCode", code: d.category, known: (g?.categories ?? []).filter((x) => !x.retired).map((x) => x.code) });
    else if (c.retired && previous?.category !== d.category) add("category", { kind: "retired", code: d.category });
    else if (g && g.counted !== (d.kind === "case")) add("category", { kind: "kindMismatch", code: d.category });
    if (d.proceeding?.amountClaimedKzt != null && d.proceeding.amountClaimedKzt < 0) add("amountClaimed", { kind: "negative" });
    if (d.proceeding?.fineKzt != null && d.proceeding.fineKzt < 0) add("fine", { kind: "negative" });
    if (fields.length) fail("Validation", fields.map((f) => `${f.field}: ${f.problem.kind}`).join("; "), fields);
  }

  function matches(c: CaseDto, f: CaseFilterDto): boolean {
    const d = c.data;
    if (f.from && d.eventDate < f.from) return false;
    if (f.to && d.eventDate > f.to) return false;
    if (f.groups?.length && !f.groups.includes(groupOf(d.category)?.code ?? "")) return false;
    if (f.categories?.length && !f.categories.includes(d.category)) return false;
    if (f.regions?.length && !f.regions.includes(d.region ?? "")) return false;
    if (f.victimTypes?.length && !f.victimTypes.includes(d.victimType ?? "")) return false;
    if (f.perpetratorTypes?.length && !f.perpetratorTypes.includes(d.perpetratorType ?? "")) return false;
    if (f.status && d.status !== f.status) return false;
    if (f.kind && d.kind !== f.kind) return false;
    if (f.text?.trim()) {
      const hay = fold([d.title, d.summary, d.victimName, d.outlet, d.ref ?? ""].join(" "));
      if (!fold(f.text).split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
    }
    return true;
  }

  function row(c: CaseDto): CaseRowDto {
    const d = c.data;
    return {
      id: c.id, ref: d.ref, kind: d.kind, eventDate: d.eventDate, category: d.category, region: d.region,
      title: d.title, victimName: d.victimName, outlet: d.outlet, status: d.status,
    };
  }

  function monthCounts(month: string): MonthCountsDto {
    const of = [...cases.values()].filter((c) => c.data.kind === "case" && c.data.eventDate.startsWith(month));
    const groups = taxonomy.groups
      .filter((g) => g.counted)
      .map((g) => {
        const inG = of.filter((c) => g.categories.some((x) => x.code === c.data.category));
        return {
          code: g.code,
          count: inG.length,
          sharePercent: of.length ? Math.round((inG.length * 100) / of.length) : 0,
          categories: g.categories
            .map((x) => ({ code: x.code, count: inG.filter((c) => c.data.category === x.code).length }))
            .filter((x) => x.count > 0),
          others: 0,
        };
      });
    return { month, total: of.length, groups };
  }

  function shift(month: string, d: number): string {
    const [y, m] = month.split("-").map(Number);
    const idx = y * 12 + m - 1 + d;
    return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
  }

  function summary(month: string): MonthSummaryDto {
    if (!/^\d{4}-\d{2}$/.test(month)) fail("Validation", "month: expected YYYY-MM", [{ field: "_form", problem: { kind: "invalid", message: "month: expected YYYY-MM" } }]);
    const counts = monthCounts(month);
    const prev = monthCounts(shift(month, -1));
    const ly = monthCounts(shift(month, -12));
    const y = month.slice(0, 4);
    const ytd = [...cases.values()].filter((c) => c.data.kind === "case" && c.data.eventDate >= `${y}-01-01` && c.data.eventDate <= `${month}-31`);
    const ytdPrev = [...cases.values()].filter(
      (c) => c.data.kind === "case" && c.data.eventDate >= `${+y - 1}-01-01` && c.data.eventDate <= `${+y - 1}${month.slice(4)}-31`,
    );
    const change = (a: number, b: number): MonthSummaryDto["changeFromPreviousMonth"] =>
      a === b ? { kind: "same" } : b === 0 ? { kind: "fromZero" } : a > b ? { kind: "morePercent", percent: Math.round(((a - b) * 100) / b) } : { kind: "lessPercent", percent: Math.round(((b - a) * 100) / b) };
    const of = [...cases.values()].filter((c) => c.data.kind === "case" && c.data.eventDate.startsWith(month));
    const byRegion = new Map<string, number>();
    for (const c of of) if (c.data.region) byRegion.set(c.data.region, (byRegion.get(c.data.region) ?? 0) + 1);
    return {
      counts,
      previousMonth: prev,
      previousYearSameMonth: ly,
      changeFromPreviousMonth: change(counts.total, prev.total),
      changeFromPreviousYear: change(counts.total, ly.total),
      yearToDate: {
        from: `${y}-01-01`,
        to: `${month}-28`,
        total: ytd.length,
        previousYearTotal: ytdPrev.length,
        groups: taxonomy.groups
          .filter((g) => g.counted)
          .map((g) => ({
            code: g.code,
            count: ytd.filter((c) => groupOf(c.data.category)?.code === g.code).length,
            previousYearCount: ytdPrev.filter((c) => groupOf(c.data.category)?.code === g.code).length,
          })),
      },
      series: [],
      byRegion: {
        counts: [...byRegion.entries()].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ code, count })),
        unspecified: of.filter((c) => !c.data.region).length,
      },
      byVictimType: { counts: [], unspecified: 0 },
      byPerpetratorType: { counts: [], unspecified: 0 },
      stateVsNonState: {
        state: of.filter((c) => c.data.perpetratorType === "state" || c.data.perpetratorType === "quasi_state").length,
        nonState: of.filter((c) => c.data.perpetratorType && !["state", "quasi_state", "unknown"].includes(c.data.perpetratorType)).length,
        unspecified: of.filter((c) => !c.data.perpetratorType || c.data.perpetratorType === "unknown").length,
      },
      claimsByLegalBasis: { counts: [], unspecified: 0 },
    };
  }

  function defaultDraft(month: string): OverviewDraftDto {
    const of = [...cases.values()]
      .filter((c) => c.data.eventDate.startsWith(month))
      .sort((a, b) => (a.data.eventDate < b.data.eventDate ? -1 : 1));
    const entry = (c: CaseDto): DraftEntryDto => ({ item: { type: "case", id: c.id }, title: {}, text: {} });
    const sections: DraftSectionDto[] = [];
    const ctx = of.filter((c) => c.data.kind === "context");
    if (ctx.length) sections.push({ kind: { kind: "context" }, title: {}, note: {}, entries: ctx.map(entry) });
    for (const g of taxonomy.groups.filter((g) => g.counted)) {
      const es = of.filter((c) => c.data.kind === "case" && groupOf(c.data.category)?.code === g.code);
      if (es.length) sections.push({ kind: { kind: "group", code: g.code }, title: {}, note: {}, entries: es.map(entry) });
    }
    return { month, publicationDate: `${shift(month, 2)}-16`, title: {}, intro: {}, sections };
  }

  /** The saved draft plus the month's cases it does not list, appended to
   * their default section and marked "added" (the Rust side also places
   * them by date and moves regrouped ones; enough for the screens). */
  function currentDraft(month: string): OverviewDraftDto {
    const saved = overviewDrafts.get(month);
    if (!saved) return defaultDraft(month);
    const d = structuredClone(saved);
    const listed = new Set(d.sections.flatMap((s) => s.entries.map((e) => e.item.id)));
    // Removed by the editor: not added back (as `OverviewDraft::reconcile`).
    d.excluded = (d.excluded ?? []).filter((x) => !listed.has(x.id));
    for (const x of d.excluded) listed.add(x.id);
    for (const s of defaultDraft(month).sections) {
      const missing = s.entries.filter((e) => !listed.has(e.item.id)).map((e) => ({ ...e, change: "added" as const }));
      if (!missing.length) continue;
      const same = (x: DraftSectionDto) => JSON.stringify(x.kind) === JSON.stringify(s.kind);
      const into = d.sections.find(same);
      if (into) into.entries.push(...missing);
      else d.sections.push({ ...s, entries: missing });
    }
    return d;
  }

  const MONTHS: Record<Lang, string[]> = {
    kk: ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"],
    ru: ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
    en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  };

  function preview(month: string, lang: Lang): ReportModelDto {
    const d = currentDraft(month);
    const sum = summary(month);
    const [y, m] = month.split("-").map(Number);
    const mname = MONTHS[lang][m - 1];
    const t = (x: LangTextsDto) => x[lang] ?? "";
    const L = (l: { kk: string; ru: string; en: string }) => l[lang];
    return {
      lang,
      month,
      orgNames: [settings.org.name.kk, settings.org.name.ru, settings.org.name.en],
      title:
        t(d.title) ||
        { kk: `Қазақстандағы сөз бостандығының бұзылуы, ${y} жылғы ${mname}`, ru: `Нарушения свободы слова в Казахстане, ${mname} ${y}`, en: `Violations of freedom of speech in Kazakhstan, ${mname} ${y}` }[lang],
      publicationDate: d.publicationDate,
      intro: t(d.intro) || { kk: `${L(settings.org.shortName)} қоры ${y} жылғы ${mname} айындағы оқиғаларға шолу ұсынады.`, ru: `Фонд ${L(settings.org.shortName)} представляет обзор событий за ${mname} ${y} года.`, en: `The Foundation ${L(settings.org.shortName)} presents an overview of events in ${mname} ${y}.` }[lang],
      countsHeading: { kk: `${y} жылғы ${mname} айында тіркелді:`, ru: `В ${mname} ${y} года зафиксировано:`, en: `In ${mname} ${y}, the following were recorded:` }[lang],
      countLines: sum.counts.groups.filter((g) => g.count).map((g) => ({
        text: `${g.count} — ${L(taxonomy.groups.find((x) => x.code === g.code)!.label)}`, including: [], bullets: [],
      })),
      trend: [],
      seriesHeading: "",
      series: [],
      breakdownsHeading: "",
      breakdowns: [],
      chart: {
        title: { kk: "Топтар бойынша", ru: "По группам", en: "By group" }[lang],
        currentLabel: `${mname} ${y}`,
        earlierLabel: `${mname} ${y - 1}`,
        bars: sum.counts.groups.map((g) => ({
          label: L(taxonomy.groups.find((x) => x.code === g.code)!.label),
          current: g.count,
          earlier: sum.previousYearSameMonth.groups.find((x) => x.code === g.code)?.count ?? 0,
        })),
      },
      sections: d.sections.map((s) => ({
        title:
          t(s.title) ||
          (s.kind.kind === "group"
            ? L(taxonomy.groups.find((x) => x.code === (s.kind as { code: string }).code)!.label)
            : { kk: "Контекст", ru: "Контекст", en: "Context" }[lang]),
        note: t(s.note),
        entries: s.entries.map((e) => {
          const c = cases.get(e.item.id);
          const day = c ? +c.data.eventDate.slice(8) : 1;
          return {
            item: e.item,
            date: { kk: `${day} ${mname}.`, ru: `${day} ${mname}.`, en: `${mname} ${day}.` }[lang],
            title: t(e.title) || c?.data.title || "",
            text: t(e.text) || c?.data.summary || "",
            details: [],
          };
        }),
      })),
      footer: [`${L(settings.org.monitoringHead)}: ${settings.org.headEmail}`],
      author: L(settings.org.name),
    };
  }

  const handler = (cmd: string, payload?: unknown): unknown => {
    const args = payload as Record<string, unknown> | undefined;
    opts.calls?.push({ cmd, args });
    const a = (args ?? {}) as Record<string, any>;
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
        if (a.passphrase !== passphrase) fail("WrongPassphrase", "wrong passphrase");
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
        if (opts.savePath) return opts.savePath;
        fail("NoDialog", "no dialog in mock mode");
      // eslint-disable-next-line no-fallthrough
      case "pick_open_path":
        fail("NoDialog", "no dialog in mock mode");
      // eslint-disable-next-line no-fallthrough
      case "taxonomy_get":
        requireUnlocked();
        return structuredClone(taxonomy);
      case "taxonomy_relabel": {
        requireUnlocked();
        const c = allCats.find((x) => x.c.code === a.code)?.c;
        if (!c) fail("NotFound", "no such category");
        c.label = a.label;
        return structuredClone(taxonomy);
      }
      case "taxonomy_set_retired": {
        requireUnlocked();
        const c = taxonomy.groups.flatMap((g) => g.categories).find((x) => x.code === a.code);
        if (!c) fail("NotFound", "no such category");
        c.retired = a.retired;
        return structuredClone(taxonomy);
      }
      case "taxonomy_add_category": {
        requireUnlocked();
        const g = taxonomy.groups.find((x) => x.code === a.group);
        if (!g) fail("Validation", "unknown group", [{ field: "taxonomy", problem: { kind: "unknownGroup", code: a.group, known: taxonomy.groups.map((x) => x.code) } }]);
        if (g.categories.some((c) => c.code === a.code)) fail("Validation", "exists", [{ field: "taxonomy", problem: { kind: "duplicate", value: a.code } }]);
        g.categories.push({ code: a.code, label: a.label, retired: false, isOther: false, legalReference: null, note: null });
        return structuredClone(taxonomy);
      }
      case "cases_find": {
        requireUnlocked();
        const f = (a.filter ?? {}) as CaseFilterDto;
        for (const k of ["from", "to"] as const) {
          const v = f[k];
          if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail("Validation", `${k}: not a date`, [{ field: "_form", problem: { kind: "invalid", message: `${k}: not a date` } }]);
        }
        const all = [...cases.values()].filter((c) => matches(c, f));
        all.sort((x, y) => (x.data.eventDate < y.data.eventDate ? -1 : x.data.eventDate > y.data.eventDate ? 1 : 0));
        if (f.sort !== "dateAsc") all.reverse();
        return { rows: all.slice(a.offset, a.offset + a.limit).map(row), total: all.length } satisfies CasePageDto;
      }
      case "case_get": {
        requireUnlocked();
        const c = cases.get(a.id);
        if (!c) fail("NotFound", "no such case");
        return structuredClone(c);
      }
      case "case_create": {
        requireUnlocked();
        validateCase(a.data, null);
        const id = newId();
        const now = ts("2024-06-10T06:00:00Z");
        const c: CaseDto = { id, data: structuredClone(a.data), createdAt: now, updatedAt: now, developments: [] };
        cases.set(id, c);
        evidence.caseSaved(null, c);
        return structuredClone(c);
      }
      case "case_update": {
        requireUnlocked();
        const c = cases.get(a.id);
        if (!c) fail("NotFound", "no such case");
        validateCase(a.data, c.data);
        const before = structuredClone(c);
        c.data = structuredClone(a.data);
        c.updatedAt = ts("2024-06-10T07:00:00Z");
        evidence.caseSaved(before, c);
        return structuredClone(c);
      }
      case "development_create": {
        requireUnlocked();
        const c = cases.get(a.caseId);
        if (!c) fail("NotFound", "no such case");
        const d = a.data as DevelopmentInputDto;
        if (!d.title.trim()) fail("Validation", "title: must not be empty", [{ field: "title", problem: { kind: "required" } }]);
        const dev: DevelopmentDto = { id: newId(), caseId: c.id, data: structuredClone(d), createdAt: ts("2024-06-10T06:00:00Z"), updatedAt: ts("2024-06-10T06:00:00Z") };
        c.developments.push(dev);
        return structuredClone(dev);
      }
      case "development_update": {
        requireUnlocked();
        for (const c of cases.values()) {
          const dev = c.developments.find((x) => x.id === a.id);
          if (dev) {
            dev.data = structuredClone(a.data);
            return structuredClone(dev);
          }
        }
        fail("NotFound", "no such development");
      }
      // eslint-disable-next-line no-fallthrough
      case "development_delete":
        requireUnlocked();
        for (const c of cases.values()) {
          const i = c.developments.findIndex((x) => x.id === a.id);
          if (i >= 0) {
            c.developments.splice(i, 1);
            return null;
          }
        }
        fail("NotFound", "no such development");
      // eslint-disable-next-line no-fallthrough
      case "summary_month":
        requireUnlocked();
        return summary(a.month);
      case "overview_draft_get":
        requireUnlocked();
        return currentDraft(a.month);
      case "overview_draft_save": {
        requireUnlocked();
        const saved: OverviewDraftDto = structuredClone(a.draft);
        for (const sec of saved.sections) for (const e of sec.entries) delete e.change;
        // What the core checks (`OverviewDraft::validate`, the date parse).
        const fields: FieldError[] = [];
        if (!/^\d{4}-\d{2}-\d{2}$/.test(saved.publicationDate))
          fields.push({ field: "_form", problem: { kind: "invalid", message: "publicationDate: not a date" } });
        const seen = new Set<string>();
        saved.sections.forEach((sec, i) => {
          if (sec.kind.kind === "custom" && !Object.values(sec.title ?? {}).some((t) => t && t.trim()))
            fields.push({ field: "_form", problem: { kind: "untitledSection", section: i + 1 } });
          for (const e of sec.entries) {
            if (seen.has(e.item.id)) {
              const c = cases.get(e.item.id);
              fields.push({ field: "_form", problem: { kind: "entryTwice", entry: c ? `${c.data.eventDate} ${c.data.title}` : e.item.id } });
            }
            seen.add(e.item.id);
          }
        });
        if (fields.length) fail("Validation", fields.map((f) => f.problem.kind).join("; "), fields);
        overviewDrafts.set(a.month, saved);
        return null;
      }
      case "overview_draft_reset":
        requireUnlocked();
        return overviewDrafts.delete(a.month);
      case "overview_preview":
        requireUnlocked();
        return preview(a.month, a.lang);
      case "overview_name_check":
      case "cases_export_check":
        // The check itself is the core's (crates/core/src/publication); the
        // mock lists the names it was given minus the answered ones.
        requireUnlocked();
        return nameCandidates();
      case "overview_export_pdf":
        requireUnlocked();
        if (nameCandidates().some((c) => !(a.confirmedNames as string[]).includes(c.key)))
          fail("NamesUnchecked", "names not checked");
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return `/home/monitor/Documents/overview-${a.month}-${a.lang}.pdf`;
      case "public_figure_add":
        requireUnlocked();
        if (!settings.publicFigures.includes(a.name)) settings.publicFigures.push(a.name);
        return structuredClone(settings.publicFigures);
      case "private_name_add": {
        requireUnlocked();
        const c = cases.get(a.item.id);
        if (!c) fail("NotFound", "no such case");
        if (c.data.privateNames.includes(a.name)) return false;
        c.data.privateNames.push(a.name);
        return true;
      }
      case "cases_export":
        requireUnlocked();
        if (a.edition === "public" && nameCandidates().some((c) => !(a.confirmedNames as string[]).includes(c.key)))
          fail("NamesUnchecked", "names not checked");
        if (opts.noDialog) fail("NoDialog", "no save dialog available");
        return `/home/monitor/Documents/kuzet-cases-${a.edition}-${a.month ?? "all"}.${a.format}`;
      case "settings_get":
        requireUnlocked();
        return structuredClone(settings);
      case "settings_save":
        requireUnlocked();
        settings = structuredClone(a.settings);
        return null;
      case "passphrase_change":
        requireUnlocked();
        if (a.current !== passphrase) fail("WrongPassphrase", "wrong passphrase");
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
    handler, cases, drafts, overviewDrafts, unlock: () => (unlocked = true),
    attachments: evidence.attachments, history: evidence.history, trash: evidence.trash,
    /** The exchange part (created on first use, after the sample cases). */
    exchange: () => (exchange ??= createExchange(cases, opts)),
  };
}
