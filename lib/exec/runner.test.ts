import { describe, expect, it } from "vitest";
import { plain, t } from "../i18n/text";
import type { Plan, Step } from "../plan/types";
import { ConnectionLostError } from "./errors";
import type { JournalOutcome, JournalStep } from "./journal";
import { PlanShapeError, type RunEvent, runPlan, type StepExecutor } from "./runner";
import type { CommandResult, ExecOptions } from "./ssh";

const step = (id: string, host: string, argv: string[], more: Partial<Step> = {}): Step => ({
  id,
  host,
  kind: "run-container",
  resourceId: id,
  action: "+",
  cause: t`missing`,
  argv,
  explain: plain(""),
  dependsOn: [],
  ...more,
});

type Call = { host: string; argv: readonly string[]; options: ExecOptions | undefined; at: number };

/** Hosts that answer from a script: `fail` exit codes by program name, `lost` throws ConnectionLostError. */
function fakeHosts(script: { fail?: Record<string, number>; lost?: string[]; down?: string[]; delayMs?: number } = {}) {
  const calls: Call[] = [];
  const t0 = Date.now();
  const connect = async (host: string): Promise<StepExecutor> => {
    if (script.down?.includes(host)) throw new ConnectionLostError(host, "connection refused");
    return {
      async exec(argv, options): Promise<CommandResult> {
        calls.push({ host, argv, options, at: Date.now() - t0 });
        await new Promise((r) => setTimeout(r, script.delayMs ?? 5));
        const program = argv[0] ?? "";
        if (script.lost?.includes(program)) throw new ConnectionLostError(host, "SSH connection lost: keepalive");
        if (program === "token") return { code: 0, stdout: "SWMTKN-1-secretvalue\n", stderr: "", durationMs: 1 };
        options?.onStdout?.(`out of ${argv.join(" ")}\n`);
        const code = script.fail?.[program] ?? 0;
        return {
          code,
          stdout: `out of ${argv.join(" ")}\n`,
          stderr: code ? `boom ${argv.join(" ")}` : "",
          durationMs: 1,
        };
      },
    };
  };
  return { calls, connect };
}

function memoryJournal() {
  const rows: { phase: "before" | "after"; step: JournalStep; outcome?: JournalOutcome }[] = [];
  return {
    rows,
    before: (s: JournalStep) => rows.push({ phase: "before", step: s }),
    after: (s: JournalStep, outcome: JournalOutcome) => rows.push({ phase: "after", step: s, outcome }),
  };
}

describe("runPlan", () => {
  it("runs hosts in parallel and each host's steps in order", async () => {
    const plan: Plan = {
      steps: [step("a1", "a", ["a1"]), step("b1", "b", ["b1"]), step("a2", "a", ["a2"]), step("b2", "b", ["b2"])],
      conflicts: [],
    };
    const hosts = fakeHosts({ delayMs: 40 });
    const result = await runPlan(plan, { connect: hosts.connect, journal: memoryJournal() });
    expect(result.status).toBe("done");
    expect(hosts.calls.filter((c) => c.host === "a").map((c) => c.argv[0])).toEqual(["a1", "a2"]);
    const [a1, b1] = [hosts.calls.find((c) => c.argv[0] === "a1"), hosts.calls.find((c) => c.argv[0] === "b1")];
    expect(Math.abs((a1?.at ?? 0) - (b1?.at ?? 999))).toBeLessThan(30);
    expect(result.durationMs).toBeLessThan(150);
  });

  it("waits for cross-host dependencies and fills inputs from another host, keeping the secret out of records", async () => {
    const init = step("swarm@m/swarm-init", "m", ["init"], { kind: "swarm-init" });
    const join = step("swarm@w/swarm-join", "w", ["join", "--token", "{{TOKEN}}", "m:2377"], {
      kind: "swarm-join",
      dependsOn: [init.id],
      inputs: [{ name: "TOKEN", host: "m", argv: ["token"], explain: "" }],
    });
    const hosts = fakeHosts({ delayMs: 30 });
    const journal = memoryJournal();
    const events: RunEvent[] = [];
    const result = await runPlan(
      { steps: [init, join], conflicts: [] },
      { connect: hosts.connect, journal, onEvent: (e) => events.push(e) },
    );
    expect(result.status).toBe("done");
    const order = hosts.calls.map((c) => `${c.host}:${c.argv[0]}`);
    expect(order).toEqual(["m:init", "m:token", "w:join"]);
    const joinCall = hosts.calls.find((c) => c.argv[0] === "join");
    expect(joinCall?.argv).toEqual(["join", "--token", "SWMTKN-1-secretvalue", "m:2377"]);
    expect(joinCall?.options?.auditArgv).toEqual(join.argv);
    const recorded = JSON.stringify({ rows: journal.rows, events, result });
    expect(recorded).not.toContain("secretvalue");
    expect(recorded).toContain("{{TOKEN}}");
  });

  it("stops only the failing host, skips its later steps and reports PARTIAL with argv and stderr", async () => {
    const plan: Plan = {
      steps: [step("a1", "a", ["bad", "x"]), step("b1", "b", ["b1"]), step("a2", "a", ["a2"]), step("b2", "b", ["b2"])],
      conflicts: [],
    };
    const hosts = fakeHosts({ fail: { bad: 125 } });
    const events: RunEvent[] = [];
    const journal = memoryJournal();
    const result = await runPlan(plan, { connect: hosts.connect, journal, onEvent: (e) => events.push(e) });
    expect(result.status).toBe("partial");
    expect(result.steps.map((r) => `${r.step.id}:${r.outcome}`)).toEqual(["a1:failed", "b1:ok", "a2:skipped", "b2:ok"]);
    expect(result.failures).toEqual([
      { host: "a", stepId: "a1", argv: ["bad", "x"], code: 125, stderr: "boom bad x", error: "exit code 125" },
    ]);
    expect(hosts.calls.some((c) => c.argv[0] === "a2")).toBe(false);
    expect(events.filter((e) => e.type === "host-failed")).toHaveLength(1);
    expect(events.at(-1)?.type).toBe("done");
    expect(journal.rows.map((r) => `${r.phase}:${r.step.id}:${r.outcome?.state ?? ""}`)).toEqual(
      expect.arrayContaining(["before:a1:", "after:a1:failed", "before:b2:", "after:b2:ok"]),
    );
    expect(journal.rows.some((r) => r.step.id === "a2")).toBe(false);
  });

  it("marks a step whose connection dropped as unknown and skips dependants on other hosts", async () => {
    const plan: Plan = {
      steps: [step("m1", "m", ["hang"]), step("w1", "w", ["w1"]), step("w2", "w", ["w2"], { dependsOn: ["m1"] })],
      conflicts: [],
    };
    const result = await runPlan(plan, { connect: fakeHosts({ lost: ["hang"] }).connect, journal: memoryJournal() });
    expect(result.steps.map((r) => `${r.step.id}:${r.outcome}`)).toEqual(["m1:unknown", "w1:ok", "w2:skipped"]);
    expect(result.status).toBe("failed");
    expect(result.failures.map((f) => f.host).sort()).toEqual(["m", "w"]);
    expect(result.failures.find((f) => f.host === "w")?.error).toMatch(/m1 on m did not succeed \(unknown\)/);
  });

  it("fails a host it cannot connect to and finishes the others", async () => {
    const plan: Plan = { steps: [step("a1", "a", ["a1"]), step("b1", "b", ["b1"])], conflicts: [] };
    const result = await runPlan(plan, { connect: fakeHosts({ down: ["a"] }).connect, journal: memoryJournal() });
    expect(result.status).toBe("partial");
    expect(result.failures[0]).toMatchObject({
      host: "a",
      stepId: "a1",
      error: expect.stringMatching(/connection refused/),
    });
  });

  it("refuses a plan with unknown or forward dependencies before running anything", async () => {
    const hosts = fakeHosts();
    const forward: Plan = {
      steps: [step("a1", "a", ["a1"], { dependsOn: ["a2"] }), step("a2", "a", ["a2"])],
      conflicts: [],
    };
    await expect(runPlan(forward, { connect: hosts.connect, journal: memoryJournal() })).rejects.toThrow(
      PlanShapeError,
    );
    const unknown: Plan = { steps: [step("a1", "a", ["a1"], { dependsOn: ["zz"] })], conflicts: [] };
    await expect(runPlan(unknown, { connect: hosts.connect, journal: memoryJournal() })).rejects.toThrow(
      /zz, which is not in the plan/,
    );
    expect(hosts.calls).toHaveLength(0);
  });

  it("returns done for an empty plan", async () => {
    const result = await runPlan(
      { steps: [], conflicts: [] },
      { connect: fakeHosts().connect, journal: memoryJournal() },
    );
    expect(result).toMatchObject({ status: "done", steps: [], failures: [] });
  });
});

it("waits out a transient failure the plan declared, and only that one", async () => {
  let attempts = 0;
  const connect = async (): Promise<StepExecutor> => ({
    async exec(argv): Promise<CommandResult> {
      attempts++;
      const busy = argv[0] === "rm-net" && attempts < 3;
      return { code: busy ? 1 : 0, stdout: "", stderr: busy ? "network x is in use by task abc" : "", durationMs: 1 };
    },
  });
  const retry = { attempts: 5, delayMs: 1, whenStderr: "is in use by task" };
  const plan: Plan = { steps: [step("a", "node-1", ["rm-net"], { retry })], conflicts: [] };
  const result = await runPlan(plan, { connect, journal: memoryJournal() });
  expect(result.status).toBe("done");
  expect(attempts).toBe(3);

  const other = { ...fakeHosts({ fail: { "rm-net": 1 } }) };
  const failing = await runPlan(plan, { connect: other.connect, journal: memoryJournal() });
  expect(failing.status).toBe("failed");
  expect(other.calls).toHaveLength(1);
});
