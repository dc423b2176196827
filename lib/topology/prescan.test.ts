import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parseTopologyText } from "./parse";
import { prescanShape, SHAPE_LIMITS } from "./prescan";
import { LIMITS } from "./schema";

/** Finding 11: a hostile import is refused by a linear pre-scan, before the YAML parser runs. */

const MIB = LIMITS.bytes;

function fill(unit: string, tail = ""): string {
  return unit.repeat(Math.floor((MIB - tail.length) / unit.length)) + tail;
}

test("a 1 MiB deeply nested flow document is refused by the pre-scan, naming the depth", () => {
  const text = fill("[");
  expect(text.length).toBeLessThanOrEqual(MIB);
  expect(prescanShape(text)).toEqual({
    kind: "depth",
    found: SHAPE_LIMITS.depth + 1,
    limit: SHAPE_LIMITS.depth,
    line: 1,
  });
  const parsed = parseTopologyText(text);
  expect(parsed.issues).toHaveLength(1);
  expect(parsed.issues[0]).toMatchObject({ code: "too-large", line: 1 });
  expect(parsed.issues[0]?.message.en).toContain(`nests ${SHAPE_LIMITS.depth + 1} levels deep`);
});

test("1 MiB of deep block nesting (maps and compact lists) is refused by the pre-scan", () => {
  let maps = "";
  for (let depth = 0; maps.length < MIB - 4096; depth += 1) maps += `${" ".repeat(depth % 2000)}k${depth}:\n`;
  expect(prescanShape(maps)).toMatchObject({ kind: "depth", line: SHAPE_LIMITS.depth + 1 });
  expect(prescanShape(fill("- "))).toMatchObject({ kind: "depth", line: 1 });
  expect(parseTopologyText(maps).issues[0]?.message.en).toContain("levels deep");
});

test("a 1 MiB very wide list or map is refused by the pre-scan, naming the width", () => {
  const flow = `[${fill("1,", "1]")}`;
  expect(prescanShape(flow)).toMatchObject({ kind: "width", limit: SHAPE_LIMITS.width, line: 1 });
  const block = fill("- 1\n");
  expect(prescanShape(block)).toMatchObject({ kind: "width", line: SHAPE_LIMITS.width + 1 });
  const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join("\n");
  expect(parseTopologyText(keys).issues[0]?.message.en).toContain(`more than ${SHAPE_LIMITS.width} entries`);
});

test("quotes and comments do not count as nesting, and every example and its JSON form pass the pre-scan", () => {
  expect(
    prescanShape(`name: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" # {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n`),
  ).toBeNull();
  expect(prescanShape("name: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n")).toBeNull();
  const dir = join(import.meta.dirname, "..", "..", "examples");
  const files = readdirSync(dir).filter((name) => name.endsWith(".yaml"));
  expect(files.length).toBeGreaterThan(3);
  for (const name of files) {
    const text = readFileSync(join(dir, name), "utf8");
    expect(prescanShape(text), name).toBeNull();
    const data = parseTopologyText(text).data;
    expect(prescanShape(JSON.stringify(data, null, 2)), `${name} as JSON`).toBeNull();
    expect(prescanShape(JSON.stringify(data)), `${name} as one-line JSON`).toBeNull();
  }
});
