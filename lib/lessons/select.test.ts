import { expect, it } from "vitest";
import { t } from "../i18n/text";
import { planTopology } from "../plan/plan";
import { matchesSelector, narrowPlan, selectPlanSteps } from "./select";
import { example } from "./testing/designs";

const macvlan = planTopology(example("macvlan"));
const isolation = planTopology(example("overlay-isolation"));
const ids = (steps: { id: string }[]) => steps.map((step) => step.id);

it("a selector matches by kind, by resource (with * for any part) and by host, all given fields at once", () => {
  const step = { kind: "create-network" as const, resourceId: "network:mac_net1@node-1", host: "node-1" };
  expect(matchesSelector(step, { kind: "create-network" })).toBe(true);
  expect(matchesSelector(step, { resource: "network:mac_net1@*" })).toBe(true);
  expect(matchesSelector(step, { resource: "network:*@node-2" })).toBe(false);
  expect(matchesSelector(step, { kind: "create-network", host: "node-2" })).toBe(false);
  expect(matchesSelector(step, { kind: "run-container", resource: "network:mac_net1@node-1" })).toBe(false);
  expect(matchesSelector(step, { resource: "network:mac_net1" })).toBe(false);
});

it("a resource pattern is literal apart from '*' (a dot is not 'any character')", () => {
  const step = { kind: "create-vlan" as const, resourceId: "vlan:ens33x10@node-1", host: "node-1" };
  expect(matchesSelector(step, { resource: "vlan:ens33.10@node-1" })).toBe(false);
});

it("selecting steps brings what they depend on within the plan, in plan order", () => {
  const { selected, needed } = selectPlanSteps(macvlan, [{ kind: "run-container", host: "node-1" }]);
  expect(ids(selected)).toEqual(["container:bbox-1@node-1/run-container"]);
  expect(ids(needed)).toEqual(["nic:ens33@node-1/set-promisc", "network:mac_net1@node-1/create-network"]);
});

it("a dependency already done on the hosts (not in the plan) is not needed", () => {
  const plan = { ...macvlan, steps: macvlan.steps.filter((step) => step.kind !== "set-promisc") };
  expect(ids(selectPlanSteps(plan, [{ kind: "create-network" }]).needed)).toEqual([]);
});

it("an exact container resource selects its run, not its later network connection", () => {
  const { selected } = selectPlanSteps(isolation, [{ resource: "container:bbox-3@node-2" }]);
  expect(ids(selected)).toEqual(["container:bbox-3@node-2/run-container"]);
  const connect = selectPlanSteps(isolation, [{ kind: "connect-network" }]);
  expect(ids(connect.selected)).toEqual(["container:bbox-3@node-2:ov_net1/connect-network"]);
  expect(ids(connect.needed)).toEqual([
    "swarm@node-2/swarm-init",
    "network:ov_net1@node-2/create-network",
    "network:ov_net2@node-2/create-network",
    "container:bbox-3@node-2/run-container",
  ]);
});

it("a narrowed plan keeps the selected and needed steps in order, and the plan's conflicts", () => {
  const conflict = { host: "node-2", resourceId: "host:node-2", message: t`m`, hint: t`h` };
  const narrowed = narrowPlan({ ...macvlan, conflicts: [conflict] }, [{ resource: "network:mac_net1@node-2" }]);
  expect(ids(narrowed.steps)).toEqual(["nic:ens33@node-2/set-promisc", "network:mac_net1@node-2/create-network"]);
  expect(narrowed.conflicts).toEqual([conflict]);
});

it("selecting nothing narrows to no steps", () => {
  expect(narrowPlan(macvlan, [{ kind: "swarm-init" }]).steps).toEqual([]);
});
