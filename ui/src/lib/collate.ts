// Kazakh/Russian alphabetical order for everything the UI sorts for people.
//
// Mirrors `kuzet_core::text::collate_cmp`: CLDR's Kazakh (`kk`) tailoring
// of the root collation — а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т
// у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я, then Latin; case only breaks ties — and,
// like the core, texts equal under the collation fall back to code point
// order, so the order is total. `Intl.Collator("kk")` gives the core's order
// as it is (WebKitGTK's and Node's ICU both carry the kk tailoring);
// src/test/collate.test.ts checks it against names the core sorted
// (`fixtures.collation`, written by tests/app/fixtures.rs).

/** The collator for names and labels: one order whatever the UI language, as in the core. */
export const collator = new Intl.Collator("kk", { usage: "sort" });

/** Compares two texts in the core's alphabetical order (see above). */
export function collateCmp(a: string, b: string): number {
  return collator.compare(a, b) || codePointCmp(a, b);
}

/** Code point order (Rust's `str` order; `<` on strings compares UTF-16 units). */
function codePointCmp(a: string, b: string): number {
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

/** A sorted copy of `items`, by `labelFn` in the core's alphabetical order. */
export function sortByLabel<T>(items: readonly T[], labelFn: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, label: labelFn(item) }))
    .sort((x, y) => collateCmp(x.label, y.label))
    .map((x) => x.item);
}
