import { describe, expect, it } from "vitest";
import { safeText } from "./safe-text";

describe("safeText", () => {
  it("escapes terminal escapes, C1 controls and line separators", () => {
    expect(safeText("a\u001b[2Jb\u009bc\u2028d\ne")).toBe("a\\u001b[2Jb\\u009bc\\u2028d\\u000ae");
  });

  it("escapes bidirectional overrides and isolates (Trojan Source)", () => {
    expect(safeText("admin\u202e\u2066txt.exe\u2069")).toBe("admin\\u202e\\u2066txt.exe\\u2069");
  });

  it("keeps what the edge allows and leaves other text alone", () => {
    expect(safeText("a\tb\u001b", { keep: "\t" })).toBe("a\tb\\u001b");
    expect(safeText("bbox-1 → 10.0.0.12 ✓ 中文")).toBe("bbox-1 → 10.0.0.12 ✓ 中文");
  });

  it("cuts long text after escaping, with the ellipsis inside the bound", () => {
    expect(safeText("x".repeat(10), { max: 6 })).toBe("xxxxx…");
    expect(safeText("\u001b".repeat(3), { max: 8, ellipsis: "..." })).toBe("\\u001...");
    expect(safeText("short", { max: 6 })).toBe("short");
  });
});
