import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { start, unlock, fixtures, MAY } from "./helpers";
import { taxonomy, currentMonth } from "../lib/session";
import type { OverviewDraftDto } from "../lib/types";

afterEach(() => cleanup());

describe("vault screen", () => {
  it("says the passphrase is wrong (code WrongPassphrase), and stays locked", async () => {
    const { calls } = start();
    await unlock("not-the-passphrase");
    const err = await screen.findByTestId("unlock-error");
    expect(err.textContent).toContain("Wrong passphrase");
    expect(screen.queryByTestId("case-table")).toBeNull();
    expect(calls.some((c) => c.cmd === "vault_open" && c.args?.passphrase === "not-the-passphrase")).toBe(true);
  });

  it("gives 'not a vault', 'in use' and 'too new' their own messages", async () => {
    start();
    const msgs: string[] = [];
    await waitFor(() => expect((screen.getByTestId("unlock-path") as HTMLInputElement).value).not.toBe(""));
    for (const path of ["/tmp/notes.txt", "/tmp/inuse.kuzet", "/tmp/toonew.kuzet"]) {
      await fireEvent.input(await screen.findByTestId("unlock-path"), { target: { value: path } });
      await fireEvent.input(screen.getByTestId("unlock-passphrase"), { target: { value: "demo" } });
      await fireEvent.click(screen.getByTestId("unlock-submit"));
      await waitFor(() => expect(screen.getByTestId("unlock-error").textContent).not.toBe(msgs[msgs.length - 1] ?? ""));
      msgs.push(screen.getByTestId("unlock-error").textContent!);
    }
    expect(msgs[0]).toContain("not a Kuzet vault");
    expect(msgs[1]).toContain("open in another");
    expect(msgs[2]).toContain("newer version");
  });

  it("shows the demo hint with the path prefilled", async () => {
    start({ demo: true });
    expect((await screen.findByTestId("demo-hint")).textContent).toContain("passphrase: demo");
    await waitFor(() => expect((screen.getByTestId("unlock-path") as HTMLInputElement).value).toBe("/usr/share/kuzet/demo.kuzet"));
  });

  it("refuses to create a vault when the passphrases differ", async () => {
    const { calls } = start();
    await fireEvent.click(await screen.findByTestId("vault-mode-create"));
    await fireEvent.input(screen.getByTestId("create-path"), { target: { value: "/tmp/new.kuzet" } });
    await fireEvent.input(screen.getByTestId("create-passphrase"), { target: { value: "correct horse battery" } });
    await fireEvent.input(screen.getByTestId("create-passphrase2"), { target: { value: "correct horse battery!" } });
    await fireEvent.click(screen.getByTestId("create-submit"));
    expect((await screen.findByTestId("create-error")).textContent).toContain("differ");
    expect(calls.some((c) => c.cmd === "vault_create")).toBe(false);
  });
});

describe("case list", () => {
  it("renders one page of rows and the total of matches (server-side paging)", async () => {
    // The demo vault's 63 records (2023-05, 2024-04 and the May 2024 overview).
    const { calls } = start();
    await unlock();
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(50));
    expect(screen.getByTestId("case-total").textContent).toContain("63 matching cases");
    // Newest first: the last record of May 2024 heads the list.
    expect(screen.getAllByTestId("case-row-open")[0].textContent).toBe("Journalist's accreditation card confiscated at a district event");
    const find = calls.find((c) => c.cmd === "cases_find")!;
    expect(find.args).toMatchObject({ offset: 0, limit: 50 });
    await fireEvent.click(screen.getByTestId("page-next"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "cases_find").pop()!.args).toMatchObject({ offset: 50, limit: 50 }));
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(13));
  });

  it("renders hostile titles as text, never as markup", async () => {
    const { backend } = start({ cases: 0 });
    const evil = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"];
    for (const [i, title] of evil.entries()) {
      backend.cases.set(`id-${i}`, {
        id: `id-${i}`,
        data: {
          ref: null, kind: "case", eventDate: `2024-05-0${i + 1}`, region: null, category: "journalists.attack", tags: [],
          title, summary: "", victimType: null, victimName: "<b>bold</b>", outlet: "", perpetratorType: null,
          legalBasis: null, proceeding: null, sources: [], status: "open", confidential: false, language: null, privateNames: [], translations: [],
        },
        createdAt: { utc: "2024-05-01T00:00:00Z", local: "2024-05-01 06:00" },
        updatedAt: { utc: "2024-05-01T00:00:00Z", local: "2024-05-01 06:00" },
        developments: [],
      });
    }
    await unlock();
    const rows = await screen.findAllByTestId("case-row");
    expect(rows).toHaveLength(2);
    const text = rows.map((r) => r.textContent).join("\n");
    expect(text).toContain("<img src=x onerror=alert(1)>");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("<b>bold</b>");
    expect(document.querySelector("main img")).toBeNull();
    expect(document.querySelector("main script")).toBeNull();
    expect(document.querySelector("main b")).toBeNull();
  });

  it("sends the date filters as YYYY-MM-DD strings and rejects impossible dates locally", async () => {
    const { calls } = start();
    await unlock();
    await screen.findAllByTestId("case-row");
    await fireEvent.input(screen.getByTestId("filter-date-from"), { target: { value: "2024-02-30" } });
    const before = calls.filter((c) => c.cmd === "cases_find").length;
    await fireEvent.click(screen.getByTestId("case-search-submit"));
    expect(calls.filter((c) => c.cmd === "cases_find").length).toBe(before);
    await fireEvent.input(screen.getByTestId("filter-date-from"), { target: { value: "2024-02-29" } });
    await fireEvent.input(screen.getByTestId("filter-date-to"), { target: { value: "2024-03-31" } });
    await fireEvent.click(screen.getByTestId("case-search-submit"));
    await waitFor(() => {
      const f = calls.filter((c) => c.cmd === "cases_find").pop()!.args!.filter as Record<string, unknown>;
      expect(f.from).toBe("2024-02-29");
      expect(f.to).toBe("2024-03-31");
    });
  });
});

describe("case editor", () => {
  async function openNew() {
    const r = start({ cases: 3 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    await screen.findByTestId("case-form");
    return r;
  }

  it("sends the event date as the YYYY-MM-DD string typed, never through Date", async () => {
    const { calls } = await openNew();
    await fireEvent.input(screen.getByTestId("case-title"), { target: { value: "Тілшіге шабуыл жасалды" } });
    await fireEvent.input(screen.getByTestId("case-event-date"), { target: { value: "2024-05-10" } });
    await fireEvent.change(screen.getByTestId("case-category"), { target: { value: "journalists.attack" } });
    await fireEvent.change(screen.getByTestId("case-region"), { target: { value: "almaty_city" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    const create = calls.find((c) => c.cmd === "case_create")!;
    const data = create.args!.data as Record<string, unknown>;
    expect(data.eventDate).toBe("2024-05-10");
    expect(typeof data.eventDate).toBe("string");
    expect(data).toMatchObject({ title: "Тілшіге шабуыл жасалды", category: "journalists.attack", kind: "case", region: "almaty_city" });
    // Saving clears the crash draft.
    expect(calls.some((c) => c.cmd === "editor_draft_clear" && c.args!.key === "case:new")).toBe(true);
  });

  it("shows client-side messages next to the fields without calling the backend", async () => {
    const { calls } = await openNew();
    await fireEvent.input(screen.getByTestId("case-event-date"), { target: { value: "2023-02-29" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("error-title")).textContent).toContain("Required");
    expect(screen.getByTestId("error-eventDate").textContent).toContain("YYYY-MM-DD");
    expect(screen.getByTestId("case-event-date").getAttribute("aria-invalid")).toBe("true");
    expect(calls.some((c) => c.cmd === "case_create")).toBe(false);
  });

  it("maps the backend's Validation fields[] onto the inputs", async () => {
    const { calls } = await openNew();
    await fireEvent.input(screen.getByTestId("case-title"), { target: { value: "Test" } });
    await fireEvent.input(screen.getByTestId("case-event-date"), { target: { value: "2024-05-10" } });
    // A negative fine passes the local check only if typed as text the parser accepts; the
    // backend refuses it with fields: [{ field: "fineKzt" }].
    await fireEvent.change(screen.getByTestId("case-category"), { target: { value: "journalists.attack" } });
    await fireEvent.click(screen.getByTestId("case-has-proceeding"));
    await fireEvent.input(screen.getByTestId("case-fine"), { target: { value: "-5" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("error-fine")).textContent).toContain("negative");
    expect(calls.some((c) => c.cmd === "case_create")).toBe(false);
  });

  it("shows the backend's Validation messages next to the field they name", async () => {
    const r = await openNew();
    await fireEvent.input(screen.getByTestId("case-title"), { target: { value: "Тілшіге шабуыл жасалды" } });
    await fireEvent.input(screen.getByTestId("case-event-date"), { target: { value: "2024-05-10" } });
    await fireEvent.change(screen.getByTestId("case-category"), { target: { value: "journalists.attack" } });
    // Each refusal as the shell answered it (fixtures.errors), shown by its problem kind in the UI's language.
    const { errors } = fixtures;
    const cases = [
      [errors.caseTitleRequired, "title", "Required."],
      [errors.caseTitleTooLong, "title", "Too long (at most 300 characters)."],
      [errors.caseBadDate, "eventDate", "Check this field."],
      [errors.caseKindMismatch, "category", "This category does not fit the kind of case."],
      [errors.caseUnknownCategory, "category", `Unknown value journalists.nope; known: ${[
        "attack", "threat", "detention", "obstruction", "interference", "summons", "image_misuse", "copyright",
        "discrediting", "insult", "source_disclosure", "other"].map((c) => "journalists." + c).join(", ")}.`],
    ] as const;
    for (const [refusal, field, text] of cases) {
      r.backend.reject.case_create = refusal;
      await fireEvent.click(screen.getByTestId("case-save"));
      await waitFor(() => expect(screen.getByTestId(`error-${field}`).textContent).toBe(text));
      expect(screen.getByTestId(`error-${field}`).textContent).toBe(text);
      expect(screen.getAllByTestId(/^error-/)).toHaveLength(1);
      expect(screen.getByTestId(field === "eventDate" ? "case-event-date" : `case-${field}`).getAttribute("aria-invalid")).toBe("true");
      expect(screen.getByTestId("case-form-error").textContent).toBe("Please correct the marked fields.");
    }
    // A negative amount claimed, on the claim's proceeding.
    await fireEvent.change(screen.getByTestId("case-category"), { target: { value: "claims.civil" } });
    r.backend.reject.case_create = errors.caseNegativeAmount;
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("error-amountClaimed")).textContent).toBe("Must not be negative.");
    // Every attempt reached the backend with the form as typed; nothing was stored.
    const sent = r.calls.filter((c) => c.cmd === "case_create");
    expect(sent).toHaveLength(cases.length + 1);
    expect(sent[0].args!.data).toMatchObject({ title: "Тілшіге шабуыл жасалды", eventDate: "2024-05-10", category: "journalists.attack" });
    expect(r.backend.cases.size).toBe(3);
    // Accepted once the refusal is lifted.
    delete r.backend.reject.case_create;
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    expect(screen.queryAllByTestId(/^error-/)).toHaveLength(0);
    expect(r.backend.cases.size).toBe(4);
  });

  it("offers to restore a crash draft stored in the vault", async () => {
    const r = start({ cases: 3 });
    r.backend.drafts.set("case:new", { form: { title: "Сақталмаған жоба", eventDate: "2024-05-02" }, savedAt: "2024-05-02T10:00:00Z" });
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    await fireEvent.click(await screen.findByTestId("draft-restore"));
    expect((screen.getByTestId("case-title") as HTMLInputElement).value).toBe("Сақталмаған жоба");
    expect((screen.getByTestId("case-event-date") as HTMLInputElement).value).toBe("2024-05-02");
  });
});

describe("case editor rules", () => {
  function closureCase(backend: ReturnType<typeof start>["backend"]) {
    backend.cases.set("old-1", {
      id: "old-1",
      data: {
        ref: "2019-01-001", kind: "case", eventDate: "2019-01-15", region: null, category: "information.closure", tags: [],
        title: "Газет жабылды", summary: "", victimType: null, victimName: "", outlet: "", perpetratorType: null,
        legalBasis: null, proceeding: null, sources: [], status: "closed", confidential: false, language: "kk", privateNames: [], translations: [],
      },
      createdAt: { utc: "2019-01-15T00:00:00Z", local: "2019-01-15 06:00" },
      updatedAt: { utc: "2019-01-15T00:00:00Z", local: "2019-01-15 06:00" },
      developments: [],
    });
  }

  it("hides retired categories for new cases but keeps them on old ones", async () => {
    const r = start({ cases: 0 });
    // The fixture's taxonomy retires nothing: retire information.closure in the backend's state
    // (its clone of fixtures.taxonomy), as taxonomy_set_retired would.
    expect(fixtures.taxonomy.groups.flatMap((g) => g.categories).filter((c) => c.retired)).toEqual([]);
    r.backend.taxonomy.groups.find((g) => g.code === "information")!.categories.find((c) => c.code === "information.closure")!.retired = true;
    closureCase(r.backend);
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    const sel = (await screen.findByTestId("case-category")) as HTMLSelectElement;
    const values = () => [...sel.options].map((o) => o.value);
    expect(values()).toContain("journalists.attack");
    expect(values()).not.toContain("information.closure");
    await fireEvent.click(screen.getByTestId("editor-back"));
    await fireEvent.click(await screen.findByTestId("case-row-open"));
    await waitFor(() => expect((screen.getByTestId("case-title") as HTMLInputElement).value).toBe("Газет жабылды"));
    const sel2 = screen.getByTestId("case-category") as HTMLSelectElement;
    expect([...sel2.options].map((o) => o.value)).toContain("information.closure");
    expect(sel2.value).toBe("information.closure");
  });

  it("autosaves the editor state into the vault every few seconds", async () => {
    const r = start({ cases: 0 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    await screen.findByTestId("case-form");
    await fireEvent.input(screen.getByTestId("case-title"), { target: { value: "Жоба: тілшіге шабуыл" } });
    await waitFor(() => expect(r.backend.drafts.has("case:new")).toBe(true), { timeout: 7000 });
    const d = r.backend.drafts.get("case:new") as { form: { title: string } };
    expect(d.form.title).toBe("Жоба: тілшіге шабуыл");
    expect(localStorage.length).toBeLessThanOrEqual(1); // at most the UI language
    expect(JSON.stringify({ ...localStorage })).not.toContain("шабуыл");
  }, 10000);

  it("adds a development to the case's timeline", async () => {
    const r = start({ cases: 0 });
    closureCase(r.backend);
    await unlock();
    await fireEvent.click(await screen.findByTestId("case-row-open"));
    await fireEvent.click(await screen.findByTestId("dev-add"));
    await fireEvent.input(screen.getByTestId("dev-date"), { target: { value: "2019-02-01" } });
    await fireEvent.input(screen.getByTestId("dev-title"), { target: { value: "Сот шешімі шықты" } });
    await fireEvent.click(screen.getByTestId("dev-save"));
    const items = await screen.findAllByTestId("dev-item");
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain("2019-02-01");
    expect(items[0].textContent).toContain("Сот шешімі шықты");
    const call = r.calls.find((c) => c.cmd === "development_create")!;
    expect(call.args).toMatchObject({ caseId: "old-1", data: { eventDate: "2019-02-01", title: "Сот шешімі шықты" } });
  });
});

describe("keyboard", () => {
  it("unlocks with the keyboard alone: type the passphrase, press Enter", async () => {
    start();
    const user = userEvent.setup();
    await waitFor(() => expect((screen.getByTestId("unlock-path") as HTMLInputElement).value).not.toBe(""));
    await user.click(screen.getByTestId("unlock-passphrase"));
    await user.keyboard("demo{Enter}");
    await screen.findAllByTestId("case-row");
  });

  it("closes the confirmation dialog with Esc and keeps the case", async () => {
    const r = start({ cases: 2 });
    const user = userEvent.setup();
    await unlock();
    await fireEvent.click((await screen.findAllByTestId("case-row-open"))[0]);
    await user.click(await screen.findByTestId("case-delete"));
    expect(await screen.findByTestId("confirm-dialog")).toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByTestId("confirm-cancel"));
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("confirm-dialog")).toBeNull());
    expect(r.calls.some((c) => c.cmd === "case_delete")).toBe(false);
  });
});

describe("language and locking", () => {
  it("switches every label to Kazakh from the header", async () => {
    const { calls } = start();
    await unlock();
    await screen.findAllByTestId("case-row");
    expect(screen.getByTestId("nav-cases").textContent).toBe("Cases");
    await fireEvent.change(screen.getByTestId("lang-switch"), { target: { value: "kk" } });
    await waitFor(() => expect(screen.getByTestId("nav-cases").textContent).toBe("Істер"));
    expect(screen.getByTestId("lock-button").textContent).toContain("Құлыптау");
    expect(screen.getByLabelText("Іздеу")).toBe(screen.getByTestId("case-search"));
    expect(screen.getByTestId("nav-summary").textContent).toBe("Айлық қорытынды");
    // Remembered in the vault.
    await waitFor(() =>
      expect(calls.some((c) => c.cmd === "settings_save" && (c.args!.settings as { uiLang: string }).uiLang === "kk")).toBe(true),
    );
    expect(localStorage.getItem("kuzet.uiLang")).toBe("kk");
  });

  it("returns to the unlock screen and drops the case rows on vault-locked", async () => {
    start();
    await unlock();
    await screen.findAllByTestId("case-row");
    await emit("vault-locked", { reason: "idle" });
    await screen.findByTestId("unlock-form");
    expect(screen.queryAllByTestId("case-row")).toHaveLength(0);
    expect(document.body.textContent).toContain("inactivity");
    expect(get(taxonomy)).toBeNull();
  });

  it("locks from the always-visible Lock button", async () => {
    const { calls } = start();
    await unlock();
    await fireEvent.click(await screen.findByTestId("lock-button"));
    await screen.findByTestId("unlock-form");
    expect(calls.some((c) => c.cmd === "vault_lock")).toBe(true);
  });
});

describe("summary and overview", () => {
  it("shows group counts and opens the case list filtered to a clicked number", async () => {
    const { calls } = start();
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-summary"));
    // May 2024 as the core counted it (fixtures.summaries["2024-05"]): 45 violations, 22 + 13 + 10.
    expect((await screen.findByTestId("summary-total")).textContent).toBe("45");
    const counts = ["journalists", "information", "claims"].map((g) => screen.getByTestId(`summary-group-count-${g}`).textContent);
    expect(counts).toEqual(["22", "13", "10"]);
    const btn = screen.getByTestId("summary-group-count-journalists");
    expect(btn.tagName).toBe("BUTTON");
    await fireEvent.click(btn);
    await waitFor(() => expect(screen.getByTestId("case-total").textContent).toContain("22 matching"));
    const f = calls.filter((c) => c.cmd === "cases_find").pop()!.args!.filter as Record<string, unknown>;
    expect(f).toMatchObject({ from: "2024-05-01", to: "2024-05-31", kind: "case" });
  });

  it("exports a PDF and shows the saved path", async () => {
    // No names to check (the fixture's May check lists 14; the check has its own tests below).
    const { calls } = start({ names: [] });
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    const kk = await screen.findByTestId("export-pdf-kk");
    await waitFor(() => expect((kk as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(kk);
    expect((await screen.findByTestId("export-result")).textContent).toContain("overview-2024-05-kk.pdf");
    expect(calls.find((c) => c.cmd === "overview_export_pdf")!.args).toEqual({ month: MAY, lang: "kk", confirmedNames: [] });
  });

  it("lists a case recorded after the draft was saved, marked new until the draft is saved again", async () => {
    const { backend } = start();
    // The case the core recorded after May's draft was saved, and the draft it answered then
    // (fixtures.draftAfterNewCase): the new entry last in the journalists' section, `change: "added"`.
    const { case: later, draft } = structuredClone(fixtures.draftAfterNewCase);
    backend.cases.set(later.id, later);
    backend.overviewDrafts.set(MAY, draft);
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    const badge = await screen.findByTestId("overview-entry-new");
    expect(badge.textContent).toBe("new");
    const journalists = screen.getAllByTestId("overview-section")[1];
    expect(badge.closest("[data-testid=overview-section]")).toBe(journalists);
    const entries = journalists.querySelectorAll("[data-testid=overview-entry]");
    expect(entries).toHaveLength(23);
    expect(entries[22].contains(badge)).toBe(true);
    expect(screen.getAllByTestId("overview-entry-new")).toHaveLength(1);
    expect(screen.getByTestId("overview-changed").textContent).toContain("marked “new”");
    expect(draft.sections[1].entries[22]).toMatchObject({ item: { type: "case", id: later.id }, change: "added" });

    await fireEvent.input(screen.getByLabelText(/^Title/), { target: { value: "May" } });
    await fireEvent.click(screen.getByTestId("overview-save"));
    await screen.findByText("Draft saved.");
    expect(screen.queryByTestId("overview-entry-new")).toBeNull();
    expect(screen.queryByTestId("overview-changed")).toBeNull();
    const kept = backend.overviewDrafts.get(MAY)!.sections[1].entries;
    expect(kept.map((e) => e.item.id).at(-1)).toBe(later.id);
    expect(kept.some((e) => "change" in e)).toBe(false);
  });

  it("says clearly when no save dialog is possible (NoDialog)", async () => {
    start({ noDialog: true, names: [] });
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    const ru = await screen.findByTestId("export-pdf-ru");
    await waitFor(() => expect((ru as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(ru);
    expect((await screen.findByTestId("export-result")).textContent).toContain("No save dialog");
    expect(screen.queryByTestId("name-check")).toBeNull();
  });
});

describe("safe publication", () => {
  const ivanov = (caseId: string) => ({
    name: "Иванов",
    key: "иванов",
    places: [{ entry: { type: "case" as const, id: caseId }, context: "Полиция задержала Иванова у здания акимата." }],
  });
  const erlan = {
    name: "Ерлан Нұрланұлы",
    key: "ерлан нұрланұлы",
    places: [{ entry: null, context: "Корреспондент Ерлан Нұрланұлы снимал сессию." }],
  };

  it("sends private names typed one per line with the case", async () => {
    const { calls } = start({ cases: 3 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    await fireEvent.input(await screen.findByTestId("case-title"), { target: { value: "Айгерімге қоқан-лоқы" } });
    await fireEvent.input(screen.getByTestId("case-event-date"), { target: { value: "2024-05-10" } });
    await fireEvent.change(screen.getByTestId("case-category"), { target: { value: "journalists.threat" } });
    await fireEvent.input(screen.getByTestId("case-private-names"), { target: { value: " Айгерім \n\nИванов; Петров\n" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    const data = calls.find((c) => c.cmd === "case_create")!.args!.data as Record<string, unknown>;
    expect(data.privateNames).toEqual(["Айгерім", "Иванов", "Петров"]);
  });

  it("checks names before the PDF: hide one in its case, confirm another, then export with the confirmed key", async () => {
    // A case of the May 2024 overview (the first entry of its journalists' section).
    const caseId = fixtures.drafts[MAY].sections[1].entries[0].item.id;
    const r = start({ names: [ivanov(caseId), erlan] });
    expect(r.backend.cases.has(caseId)).toBe(true);
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    const en = await screen.findByTestId("export-pdf-en");
    await waitFor(() => expect((en as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(en);
    await screen.findByTestId("name-check");
    expect(screen.getAllByTestId("name-candidate")).toHaveLength(2);
    expect(r.calls.some((c) => c.cmd === "overview_export_pdf")).toBe(false);
    const go = screen.getByTestId("name-check-continue") as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    // Hide Иванов in his case: the check is asked again and lists him no more.
    await fireEvent.click(screen.getAllByTestId("name-hide")[0]);
    await waitFor(() => expect(screen.getAllByTestId("name-candidate")).toHaveLength(1));
    const add = r.calls.find((c) => c.cmd === "private_name_add")!;
    expect(add.args).toEqual({ item: { type: "case", id: caseId }, name: "Иванов" });
    // Ерлан is only in the overview's own text: he can be kept or made a public figure, not hidden.
    expect((screen.getByTestId("name-hide") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("name-keep"));
    expect(go.disabled).toBe(false);
    await fireEvent.click(go);
    expect((await screen.findByTestId("export-result")).textContent).toContain("overview-2024-05-en.pdf");
    const pdf = r.calls.find((c) => c.cmd === "overview_export_pdf")!;
    expect(pdf.args).toEqual({ month: "2024-05", lang: "en", confirmedNames: ["ерлан нұрланұлы"] });
  });

  it("makes a public copy of the cases after the check; a public figure passes from then on", async () => {
    const { calls } = start({ cases: 10, names: [erlan] });
    await unlock();
    await fireEvent.click(await screen.findByTestId("export-cases-open"));
    await fireEvent.input(screen.getByTestId("export-month"), { target: { value: "2024-05" } });
    await fireEvent.click(screen.getByTestId("export-cases-go"));
    await screen.findByTestId("name-check");
    await fireEvent.click(screen.getByTestId("name-public"));
    await screen.findByTestId("name-check-clear");
    expect(calls.find((c) => c.cmd === "public_figure_add")!.args).toEqual({ name: "Ерлан Нұрланұлы" });
    await fireEvent.click(screen.getByTestId("name-check-continue"));
    expect((await screen.findByTestId("export-cases-result")).textContent).toContain("kuzet-cases-public-2024-05.csv");
    expect(calls.find((c) => c.cmd === "cases_export")!.args).toEqual({
      format: "csv", edition: "public", month: "2024-05", confirmedNames: [],
    });
  });
});

describe("export", () => {
  it("offers the semicolon CSV by default in Russian (Excel's habit there), the comma in English", async () => {
    start({ cases: 3, uiLang: "ru" });
    await unlock();
    await fireEvent.click(await screen.findByTestId("export-cases-open"));
    expect((screen.getByTestId("export-format") as HTMLSelectElement).value).toBe("csvSemicolon");
    cleanup();
    start({ cases: 3, uiLang: "en" });
    await unlock();
    await fireEvent.click(await screen.findByTestId("export-cases-open"));
    expect((screen.getByTestId("export-format") as HTMLSelectElement).value).toBe("csv");
  });
});

describe("import", () => {
  it("lists each problem of a file with its line, column and reason in the UI language; imports the corrected file", async () => {
    const { calls } = start({ cases: 5, uiLang: "ru", importPath: "/home/monitor/problems.csv" });
    await unlock();
    await fireEvent.click(await screen.findByTestId("import-cases-open"));
    await fireEvent.click(screen.getByTestId("import-pick"));
    const items = await screen.findAllByTestId("import-problem");
    const bad = fixtures.import.withProblems.problems;
    expect(items.map((li) => li.textContent)).toEqual([
      `строка ${bad[0].line}, столбец event_date: «14.05.2024» — не дата: нужна запись ГГГГ-ММ-ДД (или ячейка с датой в Excel).`,
      expect.stringContaining(`строка ${bad[1].line}, столбец category:`),
    ]);
    expect(screen.getByTestId("import-problems-summary").textContent).toContain("2 ошибки");
    expect((screen.getByTestId("import-go") as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.cmd === "cases_import")).toBe(false);
  });

  it("shows what the file would add, then imports it with the checked file's digest", async () => {
    const { calls } = start({ cases: 5, importPath: "/home/monitor/cases.csv" });
    await unlock();
    await fireEvent.click(await screen.findByTestId("import-cases-open"));
    await fireEvent.click(screen.getByTestId("import-pick"));
    const clean = fixtures.import.clean;
    expect((await screen.findByTestId("import-add")).textContent).toBe(`To add: ${clean.added}`);
    expect(screen.getByTestId("import-file").textContent).toMatch(/^cases\.csv \(CSV, /);
    await fireEvent.click(screen.getByTestId("import-go"));
    const d = fixtures.import.done;
    expect((await screen.findByTestId("import-result")).textContent).toBe(
      `Imported: ${d.added} added, ${d.updated} updated, ${d.unchanged} unchanged.`,
    );
    expect(calls.find((c) => c.cmd === "cases_import")!.args).toEqual({ path: "/home/monitor/cases.csv", digest: clean.digest });
  });

  it("says so when no file dialog is available", async () => {
    start({ cases: 1 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("import-cases-open"));
    await fireEvent.click(screen.getByTestId("import-pick"));
    expect((await screen.findByTestId("import-result")).textContent).not.toBe("");
  });
});

describe("overview editor", () => {
  /** The overview of `month` (default May 2024) over the demo vault's records. */
  async function openOverview(month = MAY) {
    const r = start();
    currentMonth.set(month);
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    await screen.findAllByTestId("overview-section");
    return r;
  }
  const saved = (r: ReturnType<typeof start>) => r.backend.overviewDrafts.get("2024-05")!;
  async function save() {
    await fireEvent.click(screen.getByTestId("overview-save"));
  }

  it("edits the publication date as YYYY-MM-DD text and refuses a date that does not exist", async () => {
    const r = await openOverview();
    const input = screen.getByTestId("overview-pubdate") as HTMLInputElement;
    expect(input.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await fireEvent.input(input, { target: { value: "2024-06-31" } });
    expect(screen.getByTestId("overview-pubdate-error").textContent).toContain("YYYY-MM-DD");
    await fireEvent.input(input, { target: { value: "2024-06-03" } });
    expect(screen.queryByTestId("overview-pubdate-error")).toBeNull();
    await save();
    await screen.findByText("Draft saved.");
    expect(saved(r).publicationDate).toBe("2024-06-03");
  });

  it("resets the draft to the default only after a confirmation", async () => {
    const r = await openOverview();
    await fireEvent.input(screen.getByLabelText(/^Title/), { target: { value: "My May" } });
    await save();
    await screen.findByText("Draft saved.");
    await fireEvent.click(screen.getByTestId("overview-reset"));
    expect(screen.getByTestId("overview-confirm").textContent).toContain("default draft");
    await fireEvent.click(screen.getByTestId("overview-confirm-no"));
    expect(screen.queryByTestId("overview-confirm")).toBeNull();
    expect(r.calls.some((c) => c.cmd === "overview_draft_reset")).toBe(false);
    await fireEvent.click(screen.getByTestId("overview-reset"));
    await fireEvent.click(screen.getByTestId("overview-confirm-yes"));
    await screen.findByText("The draft was reset to the default.");
    expect(r.backend.overviewDrafts.has("2024-05")).toBe(false);
    expect((screen.getByLabelText(/^Title/) as HTMLInputElement).value).toBe("");
  });

  it("adds a custom section, which needs a title before it is saved", async () => {
    // May 2023: the draft the core refused with an untitled custom section after its three groups.
    const r = await openOverview("2023-05");
    const before = screen.getAllByTestId("overview-section").length;
    expect(before).toBe(3);
    await fireEvent.click(screen.getByTestId("overview-add-section"));
    const sections = screen.getAllByTestId("overview-section");
    expect(sections).toHaveLength(4);
    r.backend.reject.overview_draft_save = fixtures.errors.draftUntitledSection;
    await save();
    expect((await screen.findByRole("alert")).textContent).toBe("A custom section (no. 4) needs a title in at least one language.");
    expect(r.calls.filter((c) => c.cmd === "overview_draft_save").map((c) => (c.args!.draft as OverviewDraftDto).sections[3]))
      .toEqual([{ kind: { kind: "custom" }, title: {}, note: {}, entries: [] }]);
    expect(r.backend.overviewDrafts.has("2023-05")).toBe(false);
    delete r.backend.reject.overview_draft_save;
    await fireEvent.input(document.getElementById("ov-st-3")!, { target: { value: "Trials" } });
    await save();
    await screen.findByText("Draft saved.");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(r.backend.overviewDrafts.get("2023-05")!.sections[3]).toMatchObject({ kind: { kind: "custom" }, title: { en: "Trials" }, entries: [] });
  });

  it("moves an entry to a custom section and back with the select", async () => {
    const r = await openOverview();
    const n = screen.getAllByTestId("overview-section").length;
    await fireEvent.click(screen.getByTestId("overview-add-section"));
    await fireEvent.input(document.getElementById(`ov-st-${n}`)!, { target: { value: "Trials" } });
    const first = () => screen.getAllByTestId("overview-section")[0];
    const n0 = first().querySelectorAll("[data-testid=overview-entry]").length;
    const moved = (r.backend.handler("overview_draft_get", { month: "2024-05" }) as OverviewDraftDto).sections[0].entries[0].item.id;
    const select = first().querySelector("[data-testid=overview-entry-section]") as HTMLSelectElement;
    // Its own section and the custom one; not another group (the core would move it back).
    expect([...select.options].map((o) => o.value)).toEqual(["0", String(n)]);
    await fireEvent.change(select, { target: { value: String(n) } });
    expect(first().querySelectorAll("[data-testid=overview-entry]")).toHaveLength(n0 - 1);
    await save();
    await screen.findByText("Draft saved.");
    const s = saved(r).sections;
    expect(s[0].entries.map((e) => e.item.id)).not.toContain(moved);
    expect(s[n]).toMatchObject({ kind: { kind: "custom" }, entries: [{ item: { id: moved } }] });

    const back = screen.getAllByTestId("overview-section")[n].querySelector("[data-testid=overview-entry-section]") as HTMLSelectElement;
    expect([...back.options].map((o) => o.value)).toEqual(["0", String(n)]);
    await fireEvent.change(back, { target: { value: "0" } });
    expect(first().querySelectorAll("[data-testid=overview-entry]")).toHaveLength(n0);
  });

  it("removes an entry: it is excluded and not added back, until put back", async () => {
    const r = await openOverview();
    // The first entry of May: the RSF index (a context event, 2024-05-03).
    const gone = fixtures.drafts[MAY].sections[0].entries[0].item;
    const c = r.backend.cases.get(gone.id)!;
    expect(c.data.title).toBe("RSF World Press Freedom Index: Kazakhstan 142nd of 180, down 8 places");
    await fireEvent.click(screen.getAllByTestId("overview-entry-remove")[0]);
    await save();
    await screen.findByText("Draft saved.");
    expect(saved(r).excluded).toEqual([gone]);
    expect(saved(r).sections[0].entries.map((e) => e.item.id)).not.toContain(gone.id);
    expect(saved(r).sections[0].entries).toHaveLength(4);
    expect(screen.getByTestId("overview-excluded").textContent).toContain("removed from this overview: 1");
    expect(screen.getByTestId("overview-excluded-entry").textContent).toContain(`2024-05-03 ${c.data.title}`);

    await fireEvent.click(screen.getByTestId("overview-restore"));
    const gets = r.calls.filter((x) => x.cmd === "overview_draft_get").length;
    await save();
    await screen.findByText("Draft saved.");
    expect(screen.queryByTestId("overview-excluded")).toBeNull();
    expect(saved(r).excluded).toEqual([]);
    // The draft is read again, so the core can put the entry back in its section
    // (the mock answers the draft as saved: it does not reconcile).
    const reads = r.calls.filter((x) => x.cmd === "overview_draft_get");
    expect(reads).toHaveLength(gets + 1);
    expect(reads.at(-1)!.args).toEqual({ month: MAY });
  });

  it("asks before removing a section that lists entries, and excludes its entries", async () => {
    const r = await openOverview();
    const draft = r.backend.handler("overview_draft_get", { month: "2024-05" }) as OverviewDraftDto;
    const n = draft.sections.length;
    const ids = draft.sections[0].entries.map((e) => e.item.id);
    await fireEvent.click(screen.getAllByTestId("overview-remove-section")[0]);
    expect(screen.getByTestId("overview-confirm").textContent).toContain(`lists ${ids.length} entries`);
    await fireEvent.click(screen.getByTestId("overview-confirm-yes"));
    expect(screen.getAllByTestId("overview-section")).toHaveLength(n - 1);
    await save();
    await screen.findByText("Draft saved.");
    expect(saved(r).sections).toHaveLength(n - 1);
    expect(saved(r).excluded!.map((x) => x.id)).toEqual(ids);
    // One of them put back: it returns to its section when saved.
    await fireEvent.click(screen.getAllByTestId("overview-restore-one")[0]);
    expect(screen.queryAllByTestId("overview-excluded-entry")).toHaveLength(ids.length - 1);

    // An empty section goes without a question.
    await fireEvent.click(screen.getByTestId("overview-add-section"));
    const removes = screen.getAllByTestId("overview-remove-section");
    await fireEvent.click(removes[removes.length - 1]);
    expect(screen.queryByTestId("overview-confirm")).toBeNull();
    expect(screen.getAllByTestId("overview-section")).toHaveLength(n - 1);
  });

  it("chooses the categories named under “including” per group, or the standard rule", async () => {
    const r = await openOverview();
    const draft = r.backend.handler("overview_draft_get", { month: "2024-05" }) as OverviewDraftDto;
    const si = draft.sections.findIndex((s) => s.kind.kind === "group");
    const code = (draft.sections[si].kind as { code: string }).code;
    const group = get(taxonomy)!.groups.find((g) => g.code === code)!;
    const box = screen.getAllByTestId("overview-section")[si].querySelector("[data-testid=overview-including]")!;
    expect(box.textContent).toContain("Standard rule");
    const cat = group.categories.find((c) => !c.retired)!.code;
    await fireEvent.click(box.querySelector(`[data-testid="overview-including-${cat}"]`)!);
    await save();
    await screen.findByText("Draft saved.");
    expect(saved(r).including![code]).toEqual([cat]);
    await fireEvent.click(box.querySelector("[data-testid=overview-including-default]")!);
    await save();
    await waitFor(() => expect(saved(r).including![code]).toBeUndefined());
  });

  it("names an entry listed twice when the save is refused", async () => {
    // May 2023's draft with its first entry also in the second section, as the core refused it
    // (fixtures.errors.draftEntryTwice names the entry by date and title).
    const { backend, calls } = start({ reject: { overview_draft_save: fixtures.errors.draftEntryTwice } });
    currentMonth.set("2023-05");
    const draft = structuredClone(fixtures.drafts["2023-05"]);
    const twice = draft.sections[0].entries[0];
    draft.sections[1].entries.push(structuredClone(twice));
    backend.overviewDrafts.set("2023-05", draft);
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    await screen.findAllByTestId("overview-section");
    await fireEvent.input(screen.getByLabelText(/^Title/), { target: { value: "May 2023" } });
    await save();
    const c = backend.cases.get(twice.item.id)!;
    expect(`${c.data.eventDate} ${c.data.title}`).toBe("2023-05-04 Journalist not admitted to a city council session");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "2023-05-04 Journalist not admitted to a city council session is listed twice in the overview.",
    );
    const sent = calls.find((x) => x.cmd === "overview_draft_save")!.args!.draft as OverviewDraftDto;
    expect(sent.sections[1].entries.map((e) => e.item.id)).toContain(twice.item.id);
    expect(backend.overviewDrafts.get("2023-05")!.title).toEqual(fixtures.drafts["2023-05"].title);
  });
});
