import type { IpcError } from "./types";

/**
 * The translated message of an IpcError. For "Internal" the shell's English
 * detail is appended (it never holds case text), so a monitor can report it.
 */
export function errorText(e: unknown, t: (key: string) => string): string {
  const err = e as IpcError;
  const key = "errors." + (err?.code ?? "Internal");
  let text = t(key);
  if (text === key) text = t("errors.Internal");
  if ((err?.code ?? "Internal") === "Internal" && err?.message) text += ` (${err.message})`;
  return text;
}
