// How history entries are shown: field paths as the editor's labels, values
// as text, sources in words.

/** A record as "dotted.path" → display text (strings unquoted, other JSON compact, null = absent). */
export function flattenRecord(value: unknown, prefix = ""): [string, string | null][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const out: [string, string | null][] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out.push(...flattenRecord(v, prefix + k + "."));
    return out.length || !prefix ? out : [[prefix.slice(0, -1), "{}"]];
  }
  const path = prefix.slice(0, -1);
  if (value === null || value === undefined) return [[path, null]];
  return [[path, typeof value === "string" ? value : JSON.stringify(value)]];
}

const camel = (s: string) => s.replace(/[_-]([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * The editor's label for a field path ("title", "victim.name", "proceeding.stage",
 * "proceeding.amount_claimed_kzt"), or the path itself when the editor has none.
 */
export function fieldLabel(path: string, t: (key: string) => string): string {
  const parts = path.split(".").map(camel);
  const joined = parts[0] + parts.slice(1).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
  const last = parts[parts.length - 1];
  for (const c of [joined, last, joined.replace(/Kzt$/, ""), last.replace(/Kzt$/, "")]) {
    const key = "fields." + c;
    const s = t(key);
    if (s !== key) return s;
  }
  return path;
}

/** The source of a change in words: "app", "cli", "version 12", "import: may.csv", else as given. */
export function sourceText(source: string, t: (key: string, o?: { values: Record<string, string> }) => string): string {
  if (source === "app" || source === "cli") return t("history.source." + source);
  const v = /^version (\d+)$/.exec(source);
  if (v) return t("history.source.version", { values: { seq: v[1] } });
  const i = /^import: (.*)$/.exec(source);
  if (i) return t("history.source.import", { values: { file: i[1] } });
  return source;
}

/** What an entry did, as a heading: "Case changed", «Дело: изменение», "File added". */
export function entryTitle(
  h: { entity: string; action: string },
  t: (key: string, o?: { values: Record<string, string> }) => string,
): string {
  if (h.entity === "attachment" && h.action === "created") return t("history.fileAdded");
  return t("history.what", { values: { entity: t("history.entity." + h.entity), action: t("history.action." + h.action) } });
}
