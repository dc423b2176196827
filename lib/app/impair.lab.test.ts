import { describe, expect, it } from "vitest";
import { driftOf } from "../drift/drift";
import { cellLabel } from "../matrix/matrix";
import type { Impairment, ImpairPoint } from "../plan/impairment";
import { cellOfReport, labPerSuite, loadExample } from "../probe/testing/lab-design";
import { statusTopology } from "./converge";
import { clearImpairments, impairPoint } from "./impair";

/**
 * Impairments on the macvlan example: each applies on the lab, shows in the ping matrix, shows as
 * drift in the plan, and is cleared by repair (apply) or by `--clear`. Needs Linux and root.
 */

describe("impairments on the macvlan lab", () => {
  const topology = loadExample("macvlan");
  const session = labPerSuite("the impairment lab tests", topology);
  const options = () => ({
    inventory: session().inventory,
    inventoryDir: session().dir,
    who: "impair-lab-test",
    audit: session().audit,
  });
  const impair = (point: ImpairPoint, impairment: Impairment) => impairPoint(topology, point, impairment, options());
  const status = () => statusTopology(topology, options());

  it("a host NIC taken down breaks the pings across it, shows as drift on the NIC, and apply brings it back", async () => {
    const down = await impair({ kind: "host", host: "node-2", iface: "ens33" }, { kind: "down" });
    expect(down).toMatchObject({ ok: true, impairment: "down" });
    const broken = await session().ping(topology, { by: "ip" });
    expect(cellOfReport(broken, "bbox-1", "bbox-2", "ip")).toMatchObject({ actual: "blocked", verdict: "fail" });

    const drift = await status();
    expect(drift.drift.steps.map((step) => `${step.resourceId} ${step.kind} (${step.cause.en})`)).toEqual([
      "nic:ens33@node-2 set-link-up (down)",
    ]);
    const mark = driftOf(topology, drift.drift).marks["nic:node-2/ens33"];
    expect(mark?.state).toBe("changed");
    expect(mark?.reasons.map((reason) => reason.en)).toEqual(["down"]);

    const repaired = await session().apply(topology);
    expect(repaired).toMatchObject({ status: "done", converged: true });
    const fixed = await session().ping(topology, { by: "ip" });
    expect(cellOfReport(fixed, "bbox-1", "bbox-2", "ip")).toMatchObject({ actual: "reach", verdict: "pass" });
  });

  it("30 % loss on a container's interface shows as loss in the matrix cells and as drift, and apply clears it", async () => {
    const lossy = await impair(
      { kind: "container", container: "bbox-2", iface: "eth0" },
      { kind: "loss", percent: 30 },
    );
    expect(lossy).toMatchObject({ ok: true, impairment: "loss 30%" });
    expect(lossy.commands[0]?.argv.slice(0, 3)).toEqual([
      "nsenter",
      expect.stringMatching(/^--net=\/proc\/\d+\/ns\/net$/),
      "--",
    ]);

    const report = await session().ping(topology, {
      by: "ip",
      settings: { count: 10, intervalS: 0.05, deadlineS: 3 },
    });
    const there = cellOfReport(report, "bbox-1", "bbox-2", "ip");
    const back = cellOfReport(report, "bbox-2", "bbox-1", "ip");
    // Each of 20 echoes crosses bbox-2's ingress once: all 20 getting through has odds 0.7^20 ≈ 0.08 %.
    expect((there.lossPct ?? 0) + (back.lossPct ?? 0)).toBeGreaterThan(0);
    expect(there.received).toBeGreaterThan(0);
    // The matrix cell itself shows the loss next to the round trip.
    const shown = [there, back].find((cell) => cell.actual === "reach" && cell.lossPct > 0);
    expect(shown && cellLabel(shown)).toMatch(/ms · \d+%$/);

    const drift = await status();
    expect(drift.drift.steps.map((step) => `${step.resourceId} ${step.kind} (${step.cause.en})`)).toEqual([
      "container:bbox-2@node-2 clear-loss (impaired: loss 30% on eth0)",
    ]);
    expect(driftOf(topology, drift.drift).marks["container:bbox-2"]?.state).toBe("changed");

    expect(await session().apply(topology)).toMatchObject({ status: "done", converged: true });
    expect((await status()).inSync).toBe(true);
  });

  it("a rate limit on a host NIC shows as drift and --clear removes it; a delay is refused for want of sch_netem", async () => {
    const point: ImpairPoint = { kind: "host", host: "node-1", iface: "ens33" };
    expect(await impair(point, { kind: "rate", bitsPerSecond: 10_000_000 })).toMatchObject({ ok: true });
    const drift = await status();
    expect(drift.drift.steps.map((step) => `${step.resourceId} ${step.kind} (${step.cause.en})`)).toEqual([
      "nic:ens33@node-1 clear-qdisc (impaired: rate 10mbit on ens33)",
    ]);

    const onTop = await impair(point, { kind: "delay", ms: 100 });
    expect(onTop).toMatchObject({ ok: false, commands: [] });
    if (!onTop.ok) expect(onTop.reason).toMatch(/already has a rate 10mbit \(one qdisc per point\)/);

    const cleared = await clearImpairments(topology, [point], options());
    expect(cleared).toMatchObject({ ok: true });
    expect(cleared.commands.map((command) => command.argv.join(" "))).toEqual([
      "tc qdisc del dev ens33 root handle c0de:",
    ]);
    expect((await status()).inSync).toBe(true);

    const delay = await impair(point, { kind: "delay", ms: 100 });
    expect(delay.ok).toBe(false);
    if (!delay.ok) expect(delay.reason).toMatch(/no sch_netem/);
    expect((await status()).inSync).toBe(true);
  });
});
