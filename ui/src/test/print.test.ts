// "Print…" in the case editor: the full record straight to PDF, the public
// copy after the pre-publication check (fixtures.casePrintChecks: what the
// core's `case_print_check` listed for the demo vault's cases).
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup } from "@testing-library/svelte";
import { start, unlock, fixtures } from "./helpers";
import type { Call } from "./helpers";
import { openCase } from "../lib/session";

afterEach(() => cleanup());

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);

/** The Adilbekov case (2024-04-C01): its public print lists five names, two of them only in its developments. */
const CHECKED = fixtures.casePrintChecks.find((c) => c.names.some((n) => n.key === "daniyar adilbekov"))!;
/** A case whose public print lists no name. */
const CLEAR = fixtures.cases.find((c) => !fixtures.casePrintChecks.some((p) => p.caseId === c.id))!;

async function openInEditor(id: string, opts: Parameters<typeof start>[0] = {}) {
  const r = start(opts);
  await unlock();
  await screen.findByTestId("case-table");
  openCase(id);
  await screen.findByTestId("case-form");
  await waitFor(() => expect((screen.getByTestId("case-title") as HTMLInputElement).value).not.toBe(""));
  await fireEvent.click(screen.getByTestId("case-print"));
  await screen.findByTestId("case-print-form");
  return r;
}

describe("case print", () => {
  it("prints the public copy after the name check: one name hidden in the case, the others confirmed", async () => {
    const c = fixtures.cases.find((x) => x.id === CHECKED.caseId)!;
    expect(c.data.ref).toBe("2024-04-C01");
    const { calls, backend } = await openInEditor(c.id);
    // The case's text language preselected (en), the public copy by default.
    expect((screen.getByTestId("case-print-lang") as HTMLSelectElement).value).toBe("en");
    expect((screen.getByTestId("case-print-edition") as HTMLSelectElement).value).toBe("public");
    expect(screen.queryByTestId("case-print-full-warning")).toBeNull();
    await fireEvent.click(screen.getByTestId("case-print-submit"));

    await screen.findByTestId("name-check");
    expect(callsOf(calls, "case_print_check").map((x) => x.args)).toEqual([{ id: c.id, lang: "en" }]);
    const listed = screen.getAllByTestId("name-candidate-input").map((i) => (i as HTMLInputElement).value);
    expect(listed).toEqual(CHECKED.names.map((n) => n.name));
    expect(listed[0]).toBe("Daniyar Adilbekov");
    expect(callsOf(calls, "case_export_pdf")).toHaveLength(0);
    expect((screen.getByTestId("name-check-continue") as HTMLButtonElement).disabled).toBe(true);

    // Hide the first in the case: the check is asked again and lists it no more.
    await fireEvent.click(screen.getAllByTestId("name-hide")[0]);
    await waitFor(() => expect(screen.getAllByTestId("name-candidate")).toHaveLength(CHECKED.names.length - 1));
    expect(callsOf(calls, "private_name_add").map((x) => x.args)).toEqual([{ item: { type: "case", id: c.id }, name: "Daniyar Adilbekov" }]);
    expect(callsOf(calls, "case_print_check")).toHaveLength(2);
    // Publish the others as written.
    for (const keep of screen.getAllByTestId("name-keep")) await fireEvent.click(keep);
    await fireEvent.click(screen.getByTestId("name-check-continue"));

    expect((await screen.findByTestId("case-print-result")).textContent).toBe(
      "PDF saved: /home/monitor/Documents/case-2024-04-C01-public-en.pdf");
    expect(callsOf(calls, "case_export_pdf").map((x) => x.args)).toEqual([{
      id: c.id, lang: "en", edition: "public", confirmedNames: CHECKED.names.slice(1).map((n) => n.key),
    }]);
    expect(screen.queryByTestId("name-check")).toBeNull();
    // The editor read the case again: the hidden name is in its list, and nothing is unsaved.
    await waitFor(() => expect((screen.getByTestId("case-private-names") as HTMLTextAreaElement).value).toBe("Daniyar Adilbekov"));
    expect(backend.cases.get(c.id)!.data.privateNames).toEqual(["Daniyar Adilbekov"]);
    expect(screen.queryByTestId("editor-dirty")).toBeNull();
  });

  it("goes back to the case from the check without printing", async () => {
    const { calls } = await openInEditor(CHECKED.caseId);
    await fireEvent.change(screen.getByTestId("case-print-lang"), { target: { value: "ru" } });
    await fireEvent.click(screen.getByTestId("case-print-submit"));
    await screen.findByTestId("name-check");
    expect(callsOf(calls, "case_print_check").at(-1)!.args).toEqual({ id: CHECKED.caseId, lang: "ru" });
    await fireEvent.click(screen.getByTestId("name-check-cancel"));
    expect(screen.queryByTestId("name-check")).toBeNull();
    expect(callsOf(calls, "case_export_pdf")).toHaveLength(0);
    expect((screen.getByTestId("case-print-submit") as HTMLButtonElement).disabled).toBe(false);
  });

  it("prints the full record at once, says it holds private names, and waits for unsaved changes", async () => {
    const { calls } = await openInEditor(CHECKED.caseId);
    await fireEvent.change(screen.getByTestId("case-print-edition"), { target: { value: "full" } });
    expect(screen.getByTestId("case-print-full-warning").textContent).toContain("contains private persons' names");
    await fireEvent.change(screen.getByTestId("case-print-lang"), { target: { value: "kk" } });

    // An unsaved edit: the print is of the saved case, so it waits.
    const title = screen.getByTestId("case-title") as HTMLInputElement;
    const was = title.value;
    await fireEvent.input(title, { target: { value: was + " (edited)" } });
    expect((screen.getByTestId("case-print-submit") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("case-print-save-first")).toBeTruthy();
    await fireEvent.input(title, { target: { value: was } });
    expect((screen.getByTestId("case-print-submit") as HTMLButtonElement).disabled).toBe(false);

    await fireEvent.click(screen.getByTestId("case-print-submit"));
    expect((await screen.findByTestId("case-print-result")).textContent).toBe(
      "PDF saved: /home/monitor/Documents/case-2024-04-C01-full-kk.pdf");
    expect(callsOf(calls, "case_print_check")).toHaveLength(0);
    expect(callsOf(calls, "case_export_pdf").map((x) => x.args)).toEqual([{ id: CHECKED.caseId, lang: "kk", edition: "full", confirmedNames: [] }]);
    expect(screen.queryByTestId("name-check")).toBeNull();
  });

  it("prints a public copy at once when the check lists no name, and says when no save dialog can open", async () => {
    const { calls } = await openInEditor(CLEAR.id, { noDialog: true });
    await fireEvent.click(screen.getByTestId("case-print-submit"));
    expect((await screen.findByTestId("case-print-result")).textContent).toContain("No save dialog");
    expect(callsOf(calls, "case_print_check")).toHaveLength(1);
    expect(callsOf(calls, "case_export_pdf")[0].args).toMatchObject({ id: CLEAR.id, edition: "public", confirmedNames: [] });
    expect(screen.queryByTestId("name-check")).toBeNull();
  });

  it("keeps the case's translations as they are when the editor saves another change", async () => {
    const c = fixtures.cases.find((x) => x.data.translations.length)!;
    const { calls } = await openInEditor(c.id);
    await fireEvent.input(screen.getByTestId("case-outlet"), { target: { value: "«Орда.kz»" } });
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
    const sent = callsOf(calls, "case_update")[0].args!.data as { translations: unknown; outlet: string };
    expect(sent.outlet).toBe("«Орда.kz»");
    expect(sent.translations).toEqual(c.data.translations);
    expect(c.data.translations.map((t) => t.lang)).toEqual(["ru", "en"]);
  });

  it("is offered for saved cases only", async () => {
    start({ cases: 3 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("new-case"));
    await screen.findByTestId("case-form");
    expect(screen.queryByTestId("case-print")).toBeNull();
  });
});
