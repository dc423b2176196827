import { describe, expect, it } from "vitest";
import type { ProbeReport } from "./run-probe";
import { labPerSuite, loadDesign } from "./testing/lab-design";

/**
 * Hosts as endpoints on the lab: macvlan containers in the hosts' own subnet. A host does not reach its
 * own macvlan container and the other host does; once a shim is added and applied, the host reaches
 * it too, a second apply has nothing to do, and the other direction (container to host) follows the
 * same rules; a shim dropped from the design is removed by the next apply. Needs Linux and root.
 */

const design = (shim: string) =>
  loadDesign(`
name: macvlan-hosts
hosts:
  node-1: { nics: { ens33: { address: 192.168.0.53/24, promisc: true } }${shim} }
  node-2: { nics: { ens33: { address: 192.168.0.54/24, promisc: true } } }
networks:
  mac_net1: { driver: macvlan, subnet: 192.168.0.0/24, gateway: 192.168.0.1, parent: { node-1: ens33, node-2: ens33 } }
containers:
  bbox-1: { host: node-1, image: busybox, networks: { mac_net1: { ip: 192.168.0.11 } } }
  bbox-2: { host: node-2, image: busybox, networks: { mac_net1: { ip: 192.168.0.12 } } }
`);

const PLAIN = design("");
const SHIMMED = design(", shims: [{ network: mac_net1, name: shim0, ip: 192.168.0.250 }]");

const row = (report: ProbeReport) =>
  report.cells.map((cell) => `${cell.from} → ${cell.to}: ${cell.actual} (${cell.verdict})`);

describe("hosts as endpoints on macvlan, and the shim", () => {
  const session = labPerSuite("the hosts lab tests", PLAIN, { docker: "26" });

  it("a host does not reach its own macvlan container; the other host does", async () => {
    const report = await session().ping(PLAIN, { by: "ip", from: ["host:node-1", "host:node-2"], to: ["bbox-1"] });
    expect(row(report)).toEqual(["host:node-1 → bbox-1: blocked (pass)", "host:node-2 → bbox-1: reach (pass)"]);
    const back = await session().ping(PLAIN, { by: "ip", from: ["bbox-1"], to: ["host:node-1", "host:node-2"] });
    expect(row(back)).toEqual(["bbox-1 → host:node-1: blocked (pass)", "bbox-1 → host:node-2: reach (pass)"]);
  });

  it("after a shim is added and applied, the host reaches it too; applying again has nothing to do", async () => {
    const applied = await session().apply(SHIMMED);
    expect(applied.status).toBe("done");
    expect(applied.converged).toBe(true);
    expect(applied.remaining?.steps.map((step) => step.id)).toEqual([]);
    const report = await session().ping(SHIMMED, { by: "ip", from: ["host:node-1"], to: ["bbox-1"] });
    expect(row(report)).toEqual(["host:node-1 → bbox-1: reach (pass)"]);
  });

  it("dropping the shim from the design and applying removes it: the host is cut off again", async () => {
    const applied = await session().apply(PLAIN);
    expect(applied.status).toBe("done");
    expect(applied.converged).toBe(true);
    const report = await session().ping(PLAIN, { by: "ip", from: ["host:node-1"], to: ["bbox-1"] });
    expect(row(report)).toEqual(["host:node-1 → bbox-1: blocked (pass)"]);
  });
});
