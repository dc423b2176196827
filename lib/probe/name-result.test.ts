import { describe, expect, it } from "vitest";
import { nameResult } from "./host-run";
import { actualOf } from "./verdict";

describe("a ping by name stopped at its time bound", () => {
  it("before printing anything is a name that did not resolve: blocked, saying so", () => {
    expect(actualOf(nameResult(143, "", 2))).toEqual({
      actual: "blocked",
      error: "the name did not resolve within 2 s (no resolver answered)",
    });
    expect(actualOf(nameResult(124, "\n", 2)).actual).toBe("blocked");
  });

  it("after the name resolved is not about the name: the usual reading applies", () => {
    const resolved = "PING c2 (10.40.0.3): 56 data bytes\n";
    expect(nameResult(143, resolved, 2)).toMatchObject({ kind: "ran", exitCode: 143 });
    expect(actualOf(nameResult(143, resolved, 2)).actual).toBe("error");
  });

  it("that exited on its own with nothing printed is still retried as before", () => {
    expect(nameResult(2, "", 2).kind).toBe("error");
  });
});
