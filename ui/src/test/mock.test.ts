// The mock backend replays what the real commands answered (fixtures.json,
// written by tests/app/fixtures.rs) and has no rules of its own.
import { describe, it, expect } from "vitest";
import { createMockBackend } from "../lib/mock/backend";
import { fixtures } from "../lib/mock/fixtures";
import backendSrc from "../lib/mock/backend.ts?raw";
import type {
  AnnualSummaryDto, CaseDto, CasePageDto, DevelopmentDto, MonthSummaryDto, OverviewDraftDto, PlatformSplitRowDto,
} from "../lib/types";

const MAY = "2024-05";

function unlocked(opts: Parameters<typeof createMockBackend>[0] = {}) {
  const mock = createMockBackend(opts);
  mock.unlock();
  return mock;
}

/** What the handler threw (it throws IpcError objects). */
function refusal(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
}

describe("the mock does not recount", () => {
  it("answers May 2024 from the fixture after a case was created, changed and given a development there", () => {
    const mock = unlocked();
    const before = mock.handler("summary_month", { month: MAY });
    expect(before).toEqual(fixtures.summaries[MAY]);

    const created = mock.handler("case_create", { data: structuredClone(fixtures.draftAfterNewCase.case.data) }) as CaseDto;
    expect(created.data.eventDate).toBe("2024-05-31");
    expect((mock.handler("case_get", { id: created.id }) as CaseDto).data.title).toBe("Тілшіге сот ғимаратына кіруге рұқсат берілмеді");
    // Stored: the list finds it (64 records now)…
    expect((mock.handler("cases_find", { filter: {}, offset: 0, limit: 1 }) as CasePageDto).total).toBe(fixtures.cases.length + 1);
    // …one May case moved to another group, and a development in May.
    const may = fixtures.cases.find((c) => c.data.eventDate.startsWith(MAY) && c.data.category === "information.refusal")!;
    mock.handler("case_update", { id: may.id, data: { ...structuredClone(may.data), category: "journalists.threat" } });
    const dev = mock.handler("development_create", {
      caseId: may.id,
      data: { ref: null, eventDate: "2024-05-20", title: "Сот отырысы өтті", summary: "", sources: [], language: "kk", privateNames: [] },
    }) as DevelopmentDto;
    expect(dev.caseId).toBe(may.id);

    // The month is still what the core counted for the demo vault.
    const after = mock.handler("summary_month", { month: MAY }) as MonthSummaryDto;
    expect(after).toEqual(fixtures.summaries[MAY]);
    expect(after.counts.total).toBe(45);
    expect(mock.handler("overview_draft_get", { month: MAY })).toEqual(fixtures.drafts[MAY]);
    expect(mock.handler("overview_preview", { month: MAY, lang: "kk" })).toEqual(fixtures.previews[MAY].kk);
    // And answers with copies: changing one does not change the fixture.
    (after.counts as { total: number }).total = 0;
    expect(fixtures.summaries[MAY].counts.total).toBe(45);
  });

  it("answers a month the fixture does not hold with the empty month's summary as it is, and refuses a bad month as the core did", () => {
    const mock = unlocked();
    const empty = mock.handler("summary_month", { month: "2025-03" }) as MonthSummaryDto;
    expect(empty).toEqual(fixtures.summaries[fixtures.emptyMonth]);
    expect(empty.counts).toMatchObject({ month: "2030-01", total: 0 });
    expect(refusal(() => mock.handler("summary_month", { month: "2024-13" }))).toEqual(fixtures.errors.monthInvalid);
    expect(fixtures.errors.monthInvalid.fields![0].problem).toEqual({
      kind: "invalid", message: 'month: "2024-13" is not a month: expected YYYY-MM, e.g. 2024-05',
    });
  });

  it("stores what it is sent, and refuses only what a test injects", () => {
    const mock = unlocked();
    // A blank title is the core's to refuse, not the mock's.
    const blank = mock.handler("case_create", { data: { ...structuredClone(fixtures.cases[0].data), title: "  " } }) as CaseDto;
    expect(blank.data.title).toBe("  ");
    mock.reject.case_create = fixtures.errors.caseTitleRequired;
    expect(refusal(() => mock.handler("case_create", { data: structuredClone(fixtures.cases[0].data) }))).toEqual({
      code: "Validation", message: "title: must not be empty", fields: [{ field: "title", problem: { kind: "required" } }],
    });
    // A saved draft is answered as saved, without `change` (only get's answer has it).
    const draft = structuredClone(fixtures.draftAfterNewCase.draft);
    mock.handler("overview_draft_save", { month: MAY, draft });
    const got = mock.handler("overview_draft_get", { month: MAY }) as OverviewDraftDto;
    expect(got.sections[1].entries).toHaveLength(23);
    expect(got.sections.flatMap((s) => s.entries).filter((e) => "change" in e)).toEqual([]);
  });

  it("finds a case by its translations' and its developments' text, as the core's search does", () => {
    const mock = unlocked();
    const find = (text: string) => (mock.handler("cases_find", { filter: { text }, offset: 0, limit: 5 }) as CasePageDto).rows.map((r) => r.ref);
    const j02 = fixtures.cases.find((c) => c.data.ref === "2024-05-J02")!;
    expect(find(j02.data.translations.find((t) => t.lang === "en")!.title)).toEqual(["2024-05-J02"]);
    const owner = fixtures.cases.find((c) => c.developments.length)!;
    expect(find(owner.developments[0].data.title)).toEqual([owner.data.ref]);
  });

  it("answers the year from the fixture after the platform split changed, and refuses a year it does not hold as the core refuses a bad one", () => {
    const mock = unlocked();
    const y2024 = mock.handler("annual_summary", { year: 2024 }) as AnnualSummaryDto;
    expect(y2024).toEqual(fixtures.annual["2024"]);
    expect(y2024.counts.total).toBe(52);
    const rows = mock.handler("platform_split_set", { category: "journalists.threat", class: "physical" }) as PlatformSplitRowDto[];
    expect(rows.find((r) => r.category === "journalists.threat")).toEqual({ category: "journalists.threat", class: "physical", defaultClass: "non_physical" });
    expect(rows).toHaveLength(fixtures.platformSplit.length);
    expect(mock.handler("platform_split_get", {})).toEqual(rows);
    expect(fixtures.platformSplit.find((r) => r.category === "journalists.threat")!.class).toBe("non_physical");
    // Not recounted: the year's platform counts stay the core's.
    expect(mock.handler("annual_summary", { year: 2024 })).toEqual(fixtures.annual["2024"]);
    expect(refusal(() => mock.handler("annual_summary", { year: 1899 }))).toEqual(fixtures.errors.yearInvalid);
    expect(refusal(() => mock.handler("platform_split_set", { category: "no.such", class: "physical" }))).toMatchObject({ code: "NotFound" });
  });

  it("replays the case print check of a case, none for the others; the public print needs those names confirmed", () => {
    const mock = unlocked();
    const checked = fixtures.casePrintChecks[0];
    expect(mock.handler("case_print_check", { id: checked.caseId, lang: "en" })).toEqual(checked.names);
    const other = fixtures.cases.find((c) => !fixtures.casePrintChecks.some((p) => p.caseId === c.id))!;
    expect(mock.handler("case_print_check", { id: other.id, lang: "kk" })).toEqual([]);
    const args = { id: checked.caseId, lang: "en", confirmedNames: [] };
    expect(refusal(() => mock.handler("case_export_pdf", { ...args, edition: "public" }))).toMatchObject({ code: "NamesUnchecked" });
    expect(mock.handler("case_export_pdf", { ...args, edition: "full" })).toMatch(/-full-en\.pdf$/);
    expect(mock.handler("case_export_pdf", { ...args, edition: "public", confirmedNames: checked.names.map((n) => n.key) })).toMatch(/-public-en\.pdf$/);
    expect(refusal(() => mock.handler("case_print_check", { id: "00000000-0000-4000-8000-999999999999", lang: "en" }))).toMatchObject({ code: "NotFound" });
  });

  it("refuses a wrong passphrase with the shell's error", () => {
    const mock = createMockBackend();
    const path = "/home/monitor/Documents/kuzet.kuzet";
    expect(refusal(() => mock.handler("vault_open", { path, passphrase: "not it" }))).toEqual({
      code: "WrongPassphrase", message: "the current passphrase is wrong",
    });
    expect(mock.handler("vault_open", { path, passphrase: fixtures.passphrase })).toMatchObject({ path });
  });
});

describe("the fixture is the published May 2024", () => {
  it("counts 45 violations: 22 on journalists, 13 on information, 10 claims", () => {
    const c = fixtures.summaries[MAY].counts;
    expect(c.month).toBe(MAY);
    expect(c.total).toBe(45);
    expect(c.groups.map((g) => [g.code, g.count])).toEqual([["journalists", 22], ["information", 13], ["claims", 10]]);
    const cat = (g: string, code: string) => c.groups.find((x) => x.code === g)!.categories.find((x) => x.code === code)?.count;
    expect(cat("information", "information.refusal")).toBe(10);
    expect(["claims.criminal", "claims.civil", "claims.administrative"].map((k) => cat("claims", k))).toEqual([1, 6, 3]);
  });

  it("holds the demo vault's records, referred to by the drafts with the same ids", () => {
    expect(fixtures.cases).toHaveLength(63);
    expect(fixtures.cases[0].id).toBe("00000000-0000-4000-8000-000000000001");
    const ids = new Set(fixtures.cases.flatMap((c) => [c.id, ...c.developments.map((d) => d.id)]));
    for (const [month, draft] of Object.entries(fixtures.drafts)) {
      const listed = draft.sections.flatMap((s) => s.entries.map((e) => e.item.id));
      expect(listed.filter((id) => !ids.has(id)), month).toEqual([]);
    }
    expect(fixtures.casePrintChecks.map((c) => c.caseId).filter((id) => !ids.has(id))).toEqual([]);
    expect(fixtures.nameChecks[MAY].en.flatMap((n) => n.places.flatMap((p) => (p.entry ? [p.entry.id] : []))).filter((id) => !ids.has(id)))
      .toEqual([]);
    expect(fixtures.drafts[MAY].sections.map((s) => s.entries.length)).toEqual([5, 22, 13, 10, 3]);
    expect(ids.has(fixtures.draftAfterNewCase.case.id)).toBe(false);
  });
});

describe("mock/backend.ts has no rules of its own", () => {
  // Its code without comments (they may name what the core does).
  const code = backendSrc.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

  it("is the file it should be", () => {
    expect(code).toContain("createMockBackend");
    expect(code).toContain("fixtures.summaries");
  });

  it("computes no counts or shares", () => {
    expect(code).not.toMatch(/Math\.round/);
    expect(code).not.toMatch(/sharePercent/);
    expect(code).not.toMatch(/\*\s*100\b|\b100\s*\*/);
  });

  it("validates no input: no trimming, no Validation errors of its own", () => {
    expect(code).not.toMatch(/\.trim\(\)/);
    expect(code).not.toMatch(/["']Validation["']/);
    expect(code).not.toMatch(/fields:\s*\[/);
  });
});
