import type { Text } from "../i18n/text";
import { hostsOf, stepCommand } from "../plan/render";
import type { Plan, PlanConflict, Step, StepAction, StepKind } from "../plan/types";

/** One plan step as the dashboard shows it: what, why, and the command a person would type. */
export type StepView = {
  id: string;
  host: string;
  kind: StepKind;
  resourceId: string;
  action: StepAction;
  /** Why the step is there, rendered at the edge in the reader's language. */
  cause: Text;
  /** The command as lib/plan renders it (`displayCommand`), with a heredoc mark when it reads stdin. */
  command: string;
  /** Why this step exists, for learners; rendered at the edge. */
  explain: Text;
};

/**
 * A plan grouped by host (in plan order). Its Texts travel untranslated: the edge renders the summary
 * line and the text with lib/plan's own renderer in the reader's language (`summaryLine(view, locale)`,
 * `renderPlanText(view, { explain: true, locale })`: the same text as `crossnet plan --explain`).
 */
export type PlanView = {
  hosts: { host: string; steps: StepView[] }[];
  conflicts: PlanConflict[];
  empty: boolean;
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
    command: stepCommand(step),
    explain: step.explain,
  };
}

/** The teaching view of a plan, from lib/plan's renderer: per host, each step's command and explanation. */
export function planView(plan: Plan): PlanView {
  return {
    hosts: hostsOf(plan).map((host) => ({
      host,
      steps: plan.steps.filter((step) => step.host === host).map(stepView),
    })),
    conflicts: plan.conflicts.map(({ host, resourceId, message, hint }) => ({ host, resourceId, message, hint })),
    empty: plan.steps.length === 0 && plan.conflicts.length === 0,
  };
}
