import { expectMatrix } from "../expect/expect";
import type { Locale } from "../i18n/locale";
import { render } from "../i18n/text";
import { planTopology } from "../plan/plan";
import { displayCommand, localizeStep } from "../plan/render";
import type { Step, StepKind } from "../plan/types";
import { assignAddresses } from "../topology/ipam";
import type { Topology } from "../topology/schema";
import { type CaptureQuestionView, questionView } from "./capture-question";
import { describeFault, faultKindLabel, fixCommands } from "./faults";
import { cellMatchesPing, expectedOutcome, type Outcome } from "./judge";
import { FAULT_KINDS, type FaultKind, type Lesson, type Localized, type PingSpec, type Selector } from "./schema";
import { selectPlanSteps } from "./select";

/** A plan step as a lesson shows it: the command a person types and why, in the reader's language. */
export type LessonCommand = {
  id: string;
  host: string;
  kind: StepKind;
  resourceId: string;
  command: string;
  cause: string;
  explain: string;
  /** Not named by the lesson step, but needed first by one it names. */
  needed: boolean;
};

/** A ping to predict, with what the finished design expects of it and why. */
export type LessonPing = PingSpec & {
  /** The address pinged (`bbox-2@ov_net1` when swarm assigns it at run time) or the name. */
  target: string;
  expected: Outcome;
  reason: string;
};

export type LessonFault = {
  kind: FaultKind;
  /** One answer per fault kind, in a fixed order. */
  choices: { kind: FaultKind; label: string }[];
  /** What the fault did, told once found. */
  description: string;
  /** The commands that undo it by hand. */
  fix: { host: string; command: string }[];
};

export type LessonStepView = {
  id: string;
  title: string;
  body: string;
  takeaway: string | null;
  /** The step's plan steps on fresh real hosts and on the embedded lab (userspace OVS, etcd provided). */
  commands: { real: LessonCommand[]; lab: LessonCommand[] };
  /** The step applies something (it has selectors). */
  applies: boolean;
  pings: LessonPing[];
  fault: LessonFault | null;
  /** A question on the captured packets (lib/lessons/capture-question). */
  question?: CaptureQuestionView;
};

/** A lesson ready for the dashboard in one language: plain, serialisable data. */
export type LessonView = {
  id: string;
  title: string;
  summary: string;
  section: string | null;
  topologyName: string;
  topologyText: string;
  /** The design's hosts and containers, in document order. */
  hosts: string[];
  containers: string[];
  steps: LessonStepView[];
};

/** CJK characters and full-width punctuation, between which a folded YAML line break must not leave a space. */
const CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef";
const FOLDED_SPACE = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, "g");

/**
 * A lesson sentence in `locale`. Chinese is written without spaces, so the space a folded YAML
 * scalar (`>-`) puts where a line broke between two Chinese characters is taken out.
 */
export function pick(text: Localized, locale: Locale): string {
  return locale === "zh-CN" ? text[locale].replace(FOLDED_SPACE, "") : text[locale];
}

function commandsOf(steps: Step[], neededIds: Set<string>, locale: Locale): LessonCommand[] {
  return steps.map((step) => {
    const { cause, explain } = localizeStep(step, locale);
    return {
      id: step.id,
      host: step.host,
      kind: step.kind,
      resourceId: step.resourceId,
      command: `${displayCommand(step.argv)}${step.stdin !== undefined ? " <<'EOF' …" : ""}`,
      cause,
      explain,
      needed: neededIds.has(step.id),
    };
  });
}

/**
 * The lesson in `locale`: each step's text, the plan steps it selects (on fresh hosts; on the hosts
 * themselves the dashboard plans again when applying), its pings with the design's expectation, and
 * its fault with the answers to choose from and the fix.
 */
export function lessonView(lesson: Lesson, topology: Topology, topologyText: string, locale: Locale): LessonView {
  const ipam = assignAddresses(topology);
  const plans = {
    real: planTopology(topology, {}, {}, ipam),
    lab: planTopology(topology, {}, { kvProvided: true, ovsDatapath: "netdev" }, ipam),
  };
  const matrix = expectMatrix(topology, {}, ipam).pairs;
  /** Plan steps that earlier lesson steps cover: a step lists as "needed first" only what none of them did. */
  const covered = { real: new Set<string>(), lab: new Set<string>() };
  const commands = (variant: "real" | "lab", selectors: Selector[]): LessonCommand[] => {
    if (selectors.length === 0) return [];
    const plan = plans[variant];
    const { selected, needed } = selectPlanSteps(plan, selectors);
    const earlier = covered[variant];
    const fresh = needed.filter((step) => !earlier.has(step.id));
    const keep = new Set([...selected, ...fresh].map((step) => step.id));
    for (const id of keep) earlier.add(id);
    return commandsOf(
      plan.steps.filter((step) => keep.has(step.id)),
      new Set(fresh.map((step) => step.id)),
      locale,
    );
  };
  return {
    id: lesson.id,
    title: pick(lesson.title, locale),
    summary: pick(lesson.summary, locale),
    section: lesson.section ?? null,
    topologyName: topology.name,
    topologyText,
    hosts: Object.keys(topology.hosts),
    containers: Object.keys(topology.containers ?? {}),
    steps: lesson.steps.map((step) => {
      const selectors = step.apply ?? [];
      return {
        id: step.id,
        title: pick(step.title, locale),
        body: pick(step.body, locale),
        takeaway: step.takeaway ? pick(step.takeaway, locale) : null,
        commands: { real: commands("real", selectors), lab: commands("lab", selectors) },
        applies: selectors.length > 0,
        pings: (step.predict ?? []).map((ping) => {
          const cell = matrix.find((candidate) => cellMatchesPing(candidate, ping));
          return {
            ...ping,
            target: cell?.target ?? ping.to,
            expected: cell ? expectedOutcome(cell) : "blocked",
            reason: cell ? render(cell.reason, locale) : "",
          };
        }),
        fault: step.fault
          ? {
              kind: step.fault.kind,
              choices: FAULT_KINDS.map((kind) => ({ kind, label: render(faultKindLabel(kind), locale) })),
              description: render(describeFault(step.fault, topology), locale),
              fix: fixCommands(step.fault, topology).map(({ host, argv }) => ({ host, command: displayCommand(argv) })),
            }
          : null,
        ...(step.question ? { question: questionView(step.question, pick(step.question.question, locale)) } : {}),
      };
    }),
  };
}
