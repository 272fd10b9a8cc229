import { MAX_TITLE_CHARS } from "./bindings/limits";
// The case editor's form state and its conversion to/from the IPC types.
// Dates stay "YYYY-MM-DD" strings from input to wire.

import type { CaseDto, CaseInputDto, CaseKind, CaseStatus, Lang, ProceedingBranch, TaxonomyDto } from "./types";
import type { TranslationDto } from "./bindings/TranslationDto";
import { isValidDate } from "./dates";
import { findCategory } from "./labels";

export interface CaseForm {
  externalRef: string;
  eventDate: string;
  region: string;
  category: string;
  tags: string[];
  title: string;
  summary: string;
  victimType: string;
  victimName: string;
  outlet: string;
  perpetratorType: string;
  legalBasis: string;
  hasProceeding: boolean;
  branch: ProceedingBranch;
  stage: "" | "pretrial" | "court";
  court: string;
  amountClaimed: string;
  fine: string;
  outcome: string;
  sources: string[];
  status: CaseStatus;
  confidential: boolean;
  language: "" | Lang;
  /** Names of private persons to hide in public outputs, one per line. */
  privateNames: string;
  /** Title and summary in other languages: not edited here yet, kept as the case has them (a save replaces the whole case). */
  translations: TranslationDto[];
}

/** "Айгерім\n Иванов; Петров \n\n" → ["Айгерім", "Иванов", "Петров"]: names one per line or
 * separated by ";" (as in the import file's `private_names` column), blanks dropped. */
export function namesFromLines(s: string): string[] {
  return s.split(/[\n;]/).map((x) => x.trim()).filter(Boolean);
}

export function emptyForm(): CaseForm {
  return {
    externalRef: "", eventDate: "", region: "", category: "", tags: [], title: "", summary: "",
    victimType: "", victimName: "", outlet: "", perpetratorType: "", legalBasis: "",
    hasProceeding: false, branch: "civil", stage: "", court: "", amountClaimed: "", fine: "", outcome: "",
    sources: [""], status: "open", confidential: false, language: "", privateNames: "", translations: [],
  };
}

export function formFromCase(dto: CaseDto): CaseForm {
  const c = dto.data;
  const p = c.proceeding;
  return {
    externalRef: c.ref ?? "",
    eventDate: c.eventDate,
    region: c.region ?? "",
    category: c.category,
    tags: [...(c.tags ?? [])],
    title: c.title,
    summary: c.summary ?? "",
    victimType: c.victimType ?? "",
    victimName: c.victimName ?? "",
    outlet: c.outlet ?? "",
    perpetratorType: c.perpetratorType ?? "",
    legalBasis: c.legalBasis ?? "",
    hasProceeding: !!p,
    branch: p?.branch ?? "civil",
    stage: p?.stage ?? "",
    court: p?.court ?? "",
    amountClaimed: p?.amountClaimedKzt != null ? String(p.amountClaimedKzt) : "",
    fine: p?.fineKzt != null ? String(p.fineKzt) : "",
    outcome: p?.outcome ?? "",
    sources: c.sources?.length ? [...c.sources] : [""],
    status: c.status,
    confidential: c.confidential,
    language: c.language ?? "",
    privateNames: (c.privateNames ?? []).join("\n"),
    translations: (c.translations ?? []).map((t) => ({ ...t })),
  };
}

/** The kind follows the category's group: uncounted groups hold context events. */
export function kindOf(t: TaxonomyDto | null, category: string): CaseKind {
  const f = findCategory(t, category);
  return f && !f.group.counted ? "context" : "case";
}

/** "1 500 000" / "1500000" → 1500000; "" → null; anything else → NaN. */
export function parseKzt(s: string): number | null {
  const t = s.replace(/[\s\u00a0\u202f]/g, "");
  if (!t) return null;
  return /^-?\d{1,15}$/.test(t) ? Number(t) : NaN;
}

export function formToInput(f: CaseForm, t: TaxonomyDto | null): CaseInputDto {
  const n = (s: string) => (s.trim() ? s.trim() : null);
  return {
    ref: n(f.externalRef),
    kind: kindOf(t, f.category),
    eventDate: f.eventDate.trim(),
    region: n(f.region),
    category: f.category,
    tags: f.tags.filter((x) => x && x !== f.category),
    title: f.title.trim(),
    summary: f.summary.trim(),
    victimType: n(f.victimType),
    victimName: f.victimName.trim(),
    outlet: f.outlet.trim(),
    perpetratorType: n(f.perpetratorType),
    legalBasis: n(f.legalBasis),
    proceeding: f.hasProceeding
      ? {
          branch: f.branch,
          stage: f.stage || null,
          court: f.court.trim(),
          amountClaimedKzt: parseKzt(f.amountClaimed),
          fineKzt: parseKzt(f.fine),
          outcome: f.outcome.trim(),
        }
      : null,
    sources: f.sources.map((s) => s.trim()).filter(Boolean),
    status: f.status,
    confidential: f.confidential,
    language: f.language || null,
    privateNames: namesFromLines(f.privateNames),
    translations: (f.translations ?? []).map((t) => ({ ...t })),
  };
}

/** Client-side checks (i18n keys per field); the core validates again. */
export function checkForm(f: CaseForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.title.trim()) e.title = "validation.required";
  else if ([...f.title.trim()].length > MAX_TITLE_CHARS) e.title = "validation.tooLong";
  if (!f.eventDate.trim()) e.eventDate = "validation.required";
  else if (!isValidDate(f.eventDate.trim())) e.eventDate = "validation.date";
  if (!f.category) e.category = "validation.required";
  if (f.hasProceeding) {
    const a = parseKzt(f.amountClaimed);
    if (Number.isNaN(a)) e.amountClaimed = "validation.amount";
    else if (a !== null && a < 0) e.amountClaimed = "validation.negative";
    const fi = parseKzt(f.fine);
    if (Number.isNaN(fi)) e.fine = "validation.amount";
    else if (fi !== null && fi < 0) e.fine = "validation.negative";
  }
  return e;
}
