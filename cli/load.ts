import { readFile, stat } from "node:fs/promises";
import { render, t } from "../lib/i18n/text";
import { checkTopologyText, type Issue, LIMITS, type Topology } from "../lib/topology/index";
import { formatPath, localizeIssue } from "../lib/topology/issues";
import { CliError } from "./errors";
import { cliLocale } from "./locale";
import { colours } from "./style";

export type Loaded = { file: string; ok: boolean; topology?: Topology; issues: Issue[] };

/** Reads and checks a design file. A missing or oversized file is a usage error (exit 2), not an issue. */
export async function loadDesign(file: string): Promise<Loaded> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new CliError(`cannot read '${file}': no such file`);
  }
  if (size > LIMITS.bytes) throw new CliError(`'${file}' is ${size} bytes; a design may be at most ${LIMITS.bytes}`);
  const text = await readFile(file, "utf8");
  return { file, ...checkTopologyText(text) };
}

/** `file:line:col: severity code: message` then the hint, the way compilers print. */
export function formatIssues(loaded: Loaded, stream: NodeJS.WriteStream): string {
  const c = colours(stream);
  const locale = cliLocale();
  return loaded.issues
    .map((issue) => {
      const { message, hint: hintText } = localizeIssue(issue, locale);
      const where = `${loaded.file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ""}`;
      const colour = issue.severity === "error" ? c.red : issue.severity === "warning" ? c.yellow : c.blue;
      const path = issue.path.length ? ` ${c.dim(`[${formatPath(issue.path)}]`)}` : "";
      const hint = hintText ? `\n    ${c.dim(render(t`hint: ${hintText}`, locale))}` : "";
      return `${where}: ${colour(issue.severity)} ${issue.code}: ${message}${path}${hint}`;
    })
    .join("\n");
}

/** Loads a design and refuses to go on when it has errors, printing them. */
export async function loadValidDesign(file: string): Promise<Topology> {
  const loaded = await loadDesign(file);
  if (!loaded.ok || !loaded.topology) {
    process.stderr.write(`${formatIssues(loaded, process.stderr)}\n`);
    const errors = loaded.issues.filter((issue) => issue.severity === "error").length;
    throw new CliError(
      `${file} has ${errors} error${errors === 1 ? "" : "s"}; fix ${errors === 1 ? "it" : "them"} first (crossnet validate ${file})`,
      1,
    );
  }
  return loaded.topology;
}
