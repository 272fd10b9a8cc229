import { addMessages, init, locale } from "svelte-i18n";
import kk from "./kk.json";
import ru from "./ru.json";
import en from "./en.json";
import type { Lang } from "../types";

export function setupI18n(initial?: Lang) {
  addMessages("kk", kk);
  addMessages("ru", ru);
  addMessages("en", en);
  init({ fallbackLocale: "en", initialLocale: initial ?? "kk" });
  locale.set(initial ?? "kk");
}
