import { describe, it, expect } from "vitest";
import { wrapLabel } from "../lib/wrap";

describe("wrapLabel", () => {
  it("keeps a short label on one line", () => {
    expect(wrapLabel("Ақпарат алу құқығы", 40)).toEqual(["Ақпарат алу құқығы"]);
  });

  it("breaks a long Kazakh group name at spaces, never inside a word", () => {
    const label = "Журналистердің, БАҚ пен ньюсмейкерлердің құқықтарын бұзу";
    const lines = wrapLabel(label, 30);
    expect(lines).toEqual(["Журналистердің, БАҚ пен", "ньюсмейкерлердің құқықтарын", "бұзу"]);
    expect(lines.join(" ")).toBe(label);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });

  it("gives an over-long word its own line", () => {
    expect(wrapLabel("a ньюсмейкерлердің b", 6)).toEqual(["a", "ньюсмейкерлердің", "b"]);
  });

  it("ends the last allowed line with an ellipsis when there is more", () => {
    expect(wrapLabel("one two three four five six", 9, 2)).toEqual(["one two", "three…"]);
    expect(wrapLabel("aaaa bbbb cccc", 4, 2)).toEqual(["aaaa", "bbb…"]);
  });

  it("returns no lines for an empty label", () => {
    expect(wrapLabel("   ", 10)).toEqual([]);
  });
});
