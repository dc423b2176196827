import { describe, expect, it } from "vitest";
import { readLesson } from "../lessons/files";
import { expectedOutcome } from "../lessons/judge";
import type { Fault, PingSpec } from "../lessons/schema";
import { cellOfReport, labPerSuite } from "../probe/testing/lab-design";
import { openTestStore } from "../store/testing";
import type { ResolvedInventory } from "./inventory";
import { checkFault, injectFault } from "./lesson-fault";

/**
 * Every break-and-fix exercise of the lessons breaks something real on the lab: injected through the
 * lesson use case (argv built from the fault kind), a ping of the step the design expects to reach is
 * blocked, so a student who predicts "blocked" is right; the hosts show the fault; the repair the plan
 * proposes is exactly the fault's repair, and after it the pings reach again. Needs Linux and root.
 * One lesson per `describe` (one lab each): run one at a time with -t to keep the lab lock short.
 */

const LESSONS = ["macvlan", "bridge-routed", "macvlan-8021q", "overlay-isolation"];

describe.each(LESSONS)("the break-and-fix of lesson %s on the lab", (id) => {
  const loaded = readLesson(process.cwd(), id);
  if (!loaded.ok) throw new Error(`lesson ${id} does not load`);
  const { topology } = loaded;
  const step = loaded.lesson.steps.find((candidate) => candidate.fault);
  if (!step?.fault) throw new Error(`lesson ${id} has no break-and-fix step`);
  const fault: Fault = step.fault;
  const pings: PingSpec[] = step.predict ?? [];
  const lab = labPerSuite("the lesson fault lab tests", topology);

  const outcomes = async () => {
    const session = lab();
    const results: { ping: string; actual: string; expected: string; verdict: string }[] = [];
    for (const ping of pings) {
      const report = await session.ping(topology, { from: [ping.from], to: [ping.to], by: ping.by });
      const cell = cellOfReport(report, ping.from, ping.to, ping.by);
      results.push({
        ping: `${ping.from} → ${ping.to} by ${ping.by}`,
        actual: cell.actual,
        expected: expectedOutcome(cell),
        verdict: cell.verdict,
      });
    }
    return results;
  };

  it(`${fault.kind}: the ping is blocked while it is there, the hosts show it, and the repair brings the reach back`, async () => {
    const session = lab();
    const store = openTestStore();
    const actor = { name: "lesson-lab-test", role: "operator" as const };
    const at = store.now().toISOString();
    const inventory: ResolvedInventory = {
      record: { id: "lab", name: "lab", document: "", createdAt: at, updatedAt: at },
      inventory: session.inventory,
      dir: session.dir,
      credential: () => undefined,
    };
    const healthy = await outcomes();
    expect(healthy.some((result) => result.expected === "reach")).toBe(true);
    for (const result of healthy) expect(result.verdict, result.ping).toBe("pass");

    const injected = await injectFault(store, { fault, topology, inventory, actor });
    expect(injected).toMatchObject({ ok: true });
    try {
      const broken = await outcomes();
      // What a student sees after the break: at least one ping the design expects to reach is blocked.
      expect(broken.filter((result) => result.expected === "reach").map((result) => result.actual)).toContain(
        "blocked",
      );
      const seen = await checkFault(store, { fault, topology, inventory, actor });
      expect(seen.present).toBe(true);
      const repair = seen.repair.hosts.flatMap((host) => host.steps.map((planStep) => planStep.id));
      expect(repair.length).toBeGreaterThan(0);
      const applied = await session.apply(topology);
      expect(applied.plan.steps.map((planStep) => planStep.id)).toEqual(repair);
      expect(applied).toMatchObject({ status: "done", converged: true });
    } finally {
      // Whatever failed above, leave the lab as the design says for the next test.
      await session.apply(topology);
    }
    const after = await checkFault(store, { fault, topology, inventory, actor });
    expect(after.present).toBe(false);
    for (const result of await outcomes()) expect(result.verdict, result.ping).toBe("pass");
  });
});
