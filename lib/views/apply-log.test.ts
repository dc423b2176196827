import { expect, it } from "vitest";
import type { ApplyEvent } from "../exec/converge-events";
import type { StepReport } from "../exec/runner";
import { t } from "../i18n/text";
import { planTopology } from "../plan/plan";
import { renderPlanText, summaryLine } from "../plan/render";
import type { Step } from "../plan/types";
import { loadExamples } from "../topology/testing/text";
import {
  type ApplyLog,
  type ApplyResultView,
  describeApplyResultText,
  EMPTY_APPLY_LOG,
  finishApplyLog,
  reduceApplyLog,
  STEP_OUTPUT_MAX,
  toApplyLogEvent,
} from "./apply-log";
import { failureHintText } from "./hints";
import { planView, stepView } from "./plan-view";

const macvlan = loadExamples().find((example) => example.file === "macvlan.yaml")?.topology;
if (!macvlan) throw new Error("examples/macvlan.yaml is missing");
const plan = planTopology(macvlan, {});
const node1 = plan.steps.filter((step) => step.host === "node-1");

function report(step: Step, outcome: StepReport["outcome"], extra: Partial<StepReport> = {}): StepReport {
  return { step, outcome, code: outcome === "ok" ? 0 : 1, durationMs: 12, stdout: "", stderr: "", ...extra };
}

function fold(events: ApplyEvent[]): ApplyLog {
  return events.reduce((log, event) => {
    const view = toApplyLogEvent(event);
    return view ? reduceApplyLog(log, view) : log;
  }, EMPTY_APPLY_LOG);
}

it("the plan view groups lib/plan's steps by host with each command and its explanation", () => {
  const view = planView(plan);
  expect(view.hosts.map((group) => group.host)).toEqual(["node-1", "node-2"]);
  const first = view.hosts[0]?.steps[0];
  expect(first).toMatchObject({ host: "node-1", kind: "set-promisc", action: "~", cause: t`not promiscuous` });
  expect(first?.command).toBe("ip link set ens33 promisc on");
  expect(first?.explain.en).toContain("promiscuous");
  expect(summaryLine(view)).toBe("Plan: 4 to add, 4 to change, 0 to remove, on 2 hosts.");
  expect(renderPlanText(view, { explain: true })).toContain("# Puts ens33 in promiscuous mode");
  expect(view.empty).toBe(false);
  // The view carries Texts, not translations: rendered at the edge, it is the plan's own text in each locale.
  for (const locale of ["en", "zh-CN"] as const) {
    expect(renderPlanText(view, { explain: true, locale })).toBe(renderPlanText(plan, { explain: true, locale }));
    expect(summaryLine(view, locale)).toBe(summaryLine(plan, locale));
  }
  expect(planView({ steps: [], conflicts: [] }).empty).toBe(true);
});

it("a stepView never carries stdin or run-time inputs", () => {
  const step: Step = { ...(node1[0] as Step), stdin: '{"secret":1}', inputs: [] };
  const view = stepView(step);
  expect(JSON.stringify(view)).not.toContain("secret");
  expect(view.command.endsWith("<<'EOF' …")).toBe(true);
});

it("a host's steps go running → ok with durations and output; the host is done after its last step", () => {
  const [a, b] = node1 as [Step, Step];
  const log = fold([
    { type: "phase", phase: "run" },
    { type: "step-started", host: "node-1", step: a, index: 0, total: 2 },
    { type: "output", host: "node-1", stepId: a.id, stream: "stdout", text: "hello " },
    { type: "output", host: "node-1", stepId: a.id, stream: "stdout", text: "world" },
  ]);
  const running = log.hosts[0];
  expect(running?.status).toBe("running");
  expect(running?.steps[0]).toMatchObject({ id: a.id, status: "running", stdout: "hello world" });
  const after = fold([
    { type: "step-started", host: "node-1", step: a, index: 0, total: 2 },
    { type: "step-finished", host: "node-1", report: report(a, "ok", { stdout: "final", durationMs: 40 }) },
    { type: "step-started", host: "node-1", step: b, index: 1, total: 2 },
    { type: "step-finished", host: "node-1", report: report(b, "ok") },
  ]);
  expect(after.hosts[0]?.status).toBe("done");
  expect(after.hosts[0]?.steps.map((line) => [line.status, line.durationMs])).toEqual([
    ["ok", 40],
    ["ok", 12],
  ]);
  expect(after.hosts[0]?.steps[0]?.stdout).toBe("final");
});

it("a failure keeps the command, stderr and a hint; later steps show as skipped", () => {
  const [a, b] = node1 as [Step, Step];
  const stderr = "Error response from daemon: network dm-1 is already using parent interface ens33";
  const log = fold([
    { type: "step-started", host: "node-1", step: a, index: 0, total: 2 },
    { type: "step-finished", host: "node-1", report: report(a, "failed", { stderr }) },
    {
      type: "host-failed",
      host: "node-1",
      failure: { host: "node-1", stepId: a.id, argv: a.argv, code: 1, stderr, error: "exit code 1" },
    },
    {
      type: "step-finished",
      host: "node-1",
      report: report(b, "skipped", { error: `not run: ${a.id} failed`, durationMs: 0 }),
    },
  ]);
  const host = log.hosts[0];
  expect(host?.status).toBe("failed");
  expect(host?.failure).toMatchObject({ command: "ip link set ens33 promisc on", stderr, code: 1 });
  expect(host?.failure?.hint.en).toContain("Only one macvlan network may use a parent interface");
  expect(host?.steps.map((line) => line.status)).toEqual(["failed", "skipped"]);
  expect(host?.steps[1]?.durationMs).toBeNull();
});

it("an unreachable host is shown with its error; output is bounded to its end", () => {
  const [a] = node1 as [Step];
  const long = "x".repeat(STEP_OUTPUT_MAX + 50);
  const log = fold([
    { type: "host-unreachable", host: "node-2", error: "connect ECONNREFUSED 198.18.0.12:22" },
    { type: "step-started", host: "node-1", step: a, index: 0, total: 1 },
    { type: "output", host: "node-1", stepId: a.id, stream: "stderr", text: long },
  ]);
  expect(log.hosts.map((h) => [h.host, h.status])).toEqual([
    ["node-1", "running"],
    ["node-2", "unreachable"],
  ]);
  expect(log.hosts[0]?.steps[0]?.stderr.length).toBe(STEP_OUTPUT_MAX);
  expect(log.hosts[0]?.steps[0]?.stderr.startsWith("…")).toBe(true);
});

it("the end of a run keeps its result and closes hosts still marked running", () => {
  const result: ApplyResultView = {
    kind: "apply",
    status: "partial",
    converged: false,
    refused: null,
    unreachable: [{ host: "node-2", error: "down" }],
    conflicts: [],
    failures: [],
    counts: { ok: 3, failed: 0, unknown: 0, skipped: 0 },
    durationMs: 2100,
    remaining: null,
    drift: null,
  };
  const [a] = node1 as [Step];
  const log = finishApplyLog(fold([{ type: "step-started", host: "node-1", step: a, index: 0, total: 3 }]), result);
  expect(log.hosts[0]?.status).toBe("done");
  expect(describeApplyResultText(result).en).toBe(
    "Partial: 3 ok, 0 failed, 0 unknown, 0 skipped in 2.1 s; run it again once the cause is fixed: it observes first and continues from what is there.",
  );
  expect(describeApplyResultText({ ...result, status: "done", converged: true, unreachable: [] }).en).toBe(
    "Done: 3 ok, 0 failed, 0 unknown, 0 skipped in 2.1 s; the hosts match the design.",
  );
  expect(
    describeApplyResultText({
      ...result,
      status: "failed",
      refused: "node-1: locked by someone",
      counts: result.counts,
    }).en,
  ).toBe("Failed: refused. node-1: locked by someone");
});

it("hints go from the specific cause to a general next step", () => {
  expect(failureHintText({ error: "node-1: host key mismatch: …", stderr: "", code: null }).en).toContain("pinned");
  expect(failureHintText({ error: "exit code 127", stderr: "sh: ovs-vsctl: not installed", code: 127 }).en).toContain(
    "not installed",
  );
  expect(failureHintText({ error: "'docker' did not finish within 300000 ms", stderr: "", code: null }).en).toContain(
    "may or may not have run",
  );
  expect(failureHintText({ error: "exit code 1", stderr: "something odd", code: 1 }).en).toContain("Apply again");
  expect(failureHintText({ error: "exit code 1", stderr: "ping: blocked", code: 1 }).en).not.toContain("Another apply");
});
