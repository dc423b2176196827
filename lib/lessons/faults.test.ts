import { describe, expect, it } from "vitest";
import { planTopology } from "../plan/plan";
import { appliedSnapshot } from "../plan/testing/applied-snapshot";
import type { Topology } from "../topology/schema";
import { describeFault, faultCommands, faultPresent, faultRepairSelectors, fixCommands } from "./faults";
import type { Fault } from "./schema";
import { selectPlanSteps } from "./select";
import { example } from "./testing/designs";
import { observeWithFault } from "./testing/simulate";

const cases: { design: string; fault: Fault; argv: string[][]; fix: string[][]; repairs: string[] }[] = [
  {
    design: "macvlan",
    fault: { kind: "link-down", host: "node-2", nic: "ens33" },
    argv: [["ip", "link", "set", "ens33", "down"]],
    fix: [["ip", "link", "set", "ens33", "up"]],
    repairs: ["nic:ens33@node-2/set-link-up"],
  },
  {
    design: "bridge-routed",
    fault: { kind: "route-removed", host: "node-1", network: "br_net" },
    argv: [["ip", "route", "del", "172.20.2.0/24"]],
    fix: [["ip", "route", "add", "172.20.2.0/24", "via", "192.168.0.102"]],
    repairs: ["route:172.20.2.0/24@node-1/add-route"],
  },
  {
    design: "overlay-isolation",
    fault: { kind: "container-detached", container: "bbox-3", network: "ov_net1" },
    argv: [["docker", "network", "disconnect", "ov_net1", "bbox-3"]],
    fix: [["docker", "network", "connect", "ov_net1", "bbox-3"]],
    repairs: ["container:bbox-3@node-2:ov_net1/connect-network"],
  },
  {
    design: "macvlan-8021q",
    fault: { kind: "wrong-vlan", container: "bbox-21", network: "mac_net12" },
    argv: [
      ["docker", "network", "disconnect", "mac_net11", "bbox-21"],
      ["docker", "network", "connect", "mac_net12", "bbox-21"],
    ],
    fix: [
      ["docker", "network", "disconnect", "-f", "mac_net12", "bbox-21"],
      ["docker", "network", "connect", "--ip", "172.16.11.12", "mac_net11", "bbox-21"],
    ],
    repairs: [
      "container:bbox-21@node-2:mac_net12/disconnect-network",
      "container:bbox-21@node-2:mac_net11/connect-network",
    ],
  },
  {
    design: "macvlan",
    fault: { kind: "link-down", host: "node-2", nic: "ens33" },
    argv: [["ip", "link", "set", "ens33", "down"]],
    fix: [["ip", "link", "set", "ens33", "up"]],
    repairs: ["nic:ens33@node-2/set-link-up"],
  },
  {
    design: "overlay-isolation",
    fault: { kind: "link-loss", host: "node-3", nic: "ens32", percent: 30 },
    argv: [
      [
        "iptables",
        "-w",
        "5",
        "-t",
        "raw",
        "-I",
        "PREROUTING",
        "-i",
        "ens32",
        "-m",
        "statistic",
        "--mode",
        "random",
        "--probability",
        "0.3000",
        "-m",
        "comment",
        "--comment",
        "crossnet-impair",
        "-j",
        "DROP",
      ],
    ],
    fix: [
      [
        "iptables",
        "-w",
        "5",
        "-t",
        "raw",
        "-D",
        "PREROUTING",
        "-i",
        "ens32",
        "-m",
        "statistic",
        "--mode",
        "random",
        "--probability",
        "0.3000",
        "-m",
        "comment",
        "--comment",
        "crossnet-impair",
        "-j",
        "DROP",
      ],
    ],
    repairs: ["nic:ens32@node-3/clear-loss"],
  },
];

describe.each(cases)("$fault.kind on $design", ({ design, fault, argv, fix, repairs }) => {
  const topology: Topology = example(design);
  const healthy = appliedSnapshot(topology);
  const broken = observeWithFault(fault, topology, healthy);

  it("is injected by fixed argv built from the design's names, on the host it concerns", () => {
    const commands = faultCommands(fault, topology);
    expect(commands.map((command) => command.argv)).toEqual(argv);
    const host = "host" in fault ? fault.host : topology.containers?.[fault.container]?.host;
    expect(new Set(commands.map((command) => command.host))).toEqual(new Set([host]));
  });

  it("is seen on the hosts while it is there, and gone once they match the design again", () => {
    expect(faultPresent(fault, topology, broken)).toBe(true);
    expect(faultPresent(fault, topology, healthy)).toBe(false);
  });

  it("is not judged when its host could not be read", () => {
    const host = commandsHost(fault, topology);
    const unread = { ...broken, [host]: { ...broken[host]!, reachable: false } };
    expect(faultPresent(fault, topology, unread)).toBeUndefined();
  });

  it("is repaired by exactly the plan steps its selectors pick from the plan against the broken hosts", () => {
    const plan = planTopology(topology, broken);
    expect(plan.steps.map((step) => step.id)).toEqual(repairs);
    const { selected, needed } = selectPlanSteps(plan, faultRepairSelectors(fault, topology));
    expect(selected.map((step) => step.id)).toEqual(repairs);
    expect(needed).toEqual([]);
  });

  it("is undone by hand with the commands Crossnet's repair runs", () => {
    expect(fixCommands(fault, topology).map((command) => command.argv)).toEqual(fix);
    const plan = planTopology(topology, broken);
    expect(plan.steps.map((step) => step.argv)).toEqual(fix);
  });

  it("is told in both languages", () => {
    expect(describeFault(fault, topology).en).toMatch(/\w/);
  });
});

function commandsHost(fault: Fault, topology: Topology): string {
  return faultCommands(fault, topology)[0]?.host ?? "";
}

it("what each fault did, in English", () => {
  expect(cases.map(({ design, fault }) => describeFault(fault, example(design)).en)).toEqual([
    "ens33 of node-2 was taken down (ip link set ens33 down), as a pulled cable would",
    "the route to 172.20.2.0/24 was removed on node-1",
    "bbox-3 was detached from ov_net1 on node-2",
    "bbox-21 was moved from mac_net11 to mac_net12, the network of another VLAN",
    "ens33 of node-2 was taken down (ip link set ens33 down), as a pulled cable would",
    "node-3 dropped 30% of the packets arriving on ens32 (an iptables statistic rule)",
  ]);
});
