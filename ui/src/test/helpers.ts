import { expect } from "vitest";
import { mockIPC, clearMocks } from "@tauri-apps/api/mocks";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { get } from "svelte/store";
import { createMockBackend, MOCK_PATH, type MockOptions } from "../lib/mock/backend";
import { setupI18n } from "../lib/i18n";
import { forgetAll, lockReason, currentMonth } from "../lib/session";
import App from "../App.svelte";

export type Call = { cmd: string; args: Record<string, unknown> | undefined };

/** Installs the mock backend (with Tauri's official IPC mocks) and renders the app in English. */
export function start(opts: MockOptions = {}) {
  clearMocks();
  forgetAll();
  lockReason.set(null);
  currentMonth.set("2024-05");
  localStorage.clear();
  const calls: Call[] = [];
  const backend = createMockBackend({ cases: 120, uiLang: "en", ...opts, calls });
  mockIPC(backend.handler, { shouldMockEvents: true });
  setupI18n("en");
  const r = render(App);
  return { ...r, backend, calls };
}

export async function unlock(passphrase = "demo") {
  const path = await screen.findByTestId("unlock-path");
  await waitFor(() => expect((path as HTMLInputElement).value).not.toBe(""));
  await fireEvent.input(path, { target: { value: MOCK_PATH } });
  await fireEvent.input(screen.getByTestId("unlock-passphrase"), { target: { value: passphrase } });
  await fireEvent.click(screen.getByTestId("unlock-submit"));
}

export { get };
