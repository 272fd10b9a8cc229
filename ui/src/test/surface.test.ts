import { describe, it, expect } from "vitest";
import { COMMANDS, ERROR_CODES } from "../lib/bindings/commands";
import { createMockBackend } from "../lib/mock/backend";
import { toIpcError } from "../lib/api";

// The generated client (from src-tauri/src/commands/list.rs) is the one list
// of commands: the mock backend must answer each of them.
describe("generated command surface", () => {
  it("the mock backend knows every command of the generated client", () => {
    const mock = createMockBackend();
    mock.unlock();
    const unknown = COMMANDS.filter((cmd) => {
      try {
        mock.handler(cmd, {});
        return false;
      } catch (e) {
        return toIpcError(e).message.startsWith("mock: unknown command");
      }
    });
    expect(COMMANDS.length).toBe(66);
    expect(unknown).toEqual([]);
  });

  it("error codes come from Rust's ErrorCode, unknown ones become Internal", () => {
    expect(ERROR_CODES).toContain("OutputRefused");
    expect(toIpcError({ code: "OutputRefused", message: "Бұл файл — қойма" }).code).toBe("OutputRefused");
    expect(toIpcError({ code: "Жоқ", message: "x" }).code).toBe("Internal");
  });
});
