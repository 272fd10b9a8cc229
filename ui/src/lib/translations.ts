// A record's title and summary in other languages than its own (`translations`
// of a case or a development): the form's helpers, its checks before saving,
// and the core's refusals put on the language they name.

import { MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from "./bindings/limits";
import { problemKey, problemValues } from "./fielderrors";
import { LANGS, type FieldError, type Lang, type TranslationDto } from "./types";

/** The translation into `lang` in `list`, or a blank one. */
export function translationIn(list: TranslationDto[], lang: Lang): TranslationDto {
  return list.find((t) => t.lang === lang) ?? { lang, title: "", summary: "" };
}

export const isBlank = (t: TranslationDto) => !t.title.trim() && !t.summary.trim();

/** `list` with the translation into `lang` set to `title`/`summary` (dropped when both are empty). */
export function withTranslation(list: TranslationDto[], lang: Lang, title: string, summary: string): TranslationDto[] {
  const t: TranslationDto = { lang, title, summary };
  const i = list.findIndex((x) => x.lang === lang);
  if (!title && !summary) return list.filter((x) => x.lang !== lang);
  return i < 0 ? [...list, t] : list.map((x, j) => (j === i ? t : x));
}

/** What is sent: trimmed, blank ones dropped (the core drops them too), one per language in kk/ru/en order. */
export function cleanTranslations(list: TranslationDto[]): TranslationDto[] {
  return LANGS.flatMap((l) => {
    const t = list.find((x) => x.lang === l);
    return t && !isBlank(t) ? [{ lang: l, title: t.title.trim(), summary: t.summary.trim() }] : [];
  });
}

/** Which input of a language's translation: its title or its summary. */
export type TranslationInput = "title" | "summary";

/** A problem found before saving: the i18n key and its values. */
export type Check = { key: string; values?: Record<string, string | number> };

/** A check's key in a form's check list: `translations.<lang>.<input>`. */
export const checkKey = (lang: Lang, input: TranslationInput) => `translations.${lang}.${input}`;

/**
 * The rules the core applies (it checks again): a translation needs a title,
 * and a summary when the record's own text has one; none may be in the
 * record's own language; titles and summaries have the core's limits.
 */
export function checkTranslations(list: TranslationDto[], own: { language: Lang | "" | null; summary: string }): Record<string, Check> {
  const e: Record<string, Check> = {};
  for (const t of list) {
    if (isBlank(t)) continue;
    const title = t.title.trim();
    const summary = t.summary.trim();
    if (t.lang === own.language) e[checkKey(t.lang, "title")] = { key: "validation.sameLanguage" };
    else if (!title) e[checkKey(t.lang, "title")] = { key: "translations.missingTitle" };
    else if ([...title].length > MAX_TITLE_CHARS) e[checkKey(t.lang, "title")] = { key: "validation.tooLong", values: { max: MAX_TITLE_CHARS } };
    if (t.lang === own.language) continue;
    if (!summary && own.summary.trim()) e[checkKey(t.lang, "summary")] = { key: "translations.missingSummary" };
    else if ([...summary].length > MAX_SUMMARY_CHARS) e[checkKey(t.lang, "summary")] = { key: "validation.tooLong", values: { max: MAX_SUMMARY_CHARS } };
  }
  return e;
}

/** The problems of the translations, as shown under their section. */
export interface TranslationErrors {
  /** Problems that name no language (e.g. too many, too long without a language). */
  general: string[];
  /** Per language: the messages, and which of its inputs they are about. */
  langs: Partial<Record<Lang, { messages: string[]; title: boolean; summary: boolean }>>;
}

export const noTranslationErrors = (): TranslationErrors => ({ general: [], langs: {} });

type Translate = (key: string, opts?: { values?: Record<string, string | number> }) => string;

/** The name of a language in the UI's language ("Kazakh", "Казахский", "Қазақша"). */
export const langName = (t: Translate, l: string) => (LANGS.includes(l as Lang) ? t(`translations.lang.${l}`) : l);

function add(out: TranslationErrors, lang: string | undefined, message: string, input: TranslationInput | "both" | null) {
  if (!lang || !LANGS.includes(lang as Lang)) {
    out.general.push(message);
    return;
  }
  const slot = (out.langs[lang as Lang] ??= { messages: [], title: false, summary: false });
  slot.messages.push(message);
  if (input === "title" || input === "both") slot.title = true;
  if (input === "summary" || input === "both") slot.summary = true;
}

/** The checks of `checkTranslations` (keys `translations.<lang>.<input>`; other keys are ignored), as text. */
export function translationErrorsFromChecks(checks: Record<string, Check>, t: Translate): TranslationErrors {
  const out = noTranslationErrors();
  for (const [k, c] of Object.entries(checks)) {
    const m = /^translations\.(\w+)\.(title|summary)$/.exec(k);
    if (!m) continue;
    add(out, m[1], t(c.key, { values: { lang: langName(t, m[1]), ...c.values } }), m[2] as TranslationInput);
  }
  return out;
}

/**
 * The core's refusals on field `translations`, each on the language it names
 * (`translationIncomplete` on the input that lacks text, `sameLanguage` on
 * the language's title); a problem without a language under the section.
 */
export function translationErrorsFromFields(fields: FieldError[] | null | undefined, t: Translate): TranslationErrors {
  const out = noTranslationErrors();
  for (const f of fields ?? []) {
    if (f.field !== "translations") continue;
    const p = f.problem;
    if (p.kind === "translationIncomplete") {
      const input: TranslationInput = p.missing === "summary" ? "summary" : "title";
      add(out, p.lang, t(input === "summary" ? "translations.missingSummary" : "translations.missingTitle", { values: { lang: langName(t, p.lang) } }), input);
    } else if (p.kind === "sameLanguage") {
      add(out, p.lang, t("validation.sameLanguage", { values: { lang: langName(t, p.lang) } }), "title");
    } else {
      const values = problemValues(p);
      const lang = typeof values.lang === "string" ? values.lang : undefined;
      add(out, lang, t(problemKey(p), { values: lang ? { ...values, lang: langName(t, lang) } : values }), lang ? "both" : null);
    }
  }
  return out;
}

export const hasTranslationErrors = (e: TranslationErrors) => e.general.length > 0 || Object.keys(e.langs).length > 0;
