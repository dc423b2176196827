import { expect, test } from "vitest";
import { truncateMiddle } from "./truncate";

test("short text is unchanged", () => {
  expect(truncateMiddle("hello", 10)).toBe("hello");
});

test("long text keeps its start and its end around a marker, within the bound", () => {
  const text = `${"a".repeat(500)}${"b".repeat(500)}`;
  const out = truncateMiddle(text, 200);
  expect(out.length).toBeLessThanOrEqual(200);
  expect(out.startsWith("aaa")).toBe(true);
  expect(out.endsWith("bbb")).toBe(true);
  expect(out).toContain("[800 characters truncated]");
});
