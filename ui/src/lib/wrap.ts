// Line breaking for SVG text, which never wraps by itself.

/**
 * Breaks `text` at spaces into lines of at most `max` characters (a single
 * longer word keeps its own line). With more than `maxLines` lines, the last
 * one ends in "…"; callers keep the whole text in a <title>.
 */
export function wrapLabel(text: string, max: number, maxLines = 3): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (!line) line = w;
    else if (line.length + 1 + w.length <= max) line += " " + w;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  if (last.length >= max) last = last.slice(0, max - 1);
  kept[maxLines - 1] = last + "…";
  return kept;
}
