// Every form control on every screen has a label (a <label for>, a wrapping
// <label>, aria-label or aria-labelledby).
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup } from "@testing-library/svelte";
import { start, unlock } from "./helpers";

afterEach(() => cleanup());

function unlabelled(): string[] {
  const bad: string[] = [];
  for (const el of document.querySelectorAll<HTMLInputElement>("input, select, textarea")) {
    if (el.type === "hidden") continue;
    const ok = (el.labels && el.labels.length > 0) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!ok) bad.push(el.outerHTML.slice(0, 120));
  }
  return bad;
}

describe("labels on every control", () => {
  it("vault, case list, editor (with its print form), summary, annual overview, overview and settings", async () => {
    start({ cases: 60 });
    expect(unlabelled()).toEqual([]);
    await fireEvent.click(await screen.findByTestId("vault-mode-create"));
    expect(unlabelled()).toEqual([]);
    await fireEvent.click(screen.getByTestId("vault-mode-open"));
    await unlock();
    await screen.findAllByTestId("case-row");
    await fireEvent.click(screen.getByText("More filters"));
    expect(unlabelled()).toEqual([]);
    await fireEvent.click(screen.getAllByTestId("case-row-open")[0]);
    await screen.findByTestId("case-form");
    await waitFor(() => expect((screen.getByTestId("case-title") as HTMLInputElement).value).not.toBe(""));
    if (!(screen.getByTestId("case-has-proceeding") as HTMLInputElement).checked)
      await fireEvent.click(screen.getByTestId("case-has-proceeding"));
    await fireEvent.click(screen.getByTestId("dev-add"));
    await fireEvent.click(screen.getByTestId("case-print"));
    await screen.findByTestId("case-print-lang");
    expect(unlabelled()).toEqual([]);
    for (const tab of ["nav-summary", "nav-annual", "nav-overview", "nav-exchange", "nav-settings"]) {
      await fireEvent.click(screen.getByTestId(tab));
      await new Promise((r) => setTimeout(r, 150));
      if (tab === "nav-annual") await screen.findByTestId("platform-split-select-journalists.attack");
      expect(unlabelled(), tab).toEqual([]);
    }
  });
});
