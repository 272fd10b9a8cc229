// Dev-only: runs the UI against the in-memory mock backend (`vite --mode mock`),
// which answers with what the real commands answered for the demo vault
// (fixtures.json, written by tests/app/fixtures.rs; see backend.ts).
// URL parameters drive it to a screen for screenshots:
//   ?lang=kk|ru|en &unlock=1 &screen=cases|summary|annual|overview|settings|editor &case=new|first
//   &month=2024-05 &demo=1 &cases=N (only the first N fixture cases) ; screen=exchange answers the dialogs with sample paths (&receive=1, &peer=1)
import { mockIPC } from "@tauri-apps/api/mocks";
import { createMockBackend, MOCK_PATH, MOCK_PASSPHRASE } from "./backend";

const params = new URLSearchParams(location.search);

export function installMockBackend(): void {
  const exchange = params.get("screen") === "exchange";
  const backend = createMockBackend({
    demo: params.get("demo") === "1",
    ...(params.has("cases") ? { cases: Number(params.get("cases")) } : {}),
    ...(exchange
      ? {
          savePath: "/home/monitor/Documents/bundle.kuzetbundle",
          exchangePaths: ["/home/monitor/Жүктеулер/штаб-2024-06-09.kuzetbundle", "/home/monitor/Жүктеулер/conflict.kuzetbundle", "/home/monitor/Жүктеулер/tampered.kuzetbundle"],
        }
      : {}),
  });
  mockIPC(backend.handler, { shouldMockEvents: true });
}

/** After mount: jump to the screen named in the URL. */
export async function mockBoot(): Promise<void> {
  const { setLang, enterVault, screen, openCase, currentMonth } = await import("../session");
  currentMonth.set(params.get("month") ?? "2024-05");
  if (params.get("view") === "preview") (await import("../session")).overviewView.set("preview");
  const api = await import("../api");
  const lang = params.get("lang");
  if (lang === "kk" || lang === "ru" || lang === "en") await setLang(lang);
  if (params.get("unlock") === "1") {
    const v = await api.vaultOpen(MOCK_PATH, MOCK_PASSPHRASE);
    await enterVault(v.path, (lang as "kk") ?? v.uiLang);
    const s = params.get("screen");
    if (s === "editor") {
      const which = params.get("case") ?? "new";
      if (which === "new") openCase("new");
      else {
        const page = await api.casesFind({ categories: which === "claim" ? ["claims.civil"] : [] }, 0, 1);
        openCase(page.rows[0].id);
      }
    } else if (s === "summary" || s === "annual" || s === "overview" || s === "settings" || s === "cases" || s === "exchange") screen.set(s);
    // &receive=1 on the exchange screen: pick the sample bundles (dry run) for a screenshot of the preview.
    if (s === "exchange" && params.get("receive") === "1") {
      await new Promise((r) => setTimeout(r, 300));
      (document.querySelector('[data-testid="exchange-receive"]') as HTMLButtonElement | null)?.click();
    }
    // &peer=1: read a sample peer's identity file, for a screenshot of the fingerprint check.
    if (s === "exchange" && params.get("peer") === "1") {
      await new Promise((r) => setTimeout(r, 300));
      (document.querySelector('[data-testid="exchange-peer-file"]') as HTMLButtonElement | null)?.click();
    }
  }
}
