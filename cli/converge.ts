import { userInfo } from "node:os";
import { join } from "node:path";
import { type ApplyReport, applyTopology, destroyTopology, InventoryMismatchError } from "../lib/app/converge";
import { PlanShapeError } from "../lib/exec/runner";
import { render, type Text, t } from "../lib/i18n/text";
import { conflictJson, renderPlanJson, renderPlanText } from "../lib/plan/render";
import { type AuditSink, createAuditSink } from "../lib/store/audit";
import { openStore } from "../lib/store/open";
import { parseCommandArgs } from "./args";
import { loadDesignOnHosts, requireDesignOnHosts } from "./design-on-hosts";
import { CliError } from "./errors";
import { cliLocale } from "./locale";
import { createProgress, describeConflicts, describeFailures, terminalSafe } from "./progress";
import { colours } from "./style";

/** Exit codes of apply and destroy. */
export const EXIT = { done: 0, failed: 1, partial: 2 } as const;

/** Where the CLI keeps its journal and audit log (the dashboard's SQLite store lives there too). */
export function dataDir(): string {
  return process.env.CROSSNET_DATA ?? "data";
}

/**
 * The audit log the CLI's commands on hosts go to: the same keyed chain in the database as the
 * dashboard's (`CROSSNET_DB`, default ./data/crossnet.db), so `crossnet audit verify` and the Audit
 * page see them. Each command writes an intent row first and does not run if it cannot.
 * @throws CliError when the database cannot be opened (nothing has run yet).
 */
export function openCliAudit(): { audit: AuditSink; close(): void } {
  const opened = openStore({ path: process.env.CROSSNET_DB?.trim() || join(dataDir(), "crossnet.db") });
  if (!opened.ok) throw new CliError(`cannot open the audit log: ${opened.error.message}; nothing was run`, 1);
  const store = opened.value;
  return { audit: createAuditSink(store), close: () => store.close() };
}

/** `cli:<os user>`: who runs the command, for the audit log and the host locks. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:uid-${process.getuid?.() ?? "unknown"}`;
  }
}

/** `crossnet apply|destroy FILE --inventory INV [--dry-run] [--json]`. */
export async function runConverge(kind: "apply" | "destroy", args: string[], usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { inventory: { type: "string", short: "i" }, json: { type: "boolean" }, "dry-run": { type: "boolean" } },
    usage,
  );
  const target = requireDesignOnHosts(positionals, values.inventory, usage);
  const { topology, inventory, dir } = await loadDesignOnHosts(target);
  const { audit, close } = openCliAudit();
  const progress = values.json || values["dry-run"] ? undefined : createProgress(process.stderr);
  const converge = kind === "apply" ? applyTopology : destroyTopology;
  let report: ApplyReport;
  try {
    report = await converge(topology, {
      inventory,
      inventoryDir: dir,
      who: cliActor(),
      audit,
      dataDir: dataDir(),
      dryRun: values["dry-run"] === true,
      ...(progress ? { onEvent: progress.onEvent } : {}),
    });
  } catch (error) {
    if (error instanceof InventoryMismatchError) throw new CliError(error.message, 1);
    if (error instanceof PlanShapeError) {
      throw new CliError(
        `nothing was run: the plan is malformed (a bug in Crossnet's planner, please report it): ${error.message}`,
        1,
      );
    }
    throw error;
  } finally {
    progress?.close();
    close();
  }

  if (report.dryRun) {
    if (values.json) process.stdout.write(renderPlanJson(report.plan));
    else {
      const locale = cliLocale();
      const title =
        locale === "zh-CN"
          ? `${topology.name} 在 ${values.inventory} 的主机上的${kind === "apply" ? "计划" : "销毁计划"}:`
          : `${kind === "apply" ? "Plan" : "Destroy plan"} for ${topology.name} against the hosts of ${values.inventory}:`;
      process.stdout.write(renderPlanText(report.plan, { title, locale }));
    }
    return report.unreachable.length ? EXIT.partial : EXIT.done;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(jsonReport(report), null, 2)}\n`);
    return EXIT[report.status];
  }
  process.stdout.write(`${summarize(kind, topology.name, report, target.file, target.inventory).join("\n")}\n`);
  return EXIT[report.status];
}

/** What the CLI calls the two converge kinds in a sentence. */
const KIND_TEXT: Record<"apply" | "destroy", Text> = { apply: t`apply`, destroy: t`destroy` };

function summarize(
  kind: "apply" | "destroy",
  name: string,
  report: ApplyReport,
  file: string,
  inventory: string,
): string[] {
  const c = colours(process.stdout);
  const locale = cliLocale();
  const say = (text: Text) => terminalSafe(render(text, locale));
  const what = KIND_TEXT[kind];
  if (report.refused)
    return [
      `${c.red("✗")} ${say(t`${what} of ${name} refused:`)}`,
      ...report.refused.split("\n").map((line) => `  ${line}`),
    ];
  const steps = report.run?.steps ?? [];
  const count = (outcome: string) => steps.filter((step) => step.outcome === outcome).length;
  const word = {
    done: c.green(say(t`DONE`)),
    partial: c.yellow(say(t`PARTIAL`)),
    failed: c.red(say(t`FAILED`)),
  }[report.status];
  const seconds = ((report.run?.durationMs ?? 0) / 1000).toFixed(1);
  const lines = [
    steps.length === 0 && report.status === "done"
      ? `${word} ${say(t`${what} of ${name}: no changes, the hosts already match.`)}`
      : steps.length === 0
        ? `${word} ${say(t`${what} of ${name}: nothing ran; what is left is blocked (see below).`)}`
        : `${word} ${say(t`${what} of ${name} in ${seconds} s: ${count("ok")} ok, ${count("failed")} failed, ${count("unknown")} unknown, ${count("skipped")} skipped.`)}`,
  ];
  for (const { host, error } of report.unreachable) lines.push(`  ${say(t`${host} could not be reached: ${error}`)}`);
  lines.push(...describeFailures(report.run?.failures ?? [], locale));
  lines.push(
    ...describeConflicts(
      report.plan.conflicts.filter(
        (conflict) => !report.unreachable.some((u) => conflict.resourceId === `host:${u.host}`),
      ),
      locale,
    ),
  );
  const again = `crossnet ${kind} ${file} --inventory ${inventory}`;
  if (report.status !== "done")
    lines.push(
      say(t`Run '${again}' again once the cause is fixed: it observes first and continues from what is there.`),
    );
  else if (report.converged && steps.length > 0) lines.push(c.dim(say(t`Re-observed: the hosts match the design.`)));
  else if (report.remaining && report.remaining.steps.length > 0)
    lines.push(
      c.yellow(say(t`Warning: re-observed after the run, the hosts still differ:`)),
      renderPlanText(report.remaining, { locale }).trimEnd(),
    );
  return lines;
}

function jsonReport(report: ApplyReport) {
  return {
    runId: report.runId,
    kind: report.kind,
    status: report.status,
    converged: report.converged,
    ...(report.refused ? { refused: report.refused } : {}),
    unreachable: report.unreachable,
    conflicts: report.plan.conflicts.map(conflictJson),
    steps: (report.run?.steps ?? []).map(({ step, outcome, code, durationMs, stderr, error }) => ({
      id: step.id,
      host: step.host,
      argv: step.argv,
      outcome,
      code,
      durationMs,
      ...(stderr ? { stderr } : {}),
      ...(error ? { error } : {}),
    })),
    failures: (report.run?.failures ?? []).map(({ diagnosis, ...failure }) => ({
      ...failure,
      ...(diagnosis ? { diagnosis: diagnosis.en } : {}),
    })),
    remaining: report.remaining ? JSON.parse(renderPlanJson(report.remaining)) : undefined,
  };
}
