import { describe, it, expect } from "vitest";
import { COMMANDS, ERROR_CODES } from "../lib/bindings/commands";
import { createMockBackend } from "../lib/mock/backend";
import { toIpcError } from "../lib/api";
import backendSrc from "../lib/mock/backend.ts?raw";
import evidenceSrc from "../lib/mock/evidence.ts?raw";
import exchangeSrc from "../lib/mock/exchange.ts?raw";

/** The commands the mock's switches answer (`case "name":`), from its source. */
const handled = [backendSrc, evidenceSrc, exchangeSrc].flatMap((src) => [...src.matchAll(/^\s*case "([a-z_]+)":/gm)].map((m) => m[1]));

// The generated client (from src-tauri/src/commands/list.rs) is the one list
// of commands: the mock answers only commands of it (it may leave some out).
describe("generated command surface", () => {
  it("every command the mock handles is a command of the generated client", () => {
    expect(handled).toContain("summary_month");
    expect(handled).toContain("overview_draft_save");
    expect(handled).toContain("duplicates_list"); // exchange.ts
    expect(handled).toContain("trash_empty"); // evidence.ts
    expect(new Set(handled).size).toBe(handled.length);
    expect(handled.filter((cmd) => !(COMMANDS as readonly string[]).includes(cmd))).toEqual([]);
  });

  it("the mock answers each command it handles, and names any other as unknown", () => {
    const mock = createMockBackend();
    const unknown = (cmd: string) => {
      mock.unlock(); // again after vault_lock
      try {
        mock.handler(cmd, {});
        return false;
      } catch (e) {
        return toIpcError(e).message.startsWith("mock: unknown command");
      }
    };
    expect(handled.filter(unknown)).toEqual([]);
    expect(unknown("no_such_command")).toBe(true);
  });

  it("error codes come from Rust's ErrorCode, unknown ones become Internal", () => {
    expect(ERROR_CODES).toContain("OutputRefused");
    expect(toIpcError({ code: "OutputRefused", message: "Бұл файл — қойма" }).code).toBe("OutputRefused");
    expect(toIpcError({ code: "Жоқ", message: "x" }).code).toBe("Internal");
  });
});
