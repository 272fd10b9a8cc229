// The UI's alphabetical order is the core's: the helper sorts the names the
// core sorted (fixtures.collation, `kuzet_core::text::sort_names`) the same
// way, and follows the Kazakh alphabet letter by letter.
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup } from "@testing-library/svelte";
import { collator, collateCmp, sortByLabel } from "../lib/collate";
import { termOptions } from "../lib/labels";
import { openCase } from "../lib/session";
import { start, unlock, fixtures } from "./helpers";

afterEach(() => cleanup());

/** A fixed shuffle (no randomness in tests): every 7th name, round and round. */
function shuffled<T>(v: readonly T[]): T[] {
  const out: T[] = [];
  const taken = new Set<number>();
  for (let i = 0; out.length < v.length; i = (i + 7) % v.length) {
    while (taken.has(i)) i = (i + 1) % v.length;
    taken.add(i);
    out.push(v[i]);
  }
  return out;
}

const sorted = (...names: string[]) => sortByLabel(names, (n) => n);

describe("collation", () => {
  it("sorts the core's list back into the core's order", () => {
    const core = fixtures.collation;
    expect(core.length).toBeGreaterThan(30);
    for (const letter of ["Ә", "Ғ", "Қ", "Ө", "Ұ", "Ү", "І", "Ё"]) expect(core.some((n) => n.startsWith(letter))).toBe(true);
    const input = shuffled(core);
    expect(input).not.toEqual(core);
    expect(sortByLabel(input, (n) => n)).toEqual(core);
    expect(sortByLabel([...core].reverse(), (n) => n)).toEqual(core);
  });

  it("follows the Kazakh alphabet", () => {
    expect(sorted("Болат", "Әсем", "Асқар")).toEqual(["Асқар", "Әсем", "Болат"]); // Ә after А, before Б
    expect(sorted("Ғалым", "Дана", "Гүлнар")).toEqual(["Гүлнар", "Ғалым", "Дана"]); // Ғ after Г
    expect(sorted("Қайрат", "Лаура", "Кокшетау")).toEqual(["Кокшетау", "Қайрат", "Лаура"]); // Қ after К
    expect(sorted("Өмір", "Павлодар", "Оспанов")).toEqual(["Оспанов", "Өмір", "Павлодар"]); // Ө after О
    expect(sorted("Үміт", "Фариза", "Ұлан", "Уральск")).toEqual(["Уральск", "Ұлан", "Үміт", "Фариза"]); // У Ұ Ү Ф
    expect(sorted("Іле", "Ыбырай", "Шымкент")).toEqual(["Шымкент", "Ыбырай", "Іле"]); // І after Ы
    expect(sorted("Һәкім", "Хабар", "Цой")).toEqual(["Хабар", "Һәкім", "Цой"]); // Һ after Х
    // Ё with Е: right after the е words, before ж (the core's list: Ержан, Ерлан, Ёж, Ёлкин, Жанар).
    expect(sorted("Жанар", "Ёж", "Ерлан", "Ежов")).toEqual(["Ежов", "Ерлан", "Ёж", "Жанар"]);
    expect(collateCmp("е", "ё")).toBeLessThan(0);
    expect(collateCmp("ёж", "жаба")).toBeLessThan(0);
    // Cyrillic, then Latin; case only breaks ties; the order is total.
    expect(sorted("Zhanar", "Яков", "Almaty", "Абай")).toEqual(["Абай", "Яков", "Almaty", "Zhanar"]);
    expect(collateCmp("әлия", "Әлия")).toBeLessThan(0);
    expect(collator.compare("й", "и\u0306")).toBe(0); // canonically equal: the collation ties,
    expect(collateCmp("й", "и\u0306")).toBeGreaterThan(0); // code point order decides (U+0439 > U+0438)
    expect(collateCmp("Абай", "Абай")).toBe(0);
  });

  it("sorts a code list by its label in the UI's language, the catch-alls last", () => {
    const labels = (lang: "kk" | "ru" | "en") =>
      termOptions(fixtures.taxonomy, "regions", lang).map((r) => r.label[lang]);
    const kk = labels("kk");
    expect(kk.slice(0, 6)).toEqual(["Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы", "Алматы облысы", "Астана"]);
    expect(kk.slice(kk.indexOf("Жетісу облысы"), kk.indexOf("Маңғыстау облысы"))).toEqual(
      ["Жетісу облысы", "Қарағанды облысы", "Қостанай облысы", "Қызылорда облысы"]);
    expect(kk.slice(-4)).toEqual(["Интернет", "Бүкіл ел бойынша", "Шетелде", "Көрсетілмеген"]);
    const places = kk.slice(0, -4);
    expect(places).toEqual(sorted(...places));
    expect(labels("en").slice(0, 3)).toEqual(["Abai Region", "Akmola Region", "Aktobe Region"]);
    const victims = termOptions(fixtures.taxonomy, "victimTypes", "kk").map((t) => t.code);
    expect(victims).toEqual(["citizen", "media_outlet", "blogger", "journalist", "newsmaker", "other"]);
  });

  it("orders the pick lists of the case list and the editor so, in the UI's language", async () => {
    start();
    await unlock();
    await screen.findByTestId("case-table");
    const options = (id: string) =>
      [...(screen.getByTestId(id) as HTMLSelectElement).options].slice(1).map((o) => o.textContent);
    const expected = (list: "regions" | "victimTypes" | "perpetratorTypes" | "legalBases", lang: "kk" | "en") =>
      termOptions(fixtures.taxonomy, list, lang).map((t) => t.label[lang]);
    await fireEvent.click(screen.getByTestId("filters-more"));
    expect(options("filter-region")).toEqual(expected("regions", "en"));
    expect(options("filter-perpetrator-type")).toEqual(expected("perpetratorTypes", "en"));

    openCase(fixtures.cases[0].id);
    await screen.findByTestId("case-form");
    await fireEvent.change(screen.getByTestId("lang-switch"), { target: { value: "kk" } });
    await waitFor(() => expect(options("case-region")).toEqual(expected("regions", "kk")));
    expect(options("case-region")[0]).toBe("Абай облысы");
    expect(options("case-victim-type")).toEqual(expected("victimTypes", "kk"));
    expect(options("case-legal-basis")).toEqual(expected("legalBases", "kk"));
  });
});
