import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { templateKeys } from "./scan";
import { render, t } from "./text";
import { ZH_TEMPLATES } from "./zh-templates";

/**
 * Every t`…` sentence of the core, the CLI, the probe and the lessons has a Simplified Chinese
 * template with exactly the same placeholders; the catalogue holds no sentence the code no longer says.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const SCANNED = [
  "lib/topology",
  "lib/plan",
  "lib/expect",
  "lib/probe",
  "lib/lessons",
  "lib/runs",
  "lib/views",
  "lib/app",
  "lib/drift",
  "lib/capture",
  "lib/exec",
  "lib/graph",
  "components/editor/state",
  "cli",
];

function sources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "testing" || entry === "fixtures" ? [] : sources(path);
    return entry.endsWith(".ts") && !entry.endsWith(".test.ts") ? [path] : [];
  });
}

const found = new Map<string, string>();
for (const dir of SCANNED)
  for (const file of sources(join(ROOT, dir)))
    for (const key of templateKeys(readFileSync(file, "utf8")))
      if (!found.has(key)) found.set(key, relative(ROOT, file));

const placeholders = (template: string) => [...template.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();

describe("the zh-CN catalogue", () => {
  it("the scan finds the core's sentences", () => {
    expect(found.size).toBeGreaterThan(250);
  });

  it("has a template for every sentence", () => {
    const missing = [...found]
      .filter(([key]) => !Object.hasOwn(ZH_TEMPLATES, key))
      .map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it("keeps every placeholder of the English, no more and no fewer", () => {
    const wrong = Object.entries(ZH_TEMPLATES)
      .filter(([key, zh]) => placeholders(key).join() !== placeholders(zh).join())
      .map(([key, zh]) => `${key} → ${zh}`);
    expect(wrong).toEqual([]);
  });

  it("holds no sentence the code no longer says", () => {
    expect(Object.keys(ZH_TEMPLATES).filter((key) => !found.has(key))).toEqual([]);
  });

  it("translates a nested phrase inside a sentence", () => {
    const label = t`network name`;
    expect(render(t`${label} is empty`, "zh-CN")).toBe("网络名为空");
    expect(render(t`${label} is empty`, "en")).toBe("network name is empty");
  });
});
