import type { Text } from "../i18n/text";
import type { Plan, Step, StepInput } from "../plan/types";
import { redact } from "../secrets/redact";
import { CommandTimeoutError, ConnectionLostError } from "./errors";
import type { Journal, JournalOutcome } from "./journal";
import type { CommandResult, ExecOptions } from "./ssh";

/** How one step ended. `unknown`: no answer (connection lost, timeout); `skipped`: never sent. */
export type StepOutcome = "ok" | "failed" | "unknown" | "skipped";

/** One step's result. Output is redacted (it may echo secrets). */
export type StepReport = {
  step: Step;
  outcome: StepOutcome;
  /** Exit code, null when the command never finished or never ran. */
  code: number | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** Transport error, or why the step was skipped. */
  error?: string;
};

/** Why a host stopped: the step that failed (argv with placeholders, stderr), or what blocked it. */
export type HostFailure = {
  host: string;
  stepId?: string;
  argv?: string[];
  code: number | null;
  stderr: string;
  error: string;
  /** Why it failed, when Crossnet could find out more than the command said (e.g. who holds an address). */
  diagnosis?: Text;
};

/**
 * `done`: every step ran and succeeded. `partial`: some hosts finished, others stopped.
 * `failed`: no host with steps finished. Re-running apply converges either way.
 */
export type RunStatus = "done" | "partial" | "failed";

export type RunResult = {
  status: RunStatus;
  /** Every step of the plan, in plan order. */
  steps: StepReport[];
  /** One entry per host that stopped. */
  failures: HostFailure[];
  durationMs: number;
};

/** Progress of a run, in the order things happen (per host). */
export type RunEvent =
  | { type: "step-started"; host: string; step: Step; index: number; total: number }
  | { type: "output"; host: string; stepId: string; stream: "stdout" | "stderr"; text: string }
  | { type: "step-finished"; host: string; report: StepReport }
  | { type: "host-failed"; host: string; failure: HostFailure }
  | { type: "done"; result: RunResult };

/** What the runner needs from a host connection (an `SshSession` fits). */
export type StepExecutor = { exec(argv: readonly string[], options?: ExecOptions): Promise<CommandResult> };

export type RunOptions = {
  /** The (verified, reused) connection to a host; a throw stops that host. */
  connect: (host: string) => Promise<StepExecutor>;
  journal: Journal;
  onEvent?: (event: RunEvent) => void;
  /** Per-step limit. Default 5 minutes. */
  stepTimeoutMs?: number;
};

/** The plan is not a DAG the runner can walk (unknown or forward dependency, duplicate id). */
export class PlanShapeError extends Error {
  override readonly name = "PlanShapeError";
}

const INPUT_VALUE = /^[\x21-\x7e]{1,4096}$/;

/**
 * Runs a plan: hosts in parallel, each host's steps one at a time in plan order, a step only after
 * its dependencies (on any host) succeeded. A step that fails (or whose dependency did not succeed)
 * stops its host: later steps there are skipped, other hosts go on. `{{NAME}}` placeholders in argv
 * are filled from `Step.inputs`, run on their host just before the step; their values are secrets:
 * never in the journal, the audit log, events or the result. Carries no decision logic: it runs
 * what the plan says. Host locks are the caller's job (see lock.ts and apply.ts).
 * @throws PlanShapeError before running anything when the plan is malformed.
 */
export async function runPlan(plan: Plan, options: RunOptions): Promise<RunResult> {
  checkShape(plan);
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const reports = new Map<string, StepReport>();
  const settled = new Map<string, Deferred<StepOutcome>>(plan.steps.map((step) => [step.id, deferred()]));
  const failures: HostFailure[] = [];
  const secrets: string[] = [];
  let aborted: string | undefined;

  const finish = (report: StepReport) => {
    reports.set(report.step.id, report);
    settled.get(report.step.id)?.resolve(report.outcome);
    emit({ type: "step-finished", host: report.step.host, report });
  };

  const runHost = async (host: string, steps: Step[]) => {
    let stopped: string | undefined;
    for (const [index, step] of steps.entries()) {
      const skip = (error: string) =>
        finish({ step, outcome: "skipped", code: null, durationMs: 0, stdout: "", stderr: "", error });
      if (stopped || aborted) {
        skip(`not run: ${aborted ?? stopped}`);
        continue;
      }
      const blocker = await firstUnmet(step, settled);
      if (blocker) {
        stopped = `${blocker.id} on ${hostOf(plan, blocker.id)} did not succeed (${blocker.outcome})`;
        skip(`not run: ${stopped}`);
        const failure: HostFailure = { host, stepId: step.id, argv: step.argv, code: null, stderr: "", error: stopped };
        failures.push(failure);
        emit({ type: "host-failed", host, failure });
        continue;
      }
      const report = await runStep(step, index, steps.length);
      finish(report);
      if (report.outcome !== "ok") {
        stopped = `${step.id} ${report.outcome === "unknown" ? "got no answer" : "failed"}`;
        const failure: HostFailure = {
          host,
          stepId: step.id,
          argv: step.argv,
          code: report.code,
          stderr: report.stderr,
          error: report.error ?? `exit code ${report.code}`,
        };
        failures.push(failure);
        emit({ type: "host-failed", host, failure });
      }
    }
  };

  const runStep = async (step: Step, index: number, total: number): Promise<StepReport> => {
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    const clean = (text: string) => redact(text, { known: secrets });
    let argv: string[];
    let executor: StepExecutor;
    try {
      executor = await options.connect(step.host);
      argv = await substitute(step, options, secrets);
    } catch (error) {
      return {
        step,
        outcome: "failed",
        code: null,
        durationMs: ms(),
        stdout: "",
        stderr: "",
        error: clean(messageOf(error)),
      };
    }
    try {
      options.journal.before(step);
    } catch (error) {
      aborted = `the journal could not be written (${messageOf(error)}); the run stopped`;
      return { step, outcome: "skipped", code: null, durationMs: 0, stdout: "", stderr: "", error: aborted };
    }
    emit({ type: "step-started", host: step.host, step, index, total });
    let outcome: JournalOutcome;
    let report: StepReport;
    try {
      const execute = () =>
        executor.exec(argv, {
          ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
          timeoutMs: options.stepTimeoutMs ?? 300_000,
          auditArgv: step.argv,
          onStdout: (text) =>
            emit({ type: "output", host: step.host, stepId: step.id, stream: "stdout", text: clean(text) }),
          onStderr: (text) =>
            emit({ type: "output", host: step.host, stepId: step.id, stream: "stderr", text: clean(text) }),
        });
      let result = await execute();
      // The plan's own retry policy for a transient failure it declared; the runner decides nothing.
      for (let attempt = 1; step.retry && attempt < step.retry.attempts; attempt++) {
        if (result.code === 0 || !result.stderr.includes(step.retry.whenStderr)) break;
        await new Promise((resolve) => setTimeout(resolve, step.retry?.delayMs ?? 0));
        result = await execute();
      }
      const state = result.code === 0 ? "ok" : "failed";
      outcome = { state, exitCode: result.code, stdout: clean(result.stdout), stderr: clean(result.stderr) };
      report = {
        step,
        outcome: state,
        code: result.code,
        durationMs: result.durationMs,
        stdout: outcome.stdout ?? "",
        stderr: outcome.stderr ?? "",
      };
      if (result.signal) report.error = `killed by signal ${result.signal}`;
    } catch (error) {
      const unknown = error instanceof ConnectionLostError || error instanceof CommandTimeoutError;
      outcome = { state: unknown ? "unknown" : "failed", exitCode: null };
      report = {
        step,
        outcome: outcome.state,
        code: null,
        durationMs: ms(),
        stdout: "",
        stderr: "",
        error: clean(messageOf(error)),
      };
    }
    try {
      options.journal.after(step, outcome);
    } catch (error) {
      aborted = `the journal could not be written (${messageOf(error)}); the run stopped`;
    }
    return report;
  };

  const byHost = new Map<string, Step[]>();
  for (const step of plan.steps) byHost.set(step.host, [...(byHost.get(step.host) ?? []), step]);
  await Promise.all([...byHost].map(([host, steps]) => runHost(host, steps)));

  const stoppedHosts = new Set(failures.map((failure) => failure.host));
  const finished = [...byHost.keys()].filter((host) => !stoppedHosts.has(host)).length;
  const status: RunStatus = stoppedHosts.size === 0 ? "done" : finished > 0 ? "partial" : "failed";
  const result: RunResult = {
    status,
    steps: plan.steps.map((step) => reports.get(step.id)!),
    failures,
    durationMs: Math.round(performance.now() - started),
  };
  emit({ type: "done", result });
  return result;
}

/** Fetches each input on its host and fills `{{NAME}}` in argv; values join `secrets` for redaction. */
async function substitute(step: Step, options: RunOptions, secrets: string[]): Promise<string[]> {
  let argv = [...step.argv];
  for (const input of step.inputs ?? []) {
    const value = await fetchInput(input, options);
    secrets.push(value);
    argv = argv.map((arg) => arg.replaceAll(`{{${input.name}}}`, value));
  }
  return argv;
}

async function fetchInput(input: StepInput, options: RunOptions): Promise<string> {
  const executor = await options.connect(input.host);
  const result = await executor.exec(input.argv, { timeoutMs: 60_000 });
  const value = result.stdout.trim();
  if (result.code !== 0) {
    throw new Error(
      `${input.host}: fetching ${input.name} failed (exit ${result.code}): ${result.stderr.trim().slice(0, 300)}`,
    );
  }
  if (!INPUT_VALUE.test(value)) {
    throw new Error(
      `${input.host}: ${input.name} came back empty or malformed (one printable word expected); refusing to use it`,
    );
  }
  return value;
}

async function firstUnmet(
  step: Step,
  settled: Map<string, Deferred<StepOutcome>>,
): Promise<{ id: string; outcome: StepOutcome } | undefined> {
  const outcomes = await Promise.all(
    step.dependsOn.map(async (id) => ({ id, outcome: await settled.get(id)!.promise })),
  );
  return outcomes.find((dep) => dep.outcome !== "ok");
}

/** Ids unique; dependencies exist and come earlier in the plan (so per-host order cannot deadlock). */
function checkShape(plan: Plan): void {
  const seen = new Set<string>();
  for (const step of plan.steps) {
    if (seen.has(step.id)) throw new PlanShapeError(`the plan has two steps with id ${step.id}`);
    for (const dep of step.dependsOn) {
      if (!seen.has(dep)) {
        const where = plan.steps.some((s) => s.id === dep) ? "comes after it" : "is not in the plan";
        throw new PlanShapeError(`step ${step.id} depends on ${dep}, which ${where}`);
      }
    }
    seen.add(step.id);
  }
}

function hostOf(plan: Plan, id: string): string {
  return plan.steps.find((step) => step.id === id)?.host ?? "?";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void };

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
