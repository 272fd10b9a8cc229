import type { ChangeDto, Labels, Lang, TaxonomyDto, CategoryDto, GroupDto, RegionDto, TermDto } from "./types";
import { sortByLabel } from "./collate";

/** The taxonomy's flat code lists. */
export type TermList = "regions" | "victimTypes" | "perpetratorTypes" | "legalBases";

/** The label in `lang`, falling back to ru, en, kk when blank. */
export function pick(l: Labels | null | undefined, lang: Lang): string {
  if (!l) return "";
  return l[lang] || l.ru || l.en || l.kk || "";
}

export function findCategory(t: TaxonomyDto | null, code: string): { group: GroupDto; cat: CategoryDto } | null {
  if (!t) return null;
  for (const g of t.groups) {
    const c = g.categories.find((c) => c.code === code);
    if (c) return { group: g, cat: c };
  }
  return null;
}

export function categoryLabel(t: TaxonomyDto | null, code: string, lang: Lang): string {
  const f = findCategory(t, code);
  return f ? pick(f.cat.label, lang) : code;
}

export function termLabel(
  t: TaxonomyDto | null,
  list: TermList,
  code: string | null | undefined,
  lang: Lang,
): string {
  if (!code) return "";
  const term = t?.[list].find((x) => x.code === code);
  return term ? pick(term.label, lang) : code;
}

/** A code list as a pick list offers it: alphabetically by its label in
 * `lang` (the core's collation), then the catch-alls in taxonomy order —
 * the regions that are no place of their own (kind "other": online,
 * nationwide, abroad, unknown) and the types "other" and "unknown". */
export function termOptions(t: TaxonomyDto | null, list: TermList, lang: Lang): (RegionDto | TermDto)[] {
  const all: (RegionDto | TermDto)[] = t?.[list] ?? [];
  const last = (x: RegionDto | TermDto) => ("kind" in x ? x.kind === "other" : x.code === "other" || x.code === "unknown");
  return [...sortByLabel(all.filter((x) => !last(x)), (x) => pick(x.label, lang)), ...all.filter(last)];
}

/** A translate function as svelte-i18n's `$_` gives it. */
type Translate = (id: string, opts?: { values?: Record<string, string | number> }) => string;

/** A comparison as the overview words it ("1,5 times more", "more by 20%"),
 * in the UI's language; the core already truncated the ratio. */
export function changeText(c: ChangeDto, t: Translate, lang: Lang): string {
  switch (c.kind) {
    case "same": return t("summary.change.same");
    case "fromZero": return t("summary.change.fromZero");
    case "times": return t("summary.change.times", { values: { n: `${c.whole}${lang === "en" ? "." : ","}${c.tenth}` } });
    case "morePercent": return t("summary.change.more", { values: { p: c.percent } });
    case "lessPercent": return t("summary.change.less", { values: { p: c.percent } });
  }
}
