import type { FieldError, Problem } from "./types";

/** The i18n key of a problem: `validation.<kind>`, from the core's typed problem (never from English text). */
export function problemKey(p: Problem): string {
  return `validation.${p.kind}`;
}

/** The values a problem's message is formatted with (lists joined with ", "). */
export function problemValues(p: Problem): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) if (k !== "kind") out[k] = Array.isArray(v) ? v.join(", ") : (v as string | number);
  return out;
}

type Translate = (key: string, opts?: { values?: Record<string, string | number> }) => string;

/** Groups backend field errors by editor input (the `Field` value is the input key; `_form` is the form), as translated text. */
export function mapFieldErrors(fields: FieldError[] | null | undefined, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields ?? []) (out[f.field] ??= []).push(t(problemKey(f.problem), { values: problemValues(f.problem) }));
  return out;
}
