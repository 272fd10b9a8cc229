// Local dates as "YYYY-MM-DD" strings and months as "YYYY-MM" — never through
// JS Date (a Date is an instant and shifts with the machine's time zone).

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date "YYYY-MM-DD" (e.g. not 2023-02-29). */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True for "YYYY-MM". */
export function isValidMonth(s: string): boolean {
  const m = MONTH_RE.exec(s);
  return !!m && +m[1] >= 1900 && +m[1] <= 2999 && +m[2] >= 1 && +m[2] <= 12;
}

/** True for a year written as four digits ("2024"); whether events may fall in it is the core's to say. */
export function isYearText(s: string): boolean {
  return /^\d{4}$/.test(s);
}

/** The year of a month "YYYY-MM". */
export function yearOf(month: string): number {
  return +month.slice(0, 4);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** "YYYY-MM" shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const m = MONTH_RE.exec(month)!;
  const idx = +m[1] * 12 + (+m[2] - 1) + delta;
  return `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`;
}

/** First and last day of a month, inclusive. */
export function monthRange(month: string): { from: string; to: string } {
  const m = MONTH_RE.exec(month)!;
  return { from: `${month}-01`, to: `${month}-${pad(daysInMonth(+m[1], +m[2]))}` };
}

/** January 1 .. last day of `month`. */
export function yearToDateRange(month: string): { from: string; to: string } {
  return { from: `${month.slice(0, 4)}-01-01`, to: monthRange(month).to };
}

/**
 * Today's month in Kazakhstan (Asia/Almaty), formatted by Intl from the clock;
 * only used to preselect the month picker.
 */
export function currentMonthKz(): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Almaty",
      year: "numeric",
      month: "2-digit",
    }).formatToParts(new Date());
    const y = parts.find((p) => p.type === "year")?.value;
    const m = parts.find((p) => p.type === "month")?.value;
    if (y && m) return `${y}-${m}`;
  } catch {
    /* fall through */
  }
  return "2024-05";
}

/** A UTC ISO timestamp shown in Asia/Almaty, for display only. */
export function formatTimestamp(iso: string, lang: string): string {
  try {
    return new Intl.DateTimeFormat(lang === "kk" ? "kk-KZ" : lang === "ru" ? "ru-RU" : "en-GB", {
      timeZone: "Asia/Almaty",
      dateStyle: "medium",
      timeStyle: "short",
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/**
 * Today's date in Kazakhstan (Asia/Almaty) as "YYYY-MM-DD", from the clock
 * via Intl; only for file names (never an event date).
 */
export function todayKz(): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Almaty",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(new Date());
    const y = parts.find((p) => p.type === "year")?.value;
    const m = parts.find((p) => p.type === "month")?.value;
    const d = parts.find((p) => p.type === "day")?.value;
    if (y && m && d) return `${y}-${m}-${d}`;
  } catch {
    /* fall through */
  }
  return `${currentMonthKz()}-01`;
}
