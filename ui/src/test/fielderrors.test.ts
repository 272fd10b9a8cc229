import { describe, it, expect } from "vitest";
import { mapFieldErrors, problemKey } from "../lib/fielderrors";
import type { Field, FieldError, Problem } from "../lib/types";
import { MAX_REF_CHARS, MAX_TITLE_CHARS } from "../lib/bindings/limits";
import en from "../lib/i18n/en.json";
import ru from "../lib/i18n/ru.json";
import kk from "../lib/i18n/kk.json";

type Dict = { validation: Record<string, string> };

/** A tiny ICU-free formatter for `{name}` placeholders, as svelte-i18n fills them. */
function translator(dict: Dict) {
  return (key: string, opts?: { values?: Record<string, string | number> }) => {
    const text = dict.validation[key.replace(/^validation\./, "")];
    if (text === undefined) throw new Error(`missing ${key}`);
    return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(opts?.values?.[k] ?? `{${k}}`));
  };
}

const errors: FieldError[] = [
  { field: "title", problem: { kind: "tooLong", max: MAX_TITLE_CHARS } },
  { field: "externalRef", problem: { kind: "duplicate", value: "2024-05-001" } },
  { field: "region", problem: { kind: "unknownCode", code: "almaty", known: ["almaty_city", "astana"] } },
];

describe("typed field errors", () => {
  it("put each problem on the editor input the Field names, in Kazakh", () => {
    const m = mapFieldErrors(errors, translator(kk));
    expect(m.title).toEqual(["Тым ұзын (300 таңбадан аспауы керек)."]);
    expect(m.externalRef).toEqual(["Екі рет көрсетілген."]);
    expect(m.region).toEqual(["Белгісіз мән almaty; рұқсат етілгендері: almaty_city, astana."]);
  });
  it("format the problem's data in Russian", () => {
    const m = mapFieldErrors(errors, translator(ru));
    expect(m.title).toEqual(["Слишком длинно (не более 300 символов)."]);
    expect(m.region).toEqual(["Неизвестное значение almaty; допустимые: almaty_city, astana."]);
  });
  it("take the key from the kind, not from English text", () => {
    const p: Problem = { kind: "invalid", message: "is longer than 300 characters" };
    expect(problemKey(p)).toBe("validation.invalid");
  });
  it("the limits come from the core", () => {
    expect(MAX_TITLE_CHARS).toBe(300);
    expect(MAX_REF_CHARS).toBe(100);
  });
  it("every problem kind has a message in en, ru and kk", () => {
    const kinds: Problem["kind"][] = ["required", "blank", "tooLong", "controlCharacters", "yearOutOfRange", "unknownCode",
      "unknownGroup", "retired", "kindMismatch", "alreadyPrimary", "duplicate", "negative", "branchMismatch", "rawKey",
      "stillUsed", "invalid", "importRow", "translationIncomplete", "sameLanguage", "tooMany"];
    for (const d of [en, ru, kk] as Dict[]) for (const k of kinds) expect(d.validation[k], k).toBeTruthy();
  });
});

// Compile-time guard: a Field the editor does not know fails `npm run check`.
const EDITOR_INPUTS = ["title", "summary", "eventDate", "category", "tags", "region", "victimType", "victimName", "outlet",
  "perpetratorType", "legalBasis", "branch", "stage", "court", "outcome", "amountClaimed", "fine", "sources", "privateNames", "externalRef", "language",
  "translations", "status", "year", "passphrase", "taxonomy", "_form"] as const;
type Missing = Exclude<Field, (typeof EDITOR_INPUTS)[number]>;
const noneMissing: Missing extends never ? true : false = true;
void noneMissing;
