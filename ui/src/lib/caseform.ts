// The case editor's form state and its conversion to/from the IPC types.
// Dates stay "YYYY-MM-DD" strings from input to wire.

import { MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from "./bindings/limits";
import type { CaseDto, CaseInputDto, CaseKind, CaseStatus, Lang, ProceedingBranch, TaxonomyDto, TranslationDto } from "./types";
import { isValidDate } from "./dates";
import { findCategory } from "./labels";
import { checkTranslations, cleanTranslations, type Check } from "./translations";

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
  /** Title and summary in other languages than `language`, as typed (blank ones are not sent). */
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
    translations: cleanTranslations(f.translations ?? []),
  };
}

/** Client-side checks (an i18n key and its values per input; translations under
 * `translations.<lang>.<input>`); the core validates again. */
export function checkForm(f: CaseForm): Record<string, Check> {
  const e: Record<string, Check> = {};
  const k = (key: string, values?: Check["values"]): Check => ({ key, values });
  if (!f.title.trim()) e.title = k("validation.required");
  else if ([...f.title.trim()].length > MAX_TITLE_CHARS) e.title = k("validation.tooLong", { max: MAX_TITLE_CHARS });
  if ([...f.summary.trim()].length > MAX_SUMMARY_CHARS) e.summary = k("validation.tooLong", { max: MAX_SUMMARY_CHARS });
  if (!f.eventDate.trim()) e.eventDate = k("validation.required");
  else if (!isValidDate(f.eventDate.trim())) e.eventDate = k("validation.date");
  if (!f.category) e.category = k("validation.required");
  if (f.hasProceeding) {
    const a = parseKzt(f.amountClaimed);
    if (Number.isNaN(a)) e.amountClaimed = k("validation.amount");
    else if (a !== null && a < 0) e.amountClaimed = k("validation.negative");
    const fi = parseKzt(f.fine);
    if (Number.isNaN(fi)) e.fine = k("validation.amount");
    else if (fi !== null && fi < 0) e.fine = k("validation.negative");
  }
  Object.assign(e, checkTranslations(f.translations ?? [], { language: f.language, summary: f.summary }));
  return e;
}
