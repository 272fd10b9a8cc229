import { expect } from "vitest";
import { mockIPC, clearMocks } from "@tauri-apps/api/mocks";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { get } from "svelte/store";
import { createMockBackend, MOCK_PATH, type MockOptions } from "../lib/mock/backend";
import { fixtures } from "../lib/mock/fixtures";
import { setupI18n } from "../lib/i18n";
import { forgetAll, lockReason, currentMonth } from "../lib/session";
import App from "../App.svelte";

export type Call = { cmd: string; args: Record<string, unknown> | undefined };

/** Installs the mock backend (with Tauri's official IPC mocks) and renders the app in English.
 * The backend holds the demo vault's cases and answers with what the real commands answered
 * (`fixtures`, written by tests/app/fixtures.rs); `opts.reject` makes a command refuse. */
export function start(opts: MockOptions = {}) {
  clearMocks();
  forgetAll();
  lockReason.set(null);
  currentMonth.set("2024-05");
  localStorage.clear();
  const calls: Call[] = [];
  const backend = createMockBackend({ uiLang: "en", ...opts, calls });
  mockIPC(backend.handler, { shouldMockEvents: true });
  setupI18n("en");
  const r = render(App);
  return { ...r, backend, calls };
}

export async function unlock(passphrase = fixtures.passphrase) {
  const path = await screen.findByTestId("unlock-path");
  await waitFor(() => expect((path as HTMLInputElement).value).not.toBe(""));
  await fireEvent.input(path, { target: { value: MOCK_PATH } });
  await fireEvent.input(screen.getByTestId("unlock-passphrase"), { target: { value: passphrase } });
  await fireEvent.click(screen.getByTestId("unlock-submit"));
}

/** The month the tests open (that of the published overview in the fixture). */
export const MAY = "2024-05";

export { get, fixtures };
