import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkTopologyText } from "../check";
import type { Topology } from "../schema";

/**
 * A design written inline in a test: the template's common indentation and first newline are removed,
 * and a multi-line value continues at the column where it is interpolated.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const lines = strings.join("\u0000").replace(/^\n/, "").split("\n");
  const indents = lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length);
  const cut = Math.min(...indents);
  const parts = lines
    .map((line) => line.slice(cut))
    .join("\n")
    .split("\u0000");
  let out = parts[0] ?? "";
  values.forEach((value, i) => {
    const column = out.length - (out.lastIndexOf("\n") + 1);
    out +=
      String(value)
        .split("\n")
        .join(`\n${" ".repeat(column)}`) + (parts[i + 1] ?? "");
  });
  return `${out.trimEnd()}\n`;
}

export const EXAMPLES_DIR = join(__dirname, "..", "..", "..", "examples");

/** The tutorial's experiments in examples/, by file name (sorted), as text and as checked designs. */
export function loadExamples(): { file: string; text: string; topology: Topology }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(EXAMPLES_DIR, file), "utf8");
      const { topology, ok, issues } = checkTopologyText(text);
      if (!ok || !topology) throw new Error(`${file} does not check: ${JSON.stringify(issues)}`);
      return { file, text, topology };
    });
}

/** The example of that file name (e.g. "macvlan-8021q.yaml"). */
export function example(file: string): Topology {
  const found = loadExamples().find((candidate) => candidate.file === file);
  if (!found) throw new Error(`no example ${file}`);
  return found.topology;
}
