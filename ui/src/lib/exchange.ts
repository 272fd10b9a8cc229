// How the exchange screen shows bundles, held versions and duplicate pairs:
// file names, counts and groupings for display only (the rules are the core's).
import type { BundleReportDto, DuplicateReasonDto, FieldChangeDto, OutcomeDto } from "./types";

export const OUTCOMES: OutcomeDto[] = ["created", "updated", "deleted", "restored", "unchanged", "held"];

/** A file name from a peer's name and a date: no path separators or reserved characters, spaces as "-". */
export function safeFileName(name: string, date: string): string {
  const base = name
    .normalize("NFC")
    .replace(/[\\/:*?"<>|\u0000-\u001f«»]+/g, "")
    .trim()
    .replace(/[\s\-‐–—]+/g, "-")
    .replace(/^[.-]+|-+$/g, "")
    .slice(0, 60);
  return `${base || "kuzet"}-${date}`;
}

/** The number of records per outcome, in the order of OUTCOMES, zeros left out. */
export function outcomeCounts(r: BundleReportDto): { outcome: OutcomeDto; n: number }[] {
  return OUTCOMES.map((outcome) => ({ outcome, n: r.changes.filter((c) => c.outcome === outcome).length })).filter((x) => x.n > 0);
}

/** The field a choice takes: the first segment of a dotted path. */
export const topField = (path: string) => path.split(".")[0];

/** Changes grouped by top-level field, in first-seen order. */
export function groupByTopField(changes: FieldChangeDto[]): { field: string; rows: FieldChangeDto[] }[] {
  const out: { field: string; rows: FieldChangeDto[] }[] = [];
  for (const c of changes) {
    const f = topField(c.field);
    const g = out.find((x) => x.field === f);
    if (g) g.rows.push(c);
    else out.push({ field: f, rows: [c] });
  }
  return out;
}

/** The i18n key and values of a duplicate reason (`exchange.reason.<kind>`). */
export function reasonMessage(r: DuplicateReasonDto): { key: string; values: Record<string, string | number> } {
  const { kind, ...values } = r;
  return { key: `exchange.reason.${kind}`, values };
}

/** Fingerprint digits without spaces, for test ids. */
export const fingerprintDigits = (fp: string) => fp.replace(/\D/g, "");
