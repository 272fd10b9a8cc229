// What the UI holds in memory while a vault is unlocked. `forgetAll()` drops
// every piece of case data (on lock, idle lock, or vault switch).

import { writable, derived, get } from "svelte/store";
import { locale } from "svelte-i18n";
import type { CaseFilterDto, Lang, TaxonomyDto } from "./types";
import { LANGS } from "./types";
import * as api from "./api";
import { addMonths, currentMonthKz } from "./dates";

export type Screen = "cases" | "editor" | "summary" | "annual" | "overview" | "exchange" | "settings";

export const unlocked = writable(false);
export const vaultPath = writable<string | null>(null);
export const screen = writable<Screen>("cases");
export const taxonomy = writable<TaxonomyDto | null>(null);
/** The case open in the editor: an id, or "new". */
export const editingCase = writable<string | null>(null);
/** A filter to apply when the case list opens next (e.g. from the summary). */
export const pendingFilter = writable<CaseFilterDto | null>(null);
/** The month shown by the summary and the overview ("YYYY-MM"): last month by default (its year is the annual screen's first). */
export const currentMonth = writable<string>(addMonths(currentMonthKz(), -1));
/** The overview screen's last view (kept while switching tabs). */
export const overviewView = writable<"edit" | "preview">("edit");
/** Why the vault was last locked, for the unlock screen. */
export const lockReason = writable<"idle" | "user" | null>(null);
/** Bumped on every lock so screens can drop their local state. */
export const generation = writable(0);

export const lang = derived(locale, (l): Lang => (LANGS.includes(l as Lang) ? (l as Lang) : "kk"));

const LANG_KEY = "kuzet.uiLang"; // only the UI language, never case data

export function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return LANGS.includes(v as Lang) ? (v as Lang) : null;
  } catch {
    return null;
  }
}

/** Switches the UI language; remembered in the vault once it is unlocked. */
export async function setLang(l: Lang): Promise<void> {
  locale.set(l);
  try {
    localStorage.setItem(LANG_KEY, l);
  } catch {
    /* storage may be unavailable */
  }
  document.documentElement.lang = l;
  if (get(unlocked)) {
    try {
      const s = await api.settingsGet();
      if (s.uiLang !== l) await api.settingsSave({ ...s, uiLang: l });
    } catch {
      /* the language still switches for this session */
    }
  }
}

/** After a successful open/create. */
export async function enterVault(path: string, uiLang: Lang | null): Promise<void> {
  forgetAll();
  if (uiLang && LANGS.includes(uiLang)) {
    locale.set(uiLang);
    document.documentElement.lang = uiLang;
  }
  vaultPath.set(path);
  taxonomy.set(await api.taxonomyGet());
  lockReason.set(null);
  screen.set("cases");
  unlocked.set(true);
}

/** Drops all case data held in JS memory. */
export function forgetAll(): void {
  unlocked.set(false);
  taxonomy.set(null);
  editingCase.set(null);
  pendingFilter.set(null);
  screen.set("cases");
  generation.update((n) => n + 1);
}

export function openCase(id: string | "new"): void {
  editingCase.set(id);
  screen.set("editor");
}
