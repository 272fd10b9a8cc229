// Translations of a case's and a development's title and summary (kk/ru/en
// other than the record's language), and the overview's list of entries that
// have no text in the previewed edition's language (`ReportModelDto.untranslated`).
// The demo vault's translated cases: 2024-05-J02 (ru, with kk and en),
// 2024-05-J06 (kk, with ru and en), 2024-05-J12 (ru, with kk).
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup, within } from "@testing-library/svelte";
import { start, unlock, fixtures, MAY } from "./helpers";
import type { Call } from "./helpers";
import { openCase } from "../lib/session";
import type { CaseInputDto, DevelopmentInputDto, IpcError, Lang } from "../lib/types";

afterEach(() => cleanup());

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const byRef = (ref: string) => fixtures.cases.find((c) => c.data.ref === ref)!;
const J02 = byRef("2024-05-J02");
const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function openInEditor(id: string, opts: Parameters<typeof start>[0] = {}) {
  const r = start(opts);
  await unlock();
  await screen.findByTestId("case-table");
  openCase(id);
  await screen.findByTestId("case-form");
  await waitFor(() => expect(input("case-title").value).not.toBe(""));
  return r;
}

/** The refusal the core answers for a translation without a summary when the original has one. */
const incomplete = (lang: Lang, missing: "title" | "summary"): IpcError => ({
  code: "Validation",
  message: `translations: the ${lang} translation has no ${missing}`,
  fields: [{ field: "translations", problem: { kind: "translationIncomplete", lang, missing } }],
});

describe("translations in the case editor", () => {
  it("lists the other languages with the case's translations, never the case's own language", async () => {
    expect(J02.data.language).toBe("ru");
    await openInEditor(J02.id);
    const section = screen.getByTestId("translations");
    expect(section.querySelector("legend")!.textContent).toBe("Translations");
    expect(screen.queryByTestId("translation-ru")).toBeNull();
    expect(screen.queryByTestId("translation-title-ru")).toBeNull();
    const kk = J02.data.translations.find((t) => t.lang === "kk")!;
    const en = J02.data.translations.find((t) => t.lang === "en")!;
    expect(input("translation-title-kk").value).toBe(kk.title);
    expect((screen.getByTestId("translation-summary-kk") as HTMLTextAreaElement).value).toBe(kk.summary);
    expect(input("translation-title-en").value).toBe(en.title);
    expect(within(screen.getByTestId("translation-kk")).getByRole("heading").textContent).toBe("Translation: Kazakh");
    expect(screen.getByLabelText("Title (Kazakh)")).toBe(screen.getByTestId("translation-title-kk"));
    // The core's limits.
    expect(input("translation-title-kk").maxLength).toBe(300);
    expect((screen.getByTestId("translation-summary-en") as HTMLTextAreaElement).maxLength).toBe(20000);
    expect((screen.getByTestId("case-summary") as HTMLTextAreaElement).maxLength).toBe(20000);
    expect(screen.queryByTestId("translations-no-language")).toBeNull();
  });

  it("saves an edited kk translation: case_update carries it, the others unchanged", async () => {
    const { calls, backend } = await openInEditor(J02.id);
    const title = "Қостанай судьясы журналиске мақаланы үкімнен кейін жариялауды ұсынды";
    await fireEvent.input(screen.getByTestId("translation-title-kk"), { target: { value: `  ${title} ` } });
    expect(screen.getByTestId("editor-dirty")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    const sent = callsOf(calls, "case_update")[0].args as { id: string; data: CaseInputDto };
    expect(sent.id).toBe(J02.id);
    const kk = J02.data.translations.find((t) => t.lang === "kk")!;
    const en = J02.data.translations.find((t) => t.lang === "en")!;
    expect(sent.data.translations).toEqual([{ lang: "kk", title, summary: kk.summary }, en]);
    expect(sent.data.language).toBe("ru");
    expect(sent.data.title).toBe(J02.data.title);
    // Stored as sent, and shown again from the saved case.
    expect(backend.cases.get(J02.id)!.data.translations[0].title).toBe(title);
    expect(input("translation-title-kk").value).toBe(title);
    expect(screen.queryByTestId("editor-dirty")).toBeNull();
  });

  it("adds a translation into an empty language and drops a cleared one from what is sent", async () => {
    const j12 = byRef("2024-05-J12");
    expect(j12.data.translations.map((t) => t.lang)).toEqual(["kk"]);
    const { calls } = await openInEditor(j12.id);
    expect(input("translation-title-en").value).toBe("");
    await fireEvent.input(screen.getByTestId("translation-title-en"), { target: { value: "Filming stopped at a street market" } });
    await fireEvent.input(screen.getByTestId("translation-summary-en"), { target: { value: "Guards stopped a reporter filming." } });
    await fireEvent.input(screen.getByTestId("translation-title-kk"), { target: { value: "" } });
    await fireEvent.input(screen.getByTestId("translation-summary-kk"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    const sent = callsOf(calls, "case_update")[0].args!.data as CaseInputDto;
    expect(sent.translations).toEqual([{ lang: "en", title: "Filming stopped at a street market", summary: "Guards stopped a reporter filming." }]);
  });

  it("shows the core's translationIncomplete under the section, on that language's input", async () => {
    const { calls } = await openInEditor(J02.id, { reject: { case_update: incomplete("kk", "summary") } });
    await fireEvent.input(screen.getByTestId("translation-title-kk"), { target: { value: "Жаңа тақырып" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    const err = await screen.findByTestId("translation-error-kk");
    expect(err.textContent).toBe("The translation (Kazakh) has no “What happened”, while the original has one.");
    expect(screen.getByTestId("translation-kk").contains(err)).toBe(true);
    expect(screen.getByTestId("translations").contains(err)).toBe(true);
    expect(screen.getByTestId("translation-summary-kk").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("translation-summary-kk").getAttribute("aria-describedby")).toBe(err.id);
    expect(screen.getByTestId("translation-title-kk").getAttribute("aria-invalid")).toBe("false");
    expect(screen.queryByTestId("translation-error-en")).toBeNull();
    expect(screen.queryByTestId("translations-error")).toBeNull();
    // The form says to correct the marked fields, without repeating the translation's problem.
    expect(screen.getByTestId("case-form-error").textContent).toBe("Please correct the marked fields.");
    expect(callsOf(calls, "case_update")).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("translation-summary-kk")));
  });

  it("says the core's refusal in Kazakh with the language's name, and a problem naming no language under the section", async () => {
    const r = await openInEditor(J02.id, { reject: { case_update: incomplete("en", "title") } });
    await fireEvent.change(screen.getByTestId("lang-switch"), { target: { value: "kk" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("translation-error-en")).textContent).toBe("Аудармада (ағылшын тілі) тақырып жоқ.");
    expect(screen.getByTestId("translation-title-en").getAttribute("aria-invalid")).toBe("true");
    r.backend.reject.case_update = {
      code: "Validation", message: "translations: too many",
      fields: [{ field: "translations", problem: { kind: "tooMany", max: 2 } }],
    };
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("translations-error")).textContent).toBe("Тым көп (ең көбі 2).");
    expect(screen.queryByTestId("translation-error-en")).toBeNull();
  });

  it("checks before saving: a translation needs a title, and a summary when the case has one", async () => {
    const { calls } = await openInEditor(byRef("2024-05-J12").id);
    await fireEvent.input(screen.getByTestId("translation-summary-en"), { target: { value: "Only a summary." } });
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("translation-error-en")).textContent).toBe("The translation (English) has no title.");
    await fireEvent.input(screen.getByTestId("translation-title-en"), { target: { value: "A title" } });
    await fireEvent.input(screen.getByTestId("translation-summary-en"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    await waitFor(() => expect(screen.getByTestId("translation-error-en").textContent).toContain("has no “What happened”"));
    expect(callsOf(calls, "case_update")).toHaveLength(0);
  });

  it("keeps a translation into the language the text is switched to, with a warning, until it is swapped with the text", async () => {
    const { calls } = await openInEditor(J02.id);
    const kk = J02.data.translations.find((t) => t.lang === "kk")!;
    await fireEvent.change(screen.getByTestId("case-language"), { target: { value: "kk" } });
    // kk is now the text's language: its translation stays on screen, with a warning; ru is offered.
    expect(screen.getByTestId("translation-own-kk").textContent).toContain("Kazakh is now the language of the text");
    expect(input("translation-title-kk").value).toBe(kk.title);
    expect(input("translation-title-ru").value).toBe("");
    // Saving as it is would put a translation in the text's own language: refused before the core.
    await fireEvent.click(screen.getByTestId("case-save"));
    expect((await screen.findByTestId("translation-error-kk")).textContent).toBe("The text is written in Kazakh already.");
    expect(callsOf(calls, "case_update")).toHaveLength(0);
    // Swapped: the kk text becomes the case's, the Russian text its ru translation.
    await fireEvent.click(screen.getByTestId("translation-swap-kk"));
    expect(input("case-title").value).toBe(kk.title);
    expect(input("translation-title-ru").value).toBe(J02.data.title);
    expect(screen.queryByTestId("translation-kk")).toBeNull();
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    const sent = callsOf(calls, "case_update")[0].args!.data as CaseInputDto;
    expect(sent).toMatchObject({ language: "kk", title: kk.title, summary: kk.summary });
    expect(sent.translations).toEqual([
      { lang: "ru", title: J02.data.title, summary: J02.data.summary },
      J02.data.translations.find((t) => t.lang === "en"),
    ]);
  });

  it("disables translations until the text's language is set", async () => {
    start({ cases: 3 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    await screen.findByTestId("case-form");
    expect(screen.getByTestId("translations-no-language").textContent).toBe(
      "Set the language of the text first: translations are disabled until then.");
    for (const l of ["kk", "ru", "en"]) expect(input(`translation-title-${l}`).disabled).toBe(true);
    await fireEvent.change(screen.getByTestId("case-language"), { target: { value: "en" } });
    expect(screen.queryByTestId("translations-no-language")).toBeNull();
    expect(screen.queryByTestId("translation-title-en")).toBeNull();
    expect(input("translation-title-kk").disabled).toBe(false);
  });
});

describe("translations of a development", () => {
  // The Gusev case (2024-05-C01, en) and its development of 8 May, untranslated in the kk and ru overviews.
  const dev = fixtures.cases.flatMap((c) => c.developments).find((d) => d.id === fixtures.previews[MAY].kk.untranslated.find((u) => u.type === "development")!.id)!;
  const owner = fixtures.cases.find((c) => c.id === dev.caseId)!;

  it("saves a development's kk translation through development_update", async () => {
    expect(dev.data.language).toBe("en");
    const { calls, backend } = await openInEditor(owner.id);
    await screen.findAllByTestId("dev-item");
    await fireEvent.click(screen.getAllByTestId("dev-edit")[owner.developments.findIndex((d) => d.id === dev.id)]);
    await screen.findByTestId("dev-form");
    expect((screen.getByTestId("dev-language") as HTMLSelectElement).value).toBe("en");
    expect(screen.queryByTestId("dev-translation-title-en")).toBeNull();
    const t = { lang: "kk" as const, title: "Гусевтің мәртебесі куәгерден күдіктіге өзгертілді", summary: "Тергеуші журналистің мәртебесін өзгертті." };
    await fireEvent.input(screen.getByTestId("dev-translation-title-kk"), { target: { value: t.title } });
    await fireEvent.input(screen.getByTestId("dev-translation-summary-kk"), { target: { value: t.summary } });
    await fireEvent.click(screen.getByTestId("dev-save"));
    await waitFor(() => expect(screen.queryByTestId("dev-form")).toBeNull());
    const sent = callsOf(calls, "development_update")[0].args as { id: string; data: DevelopmentInputDto };
    expect(sent.id).toBe(dev.id);
    expect(sent.data).toMatchObject({ language: "en", title: dev.data.title, translations: [t] });
    expect(backend.cases.get(owner.id)!.developments.find((d) => d.id === dev.id)!.data.translations).toEqual([t]);
  });

  it("shows the core's refusal under the development's translations, and gives a new development the case's language", async () => {
    const { calls } = await openInEditor(owner.id, { reject: { development_update: incomplete("ru", "summary") } });
    await screen.findAllByTestId("dev-item");
    await fireEvent.click(screen.getAllByTestId("dev-edit")[0]);
    await fireEvent.input(await screen.findByTestId("dev-translation-title-ru"), { target: { value: "Статус Гусева изменён" } });
    await fireEvent.input(screen.getByTestId("dev-translation-summary-ru"), { target: { value: "Кратко." } });
    await fireEvent.click(screen.getByTestId("dev-save"));
    const err = await screen.findByTestId("dev-translation-error-ru");
    expect(err.textContent).toBe("The translation (Russian) has no “What happened”, while the original has one.");
    expect(screen.getByTestId("dev-translations").contains(err)).toBe(true);
    expect(callsOf(calls, "development_update")).toHaveLength(1);
    await fireEvent.click(screen.getByText("Cancel"));
    await fireEvent.click(screen.getByTestId("dev-add"));
    expect((screen.getByTestId("dev-language") as HTMLSelectElement).value).toBe(owner.data.language);
  });
});

describe("untranslated entries in the overview", () => {
  async function overview(lang: Lang) {
    const r = start();
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    // The screen remembers its last view.
    await fireEvent.click(await screen.findByTestId("overview-view-preview"));
    await screen.findByTestId("overview-preview");
    await fireEvent.click(screen.getByTestId(`overview-lang-${lang}`));
    await waitFor(() => expect(screen.getByTestId("overview-preview").getAttribute("lang")).toBe(lang));
    return r;
  }

  for (const [lang, name] of [["kk", "Kazakh"], ["ru", "Russian"], ["en", "English"]] as const) {
    it(`lists the ${lang} edition's entries without ${name} text, as many as the core named, and marks them in the preview`, async () => {
      const model = fixtures.previews[MAY][lang];
      const n = model.untranslated.length;
      expect(n).toBeGreaterThan(0);
      await overview(lang);
      const notice = await screen.findByTestId("untranslated-notice");
      expect(screen.getByTestId("untranslated-count").textContent).toBe(`${n} entries have no text in ${name} and are printed as recorded.`);
      const items = within(notice).getAllByTestId("untranslated-item");
      expect(items).toHaveLength(n);
      expect(items.map((i) => i.dataset.entryId)).toEqual(model.untranslated.map((u) => u.id));
      // As the preview shows them: date and title.
      const entries = model.sections.flatMap((s) => s.entries);
      const first = entries.find((e) => e.item.id === model.untranslated[0].id)!;
      expect(items[0].textContent).toContain(`${first.date} ${first.title}`);
      expect(within(screen.getByTestId("overview-preview")).getAllByTestId("untranslated-badge")).toHaveLength(n);
      // A case translated into every language is in no list.
      expect(model.untranslated.map((u) => u.id)).not.toContain(J02.id);
    });
  }

  it("opens an untranslated case, and a development's case, in the editor", async () => {
    const kk = fixtures.previews[MAY].kk;
    const caseRef = kk.untranslated.find((u) => u.type === "case")!;
    const devRef = kk.untranslated.find((u) => u.type === "development")!;
    const owner = fixtures.cases.find((c) => c.developments.some((d) => d.id === devRef.id))!;
    await overview("kk");
    const item = (id: string) => screen.getAllByTestId("untranslated-item").find((i) => i.dataset.entryId === id)!;
    expect(item(devRef.id).textContent).toContain("(development)");
    await fireEvent.click(within(item(caseRef.id)).getByTestId("untranslated-open"));
    await screen.findByTestId("case-form");
    const c = fixtures.cases.find((x) => x.id === caseRef.id)!;
    await waitFor(() => expect(input("case-title").value).toBe(c.data.title));

    await fireEvent.click(screen.getByTestId("nav-overview"));
    await screen.findByTestId("overview-preview");
    await fireEvent.click(screen.getByTestId("overview-lang-kk"));
    await waitFor(() => expect(screen.getByTestId("overview-preview").getAttribute("lang")).toBe("kk"));
    await fireEvent.click(within(item(devRef.id)).getByTestId("untranslated-open"));
    await screen.findByTestId("case-form");
    await waitFor(() => expect(input("case-title").value).toBe(owner.data.title));
  });

  it("marks the untranslated entries in the draft editor too", async () => {
    start();
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-overview"));
    await fireEvent.click(await screen.findByTestId("overview-view-edit"));
    await screen.findAllByTestId("overview-entry");
    // The UI is in English: the en edition.
    await waitFor(() => expect(screen.getAllByTestId("overview-entry-untranslated")).toHaveLength(fixtures.previews[MAY].en.untranslated.length));
    expect(screen.getByTestId("untranslated-notice")).toBeTruthy();
  });
});
