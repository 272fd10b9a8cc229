// Sizes and fingerprints as the evidence panel shows them.

import type { Lang } from "./types";

const UNITS: Record<Lang, [string, string, string, string]> = {
  kk: ["Б", "КБ", "МБ", "ГБ"],
  ru: ["Б", "КБ", "МБ", "ГБ"],
  en: ["B", "KB", "MB", "GB"],
};

/**
 * A byte count in B, KB, MB or GB (1 KB = 1024 bytes), one decimal below
 * 10 of a unit, with the language's decimal mark: 1536 → "1.5 KB" / "1,5 КБ".
 */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = UNITS[lang] ?? UNITS.en;
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const text = i === 0 || v >= 10 ? String(Math.round(v)) : (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, "");
  return `${lang === "en" ? text : text.replace(".", ",")} ${units[i]}`;
}

/** The first 12 hex digits of a SHA-256, for display (the full one goes in a title). */
export function shortHash(hex: string): string {
  return hex.length > 12 ? hex.slice(0, 12) + "…" : hex;
}

/** The extension of a file name without the dot, lower-case ("" when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : "";
}
