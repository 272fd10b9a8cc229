// The annual overview screen and the summary's multi-year series, on the
// demo vault's numbers as the core counted them (fixtures.annual,
// fixtures.summaries[…].series, fixtures.platformSplit).
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup, within } from "@testing-library/svelte";
import { start, unlock, fixtures, MAY } from "./helpers";
import type { Call } from "./helpers";

afterEach(() => cleanup());

const Y2024 = fixtures.annual["2024"];
const text = (id: string) => screen.getByTestId(id).textContent?.trim();
const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);

async function openAnnual(opts: Parameters<typeof start>[0] = {}) {
  const r = start(opts);
  await unlock();
  await fireEvent.click(await screen.findByTestId("nav-annual"));
  await screen.findByTestId("annual-total");
  return r;
}

describe("annual overview", () => {
  it("opens on the year of the month shown (2024) with the core's numbers: year, groups, months, years, platform split", async () => {
    const { calls } = await openAnnual();
    expect(callsOf(calls, "annual_summary").map((c) => c.args)).toEqual([{ year: 2024 }]);
    expect((screen.getByTestId("annual-year") as HTMLInputElement).value).toBe("2024");
    // 2024 of the demo vault: April's 7 and May's 45 (the published overview) make 52.
    expect(text("annual-total")).toBe("52");
    expect(text("annual-total")).toBe(String(Y2024.counts.total));
    expect(text("annual-prev-total")).toBe("6");
    expect(["journalists", "information", "claims"].map((g) => text(`annual-group-count-${g}`))).toEqual(["25", "15", "12"]);
    expect(text("annual-cat-count-information.refusal")).toBe("12");

    // Month by month: named from the dictionary, each month's total, and 2023's.
    const rows = within(screen.getByTestId("annual-month-table")).getAllByTestId("annual-month-row");
    expect(rows).toHaveLength(12);
    expect(rows[0].querySelector("th")!.textContent).toBe("January");
    expect(rows[11].querySelector("th")!.textContent).toBe("December");
    expect(text("annual-month-total-04")).toBe("7");
    expect(text("annual-month-total-05")).toBe("45");
    expect(text("annual-month-05-journalists")).toBe("22");
    expect(text("annual-month-total-06")).toBe("0");
    expect(text("annual-month-prev-05")).toBe("6");
    const totals = Y2024.months.map((m) => text("annual-month-total-" + m.month.slice(5)));
    expect(totals).toEqual(Y2024.months.map((m) => String(m.total)));
    const prevs = Y2024.previousYearMonths.map((_, i) => text("annual-month-prev-" + String(i + 1).padStart(2, "0")));
    expect(prevs).toEqual(Y2024.previousYearMonths.map(String));

    // Every year of the series, oldest first.
    const years = within(screen.getByTestId("annual-years-table")).getAllByTestId("annual-year-row");
    expect(years.map((r) => r.querySelector("th")!.textContent)).toEqual(["2023", "2024"]);
    expect(text("annual-year-total-2023")).toBe("6");
    expect(text("annual-year-total-2024")).toBe("52");

    // The platform split's counts, and the breakdowns (region, victim, perpetrator, legal basis).
    expect(["physical", "non_physical", "judicial"].map((c) => text("annual-platform-" + c))).toEqual(["2", "38", "12"]);
    expect(within(screen.getByTestId("annual-platform")).getByText("Judicial and legal harassment")).toBeTruthy();
    const items = (id: string) =>
      [...screen.getByTestId(id).querySelectorAll("li")].map((li) => [...li.querySelectorAll("span")].map((x) => x.textContent));
    const label = (list: "victimTypes" | "legalBases", code: string) => fixtures.taxonomy[list].find((t) => t.code === code)!.label.en;
    // Most first (the core lists them in taxonomy order: journalist 29, blogger 8, media outlet 14, citizen 1).
    expect(items("annual-by-victim-type")).toEqual([["Journalist", "29"], ["Media outlet", "14"], ["Blogger", "8"], ["Citizen", "1"]]);
    expect(items("annual-by-victim-type").map(([l]) => l).sort()).toEqual(
      Y2024.byVictimType.counts.map((c) => label("victimTypes", c.code)).sort());
    // Equal counts alphabetically: the legal bases with one claim each.
    expect(items("annual-by-legal-basis").slice(1).map(([, n]) => n)).toEqual(["2", "1", "1", "1", "1", "1"]);
    expect(items("annual-by-legal-basis").slice(2).map(([l]) => l)).toEqual(
      ["Copyright", "Defamation", "Dissemination of information about private life", "Knowingly false denunciation", "Other"]);
    expect(items("annual-by-legal-basis")).toContainEqual([label("legalBases", "honour_dignity"), "5"]);
    expect(items("annual-state")).toEqual([["State", "37"], ["Non-state", "15"], ["Not specified", "0"]]);
    expect(items("annual-by-region")).toHaveLength(Y2024.byRegion.counts.length);
    // The chart's bars: this year and the one before, per month.
    const bars = [...screen.getByTestId("annual-chart").querySelectorAll("rect > title")].map((t) => t.textContent);
    expect(bars).toHaveLength(24);
    expect(bars.slice(8, 10)).toEqual(["2024: 45", "2023: 6"]); // May
  });

  it("shows another year typed or stepped to, and the core's refusal of a year out of range", async () => {
    const { calls } = await openAnnual();
    const input = screen.getByTestId("annual-year") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "2023" } });
    await fireEvent.change(input);
    await waitFor(() => expect(text("annual-total")).toBe("6"));
    expect(callsOf(calls, "annual_summary").at(-1)!.args).toEqual({ year: 2023 });
    expect(text("annual-month-total-05")).toBe("6");
    expect(text("annual-month-prev-05")).toBe("0");
    const years = within(screen.getByTestId("annual-years-table")).getAllByTestId("annual-year-row");
    expect(years.map((r) => r.querySelector("th")!.textContent)).toEqual(["2022", "2023"]);
    expect(text("annual-year-total-2022")).toBe("0");

    await fireEvent.click(screen.getByTestId("annual-year-next"));
    await waitFor(() => expect(text("annual-total")).toBe("52"));
    expect(input.value).toBe("2024");

    // Not a year: said at once, nothing asked.
    const asked = callsOf(calls, "annual_summary").length;
    await fireEvent.input(input, { target: { value: "20x4" } });
    await fireEvent.change(input);
    expect(text("annual-error")).toBe("Enter the year as four digits, e.g. 2024.");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(callsOf(calls, "annual_summary")).toHaveLength(asked);
    // The year shown, typed again: the message goes, nothing is asked.
    await fireEvent.input(input, { target: { value: "2024" } });
    await fireEvent.change(input);
    expect(screen.queryByTestId("annual-error")).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(callsOf(calls, "annual_summary")).toHaveLength(asked);

    // 1899: the core refuses it (fixtures.errors.yearInvalid: the year's problem, with the range).
    await fireEvent.input(input, { target: { value: "1899" } });
    await fireEvent.change(input);
    await waitFor(() => expect(text("annual-error")).toBe("There is no annual overview for 1899. The year must be between 1900 and 2999."));
    expect(fixtures.errors.yearInvalid.fields![0].problem).toMatchObject({ kind: "yearOutOfRange", first: 1900, last: 2999 });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(callsOf(calls, "annual_summary").at(-1)!.args).toEqual({ year: 1899 });
    expect(screen.queryByTestId("annual-total")).toBeNull();
    expect((screen.getByTestId("annual-export-kk") as HTMLButtonElement).disabled).toBe(true);
  });

  it("changes a category's platform class, marks the row as changed, asks for the year again; and back to the standard", async () => {
    const { calls, backend } = await openAnnual();
    const code = "journalists.threat";
    const row = await screen.findByTestId("platform-split-row-" + code);
    expect(row.querySelector("th")!.textContent).toContain("Threats against media outlets, journalists and newsmakers");
    expect(row.dataset.changed).toBe("false");
    expect(screen.queryByTestId("platform-split-changed-" + code)).toBeNull();
    const select = screen.getByTestId("platform-split-select-" + code) as HTMLSelectElement;
    expect(select.value).toBe("non_physical");
    expect(fixtures.platformSplit.find((r) => r.category === code)!.defaultClass).toBe("non_physical");

    await fireEvent.change(select, { target: { value: "physical" } });
    await waitFor(() => expect(screen.getByTestId("platform-split-row-" + code).dataset.changed).toBe("true"));
    expect(callsOf(calls, "platform_split_set").map((c) => c.args)).toEqual([{ category: code, class: "physical" }]);
    expect(text("platform-split-changed-" + code)).toBe("changed (standard: Non-physical threats and pressure)");
    expect(text("platform-split-result")).toBe(
      "Saved: “Threats against media outlets, journalists and newsmakers” is counted as “Physical attacks”.");
    expect(backend.platformSplit.find((r) => r.category === code)!.class).toBe("physical");
    // The year is asked for again (the mock answers the fixture's counts as they are: it does not recount).
    await waitFor(() => expect(callsOf(calls, "annual_summary")).toHaveLength(2));
    expect(text("annual-platform-physical")).toBe("2");
    // Only that row is marked.
    expect(document.querySelectorAll('[data-testid^="platform-split-row-"][data-changed="true"]')).toHaveLength(1);

    await fireEvent.click(screen.getByTestId("platform-split-default-" + code));
    await waitFor(() => expect(screen.getByTestId("platform-split-row-" + code).dataset.changed).toBe("false"));
    expect(callsOf(calls, "platform_split_set").at(-1)!.args).toEqual({ category: code, class: "non_physical" });
    expect((screen.getByTestId("platform-split-select-" + code) as HTMLSelectElement).value).toBe("non_physical");
  });

  it("exports the annual PDF in the language chosen, without a name check", async () => {
    const { calls } = await openAnnual();
    const ru = screen.getByTestId("annual-export-ru") as HTMLButtonElement;
    await waitFor(() => expect(ru.disabled).toBe(false));
    await fireEvent.click(ru);
    expect((await screen.findByTestId("annual-export-result")).textContent).toBe("PDF saved: /home/monitor/Documents/annual-2024-ru.pdf");
    expect(callsOf(calls, "annual_export_pdf").map((c) => c.args)).toEqual([{ year: 2024, lang: "ru" }]);
    expect(calls.some((c) => c.cmd.includes("name_check") || c.cmd === "case_print_check")).toBe(false);
    expect(screen.getByTestId("annual-export-result").className).toBe("ok");
  });

  it("says so when no save dialog can open", async () => {
    await openAnnual({ noDialog: true });
    await fireEvent.click(screen.getByTestId("annual-export-kk"));
    expect((await screen.findByTestId("annual-export-result")).textContent).toContain("No save dialog");
    expect(screen.getByTestId("annual-export-result").className).toBe("error");
  });

  it("sits between the monthly summary and the overview, in Kazakh too", async () => {
    start();
    await unlock();
    await screen.findByTestId("nav-annual");
    const tabs = [...document.querySelectorAll('[data-testid^="nav-"]')].map((b) => b.getAttribute("data-testid"));
    expect(tabs.slice(0, 4)).toEqual(["nav-cases", "nav-summary", "nav-annual", "nav-overview"]);
    await fireEvent.change(screen.getByTestId("lang-switch"), { target: { value: "kk" } });
    await waitFor(() => expect(screen.getByTestId("nav-annual").textContent).toBe("Жылдық шолу"));
    await fireEvent.click(screen.getByTestId("nav-annual"));
    const first = await screen.findAllByTestId("annual-month-row");
    expect(first[0].querySelector("th")!.textContent).toBe("Қаңтар");
  });
});

describe("monthly summary: the multi-year series", () => {
  it("shows the series of May 2024 as a table of years, the current year counted to May, and a trend chart", async () => {
    start();
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-summary"));
    const table = await screen.findByTestId("summary-series");
    const series = fixtures.summaries[MAY].series;
    // 2023 whole, 2024 January to May, as the core counted them.
    expect(text("summary-series-year-2023")).toBe("2023");
    expect(text("summary-series-year-2024")).toBe("2024 (Jan–May)");
    expect(["journalists", "information", "claims"].map((g) => [text(`summary-series-${g}-2023`), text(`summary-series-${g}-2024`)]))
      .toEqual([["3", "25"], ["2", "15"], ["1", "12"]]);
    for (const g of series) for (const p of g.points) expect(text(`summary-series-${g.code}-${p.year}`)).toBe(String(p.count));
    expect(text("summary-series-journalists.threat-2023")).toBe("0");
    expect(text("summary-series-journalists.threat-2024")).toBe("3");
    expect(within(table).getAllByTestId("summary-series-group")).toHaveLength(series.length);
    const chart = screen.getByTestId("summary-trend").querySelector("svg")!;
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toBe("Trend by group, year by year");
    expect(chart.querySelectorAll("path.tc-line")).toHaveLength(series.length);
  });

  it("shows one year only for May 2023 (the first month of the demo vault)", async () => {
    start();
    await unlock();
    await fireEvent.click(await screen.findByTestId("nav-summary"));
    const month = await screen.findByTestId("summary-month");
    await fireEvent.input(month, { target: { value: "2023-05" } });
    await fireEvent.change(month);
    await waitFor(() => expect(text("summary-series-year-2023")).toBe("2023 (Jan–May)"));
    expect(screen.queryByTestId("summary-series-year-2024")).toBeNull();
    expect(text("summary-series-journalists-2023")).toBe("3");
  });
});
