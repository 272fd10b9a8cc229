// svelte-i18n with the three dictionaries bundled (no async loading).
import { addMessages, init, locale } from "svelte-i18n";
import kk from "./kk.json";
import ru from "./ru.json";
import en from "./en.json";
import type { Lang } from "../types";

let done = false;

export function setupI18n(initial: Lang = "kk"): void {
  if (!done) {
    addMessages("kk", kk);
    addMessages("ru", ru);
    addMessages("en", en);
    init({ fallbackLocale: "en", initialLocale: initial });
    done = true;
  }
  locale.set(initial);
  if (typeof document !== "undefined") document.documentElement.lang = initial;
}
