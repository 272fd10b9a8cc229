import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { setupI18n } from "./lib/i18n";
import { storedLang } from "./lib/session";

async function start() {
  // Dev/test-only mock backend: `__KUZET_MOCK__` is false in the production
  // build, so this import is dropped from the bundle.
  if (__KUZET_MOCK__) {
    const { installMockBackend } = await import("./lib/mock/install");
    installMockBackend();
  }
  setupI18n(storedLang() ?? undefined);
  mount(App, { target: document.getElementById("app")! });
  if (__KUZET_MOCK__) {
    const { mockBoot } = await import("./lib/mock/install");
    await mockBoot();
  }
}

start();
