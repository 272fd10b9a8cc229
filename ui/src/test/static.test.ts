// Static checks over the sources: no {@html}, no case data in browser storage,
// only api.ts talks to Tauri, and every dictionary has the same keys.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import en from "../lib/i18n/en.json";
import ru from "../lib/i18n/ru.json";
import kk from "../lib/i18n/kk.json";

const SRC = join(__dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const app = files(SRC).filter((f) => /\.(svelte|ts)$/.test(f) && !f.includes("/test/") && !f.includes("/mock/"));

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("source rules", () => {
  it("never renders raw HTML", () => {
    for (const f of app) expect(readFileSync(f, "utf8"), f).not.toContain("{@html");
  });

  it("keeps nothing but the UI language in browser storage", () => {
    for (const f of app) {
      const s = readFileSync(f, "utf8");
      expect(s, f).not.toMatch(/sessionStorage|indexedDB/);
      if (!f.endsWith("session.ts")) expect(s, f).not.toContain("localStorage");
    }
  });

  it("imports @tauri-apps/api only in api.ts", () => {
    for (const f of app) if (!f.endsWith("lib/api.ts")) expect(readFileSync(f, "utf8"), f).not.toContain("@tauri-apps/api");
  });

  it("redeclares no backend type: types.ts only re-exports the generated bindings", () => {
    const t = readFileSync(join(SRC, "lib/types.ts"), "utf8");
    for (const m of t.matchAll(/export type (\w+) =([^;]*);/g)) {
      expect(m[2].trim(), m[1]).toMatch(/^\w+$/); // plain aliases only
    }
    expect(t).not.toMatch(/export (interface|type \w+ = \{)/);
  });

  it("has the same message keys in kk, ru and en", () => {
    expect(keys(kk).sort()).toEqual(keys(en).sort());
    expect(keys(ru).sort()).toEqual(keys(en).sort());
  });

  it("shows no English words in the kk and ru UI", () => {
    // Key names, product names of other software and ICU plural syntax may be Latin.
    const allowed = new Set(["Ctrl", "Caps", "Lock", "mail", "PDF", "CSV", "XLSX", "JSON", "DDoS", "plural", "other", "few", "many", "one", "SHA", "Excel", "KZT"]);
    const flat = (o: object, prefix = ""): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]]));
    for (const [lang, dict] of [["kk", kk], ["ru", ru]] as const) {
      for (const [key, text] of flat(dict)) {
        const words = text.replace(/\{\s*\w+\s*(?=[,}])/g, "{").match(/[A-Za-z]{3,}/g) ?? [];
        expect(words.filter((w) => !allowed.has(w)), `${lang}: ${key} = ${text}`).toEqual([]);
      }
    }
  });

  it("has a real Kazakh dictionary", () => {
    expect(kk.nav.cases).toBe("Істер");
    expect(kk.nav.lock).toBe("Құлыптау");
    expect(kk.common.save).toBe("Сақтау");
    expect(kk.cases.search).toBe("Іздеу");
  });
});
