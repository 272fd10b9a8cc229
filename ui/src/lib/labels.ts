import type { Labels, Lang, TaxonomyDto, CategoryDto, GroupDto } from "./types";

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
  list: "regions" | "victimTypes" | "perpetratorTypes" | "legalBases",
  code: string | null | undefined,
  lang: Lang,
): string {
  if (!code) return "";
  const term = t?.[list].find((x) => x.code === code);
  return term ? pick(term.label, lang) : code;
}
