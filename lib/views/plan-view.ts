import type { Text } from "../i18n/text";
import { displayCommand, hostsOf, renderPlanText, summaryLine } from "../plan/render";
import type { Plan, PlanConflict, Step, StepAction, StepKind } from "../plan/types";

/** One plan step as the dashboard shows it: what, why, and the command a person would type. */
export type StepView = {
  id: string;
  host: string;
  kind: StepKind;
  resourceId: string;
  action: StepAction;
  cause: string;
  /** The command as lib/plan renders it (`displayCommand`), with a heredoc mark when it reads stdin. */
  command: string;
  explain: string;
  /** cause and explain as translatable Texts (the dashboard renders them in the reader's language). */
  text?: { cause: Text; explain: Text };
};

/** A plan grouped by host (in plan order), plus lib/plan's own text rendering and summary line. */
export type PlanView = {
  hosts: { host: string; steps: StepView[] }[];
  conflicts: PlanConflict[];
  /** `Plan: 2 to add, 0 to change, 0 to remove, on 2 hosts.` */
  summary: string;
  /** `renderPlanText(plan, { explain: true })`: the same text as `crossnet plan --explain`. */
  text: string;
  empty: boolean;
  /** `summary` and `text` in Chinese (the same renderer, zh-CN), so the dashboard shows the reader's language. */
  zh: { summary: string; text: string };
};

/** A step without its stdin and run-time inputs (the browser needs neither): plain, serialisable data. */
export function stepView(step: Step): StepView {
  return {
    id: step.id,
    host: step.host,
    kind: step.kind,
    resourceId: step.resourceId,
    action: step.action,
    cause: step.cause,
    command: `${displayCommand(step.argv)}${step.stdin !== undefined ? " <<'EOF' …" : ""}`,
    explain: step.explain,
    ...(step.text ? { text: step.text } : {}),
  };
}

/** The teaching view of a plan, from lib/plan's renderer: per host, each step's command and explanation. */
export function planView(plan: Plan): PlanView {
  return {
    hosts: hostsOf(plan).map((host) => ({
      host,
      steps: plan.steps.filter((step) => step.host === host).map(stepView),
    })),
    conflicts: plan.conflicts.map(({ host, resourceId, message, hint, text }) => ({
      host,
      resourceId,
      message,
      hint,
      ...(text ? { text } : {}),
    })),
    summary: summaryLine(plan),
    text: renderPlanText(plan, { explain: true }),
    zh: { summary: summaryLine(plan, "zh-CN"), text: renderPlanText(plan, { explain: true, locale: "zh-CN" }) },
    empty: plan.steps.length === 0 && plan.conflicts.length === 0,
  };
}
