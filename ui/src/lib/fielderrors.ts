import type { FieldErrorDto } from "./types";

/** Backend field names (snake_case or camelCase, core's import names) → editor input keys. */
const ALIASES: Record<string, string> = {
  title: "title",
  summary: "summary",
  eventdate: "eventDate",
  date: "eventDate",
  category: "category",
  kind: "category",
  tags: "tags",
  region: "region",
  victimtype: "victimType",
  victimkind: "victimType",
  victimname: "victimName",
  outlet: "outlet",
  victimoutlet: "outlet",
  perpetratortype: "perpetratorType",
  legalbasis: "legalBasis",
  proceeding: "branch",
  proceedingbranch: "branch",
  branch: "branch",
  stage: "stage",
  court: "court",
  amountclaimedkzt: "amountClaimed",
  amountclaimed: "amountClaimed",
  finekzt: "fine",
  fine: "fine",
  sourceurl: "sources",
  sources: "sources",
  ref: "externalRef",
  externalref: "externalRef",
  language: "language",
  status: "status",
};

export function fieldKey(name: string): string {
  const last = name.split(".").pop() ?? name;
  const norm = last.replace(/[_\-\s]/g, "").toLowerCase();
  return ALIASES[norm] ?? ALIASES[name.replace(/[_.\-\s]/g, "").toLowerCase()] ?? "_form";
}

/** The i18n key of a message for a backend field error (messages arrive in English). */
export function messageKey(message: string): string {
  const m = message.toLowerCase();
  if (m.includes("empty") || m.includes("blank") || m.includes("required")) return "validation.required";
  if (m.includes("retired")) return "validation.retired";
  if (m.includes("negative")) return "validation.negative";
  if (m.includes("longer")) return "validation.tooLong";
  if (m.includes("not a counted") || m.includes("context")) return "validation.kindMismatch";
  if (m.includes("contradicts")) return "validation.branchMismatch";
  if (m.includes("twice") || m.includes("already")) return "validation.duplicate";
  if (m.includes("date")) return "validation.date";
  if (m.includes("unknown")) return "validation.unknown";
  return "validation.invalid";
}

/** Groups backend field errors by editor input. */
export function mapFieldErrors(fields: FieldErrorDto[] | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields ?? []) {
    const k = fieldKey(f.field);
    (out[k] ??= []).push(f.message);
  }
  return out;
}
