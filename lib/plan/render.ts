import type { Locale } from "../i18n/locale";
import { render, type Text, t } from "../i18n/text";
import { quoteArg } from "./quote";
import type { Plan, PlanConflict, Step } from "./types";

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const PLACEHOLDER = /^\{\{([A-Z][A-Z0-9_]*)\}\}$/;

/** One argument as a person would type it: bare when safe, single-quoted otherwise; `{{X}}` becomes "$X". */
export function displayWord(word: string): string {
  const placeholder = PLACEHOLDER.exec(word);
  if (placeholder) return `"$${placeholder[1]}"`;
  return SAFE_WORD.test(word) ? word : quoteArg(word);
}

export function displayCommand(argv: readonly string[]): string {
  return argv.map(displayWord).join(" ");
}

/** Hosts of a plan in the order their first step appears. */
export function hostsOf(plan: Plan): string[] {
  return [...new Set(plan.steps.map((step) => step.host))];
}

export type TextOptions = { explain?: boolean; title?: string; locale?: Locale };

/** What the plan text needs of a step: the command as {@link displayCommand} shows it, with a heredoc mark when it reads stdin. */
export type PlanTextStep = Pick<Step, "action" | "resourceId" | "cause" | "explain"> & { command: string };

/**
 * What the plan text needs of a plan: its steps grouped by host in plan order, and its conflicts. A
 * {@link Plan} or a view of one that crossed to the browser (lib/views' `PlanView`): both render the same
 * text in any locale, so no pre-rendered translation travels with the view.
 */
export type PlanTextSource = {
  hosts: { host: string; steps: PlanTextStep[] }[];
  conflicts: Pick<PlanConflict, "resourceId" | "message" | "hint">[];
};

/** A step's command as a person would type it, with `<<'EOF' …` when it reads stdin. */
export function stepCommand(step: Pick<Step, "argv" | "stdin">): string {
  return `${displayCommand(step.argv)}${step.stdin !== undefined ? " <<'EOF' …" : ""}`;
}

function textSource(plan: Plan | PlanTextSource): PlanTextSource {
  if (!("steps" in plan)) return plan;
  return {
    hosts: hostsOf(plan).map((host) => ({
      host,
      steps: plan.steps
        .filter((candidate) => candidate.host === host)
        .map((step) => ({ ...step, command: stepCommand(step) })),
    })),
    conflicts: plan.conflicts,
  };
}

/** A step's cause and explanation rendered in `locale`. */
export function localizeStep(
  step: Pick<Step, "cause" | "explain">,
  locale: Locale = "en",
): { cause: string; explain: string } {
  return { cause: render(step.cause, locale), explain: render(step.explain, locale) };
}

/**
 * Terraform-like text: per host, each step as `<action> <resource>  (<cause>)` then its command.
 * The one renderer used by the CLI, the dashboard and the plan tests.
 */
export function renderPlanText(input: Plan | PlanTextSource, options: TextOptions = {}): string {
  const plan = textSource(input);
  const lines: string[] = [];
  if (options.title) lines.push(options.title, "");
  const locale = options.locale ?? "en";
  const noSteps = plan.hosts.every((group) => group.steps.length === 0);
  if (noSteps && plan.conflicts.length === 0) lines.push(render(t`No changes: the hosts match the design.`, locale));
  else if (noSteps) lines.push(render(t`No steps, but the conflicts below need a person.`, locale));
  for (const { host, steps } of plan.hosts) {
    lines.push(`${host}:`);
    for (const step of steps) {
      const { cause, explain } = localizeStep(step, options.locale);
      lines.push(`  ${step.action} ${step.resourceId}  (${cause})`);
      lines.push(`      ${step.command}`);
      if (options.explain) lines.push(`      # ${explain}`);
    }
    lines.push("");
  }
  for (const conflict of plan.conflicts) {
    const message = render(conflict.message, locale);
    const hint = render(conflict.hint, locale);
    lines.push(`! ${conflict.resourceId}: ${message}`, `  ${render(t`hint: ${hint}`, locale)}`);
  }
  if (plan.conflicts.length) lines.push("");
  lines.push(summaryLine(plan, locale));
  return `${lines.join("\n")}\n`;
}

/** `Plan: 2 to add, 0 to change, 0 to remove, on 2 hosts.` in `locale`. */
export function summaryLine(input: Plan | PlanTextSource, locale: Locale = "en"): string {
  return render(summaryText(input), locale);
}

/** {@link summaryLine} as a translatable Text. */
export function summaryText(input: Plan | PlanTextSource): Text {
  const plan = textSource(input);
  const steps = plan.hosts.flatMap((group) => group.steps);
  const count = (action: Step["action"]) => steps.filter((step) => step.action === action).length;
  const hosts = plan.hosts.filter((group) => group.steps.length > 0).length;
  return hosts === 1
    ? t`Plan: ${count("+")} to add, ${count("~")} to change, ${count("-")} to remove, on ${hosts} host.`
    : t`Plan: ${count("+")} to add, ${count("~")} to change, ${count("-")} to remove, on ${hosts} hosts.`;
}

/** The JSON contract of `crossnet plan --json`: `{"steps":[…]}` (plus `conflicts` when there are any). */
export function renderPlanJson(plan: Plan): string {
  const steps = plan.steps.map((step) => ({
    id: step.id,
    host: step.host,
    kind: step.kind,
    resourceId: step.resourceId,
    action: step.action,
    cause: step.cause.en,
    argv: step.argv,
    ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
    ...(step.inputs ? { inputs: step.inputs } : {}),
    explain: step.explain.en,
    dependsOn: step.dependsOn,
  }));
  const conflicts = plan.conflicts.map(conflictJson);
  return `${JSON.stringify(conflicts.length ? { steps, conflicts } : { steps }, null, 2)}\n`;
}

/** A conflict as the CLI's JSON shows it: its message and hint in English (the documented contract). */
export function conflictJson(conflict: PlanConflict): {
  host: string;
  resourceId: string;
  message: string;
  hint: string;
} {
  return { host: conflict.host, resourceId: conflict.resourceId, message: conflict.message.en, hint: conflict.hint.en };
}

/** A bash script for one host that a person could run by hand, as root, on that host. */
export function renderHostScript(plan: Plan, host: string, topology: string): string {
  const steps = plan.steps.filter((step) => step.host === host);
  const lines = [
    "#!/usr/bin/env bash",
    `# Crossnet plan for topology '${topology}', host ${host}: run it as root on ${host}.`,
    "# Steps that need another host first are marked; run the hosts' scripts in the order of `crossnet plan`.",
    "set -euo pipefail",
    "",
  ];
  for (const step of steps) {
    lines.push(`# ${step.action} ${step.resourceId} (${step.cause.en})`);
    for (const line of wrap(step.explain.en, 100)) lines.push(`# ${line}`);
    const remote = step.dependsOn.filter((dep) => !steps.some((candidate) => candidate.id === dep));
    if (remote.length) lines.push(`# after: ${remote.join(", ")}`);
    for (const input of step.inputs ?? [])
      lines.push(
        `# ${input.explain}`,
        `: "\${${input.name}:?run '${displayCommand(input.argv)}' on ${input.host} and export ${input.name}}"`,
      );
    if (step.stdin !== undefined)
      lines.push(`${displayCommand(step.argv)} <<'CROSSNET_EOF'`, step.stdin.replace(/\n$/, ""), "CROSSNET_EOF");
    else lines.push(displayCommand(step.argv));
    lines.push("");
  }
  if (steps.length === 0) lines.push("# Nothing to do on this host.", "");
  return lines.join("\n");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}
