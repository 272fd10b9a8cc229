// The case an overview entry belongs to: a case entry is its case; a
// development names only itself (`EntryRefDto` has no case id, and there is
// no command that reads a development), so its case is looked up.

import * as api from "./api";
import type { EntryRefDto } from "./types";

/** How many cases the fallback reads at most, newest first, before giving up. */
const SCAN_LIMIT = 300;
const PAGE = 50;

async function holds(caseId: string, devId: string): Promise<boolean> {
  try {
    return (await api.caseGet(caseId)).developments.some((d) => d.id === devId);
  } catch {
    return false;
  }
}

/**
 * The id of the case `ref` shows or continues, or null when it cannot be
 * found. For a development: the cases the search finds by its `title` (the
 * core's search covers developments), then the cases dated up to `until`
 * ("YYYY-MM-DD"), newest first, at most SCAN_LIMIT of them.
 */
export async function caseOfEntry(ref: EntryRefDto, title: string, until: string | null): Promise<string | null> {
  if (ref.type === "case") return ref.id;
  const tried = new Set<string>();
  const words = title.trim();
  if (words) {
    const page = await api.casesFind({ text: words }, 0, 20);
    for (const r of page.rows) {
      tried.add(r.id);
      if (await holds(r.id, ref.id)) return r.id;
    }
  }
  for (let offset = 0; offset < SCAN_LIMIT; offset += PAGE) {
    const page = await api.casesFind({ to: until, sort: "dateDesc" }, offset, PAGE);
    for (const r of page.rows) {
      if (tried.has(r.id)) continue;
      tried.add(r.id);
      if (await holds(r.id, ref.id)) return r.id;
    }
    if (offset + PAGE >= page.total) break;
  }
  return null;
}
