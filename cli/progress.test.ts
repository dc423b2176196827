import { describe, expect, it } from "vitest";
import type { StepReport } from "../lib/exec/runner";
import { plain, t } from "../lib/i18n/text";
import { planTopology } from "../lib/plan/plan";
import { appliedSnapshot } from "../lib/plan/testing/applied-snapshot";
import type { Step } from "../lib/plan/types";
import { loadExample } from "../lib/probe/testing/lab-design";
import { cliLocale } from "./locale";
import { createProgress, describeConflicts, describeFailures, terminalSafe } from "./progress";

const step: Step = {
  id: "container:bbox-1@node-1/run-container",
  host: "node-1",
  kind: "run-container",
  resourceId: "container:bbox-1@node-1",
  action: "+",
  cause: t`missing`,
  argv: ["docker", "run", "-itd", "--name", "bbox-1", "busybox"],
  explain: plain(""),
  dependsOn: [],
};

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = {
    isTTY,
    columns: 80,
    write: (chunk: string) => chunks.push(chunk) > 0,
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join("") };
}

const finished = (outcome: StepReport["outcome"]): StepReport => ({
  step,
  outcome,
  code: 0,
  durationMs: 1234,
  stdout: "",
  stderr: "",
});

describe("createProgress", () => {
  it("prints one plain line per finished step when not on a terminal", () => {
    const out = fakeStream(false);
    const progress = createProgress(out.stream);
    progress.onEvent({ type: "step-started", host: "node-1", step, index: 0, total: 2 });
    progress.onEvent({ type: "step-finished", host: "node-1", report: finished("ok") });
    progress.onEvent({ type: "step-finished", host: "node-1", report: finished("skipped") });
    expect(out.text()).toBe(
      "node-1: ok + container:bbox-1@node-1 (1.23 s)\nnode-1: skipped + container:bbox-1@node-1\n",
    );
  });

  it("keeps a live line per host on a terminal, redrawn in place", () => {
    const out = fakeStream(true);
    const progress = createProgress(out.stream);
    progress.onEvent({ type: "step-started", host: "node-1", step, index: 0, total: 2 });
    progress.onEvent({ type: "step-started", host: "node-2", step: { ...step, host: "node-2" }, index: 1, total: 3 });
    const text = out.text();
    expect(text).toContain("[1/2] + container:bbox-1@node-1 …");
    expect(text).toContain("[2/3] + container:bbox-1@node-1 …");
    expect(text).toContain("\u001b[1F\u001b[J");
  });
});

describe("terminalSafe", () => {
  it("neutralises escape sequences a host could put in its output", () => {
    expect(terminalSafe("Error\u001b]0;pwned\u0007 x\ty\u009b")).toBe("Error\\u001b]0;pwned\\u0007 x\ty\\u009b");
  });
});

describe("describeFailures", () => {
  it("shows the failed command and the end of its stderr", () => {
    const lines = describeFailures([
      {
        host: "node-2",
        stepId: step.id,
        argv: step.argv,
        code: 125,
        stderr: "Error: conflict\n",
        error: "exit code 125",
      },
    ]);
    expect(lines).toEqual([
      `  node-2 stopped at ${step.id}: exit code 125`,
      "    $ docker run -itd --name bbox-1 busybox",
      "    Error: conflict",
    ]);
  });
});

describe("describeConflicts", () => {
  // A real conflict of the planner: a container of the design's name that Crossnet did not create.
  const macvlan = loadExample("macvlan");
  const observed = appliedSnapshot(macvlan);
  const bbox = observed["node-1"]?.docker.containers.find((c) => c.name === "bbox-1");
  if (bbox) bbox.labels = {};
  const { conflicts } = planTopology(macvlan, observed);

  it("prints a conflict and its hint in Chinese under LANG=zh_CN.UTF-8", () => {
    const lines = describeConflicts(conflicts, cliLocale({ NODE_ENV: "test", LANG: "zh_CN.UTF-8" }));
    expect(conflicts).toHaveLength(1);
    expect(lines).toEqual([
      "  ! container:bbox-1@node-1: node-1 上已经运行着一个名为 bbox-1 的容器，而且不是 Crossnet 创建的",
      "    提示：请手动删除它（'docker rm -f bbox-1'），或在设计中给容器改名。",
    ]);
  });

  it("prints it in English under LANG=C", () => {
    expect(describeConflicts(conflicts, cliLocale({ NODE_ENV: "test", LANG: "C" }))).toEqual([
      "  ! container:bbox-1@node-1: a container named bbox-1 already runs on node-1 and was not created by Crossnet",
      "    hint: Remove it by hand ('docker rm -f bbox-1') or rename the container in the design.",
    ]);
  });

  it("neutralises escape sequences in what it prints", () => {
    const lines = describeConflicts([
      { resourceId: "host:node-1", message: t`${"\u001b[2J"} in the way`, hint: plain("") },
    ]);
    expect(lines[0]).toBe("  ! host:node-1: \\u001b[2J in the way");
  });
});
