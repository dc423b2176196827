import { expectMatrix } from "../expect/expect";
import { type Text, t } from "../i18n/text";
import { designInterfaces } from "../plan/impairment";
import { planTopology } from "../plan/plan";
import type { Plan, PlanOptions } from "../plan/types";
import { assignAddresses } from "../topology/ipam";
import { findInterface } from "../topology/model";
import type { Topology } from "../topology/schema";
import { questionProblems } from "./capture-question";
import { designVlanNetwork } from "./faults";
import type { Fault, Lesson, PingSpec, Selector } from "./schema";
import { matchesSelector } from "./select";

/** A lesson that does not fit its topology: where in the file, and what is wrong. */
export type LessonProblem = { path: (string | number)[]; text: Text };

/** The plans a selector may pick from: on real fresh hosts, and on the embedded lab (etcd provided, userspace OVS). */
const PLAN_OPTIONS: PlanOptions[] = [{}, { kvProvided: true, ovsDatapath: "netdev" }];

/**
 * Checks a (schema-valid) lesson against its topology: step ids are unique; every host, network and
 * container a selector, ping or fault names exists; every selector picks at least one step of the
 * plan on fresh hosts (real or lab); pings by IP say which network when the target has several;
 * every fault can happen in this design and comes with the pings that show it.
 */
export function lessonProblems(lesson: Lesson, topology: Topology): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const ipam = assignAddresses(topology);
  const plans = PLAN_OPTIONS.map((options) => planTopology(topology, {}, options, ipam));
  const seen = new Set<string>();
  lesson.steps.forEach((step, index) => {
    const at = (...path: (string | number)[]) => ["steps", index, ...path];
    if (seen.has(step.id)) problems.push({ path: at("id"), text: t`step id '${step.id}' is used twice` });
    seen.add(step.id);
    step.apply?.forEach((selector, n) => {
      for (const text of selectorProblems(selector, topology, plans)) problems.push({ path: at("apply", n), text });
    });
    step.predict?.forEach((ping, n) => {
      for (const text of pingProblems(ping, topology)) problems.push({ path: at("predict", n), text });
    });
    for (const text of step.question ? questionProblems(step.question, topology) : [])
      problems.push({ path: at("question"), text });
    if (step.fault) {
      for (const text of faultProblems(step.fault, topology)) problems.push({ path: at("fault"), text });
      if (!step.predict?.length)
        problems.push({ path: at("predict"), text: t`a fault needs the pings that show it (predict)` });
    }
  });
  return problems;
}

function hasHost(topology: Topology, host: string): boolean {
  return Object.hasOwn(topology.hosts, host);
}

/** The names a resource id refers to (wildcards skipped), each checked against the design. */
function resourceProblems(resource: string, topology: Topology): Text[] {
  const problems: Text[] = [];
  const known = (value: string | undefined) => value !== undefined && !value.includes("*");
  const checkHost = (host: string | undefined) => {
    if (known(host) && host !== undefined && !hasHost(topology, host))
      problems.push(t`no host '${host}' in the topology`);
  };
  const checkNetwork = (network: string | undefined) => {
    if (known(network) && network !== undefined && !topology.networks?.[network])
      problems.push(t`no network '${network}' in the topology`);
  };
  const checkContainer = (container: string | undefined) => {
    if (known(container) && container !== undefined && !topology.containers?.[container])
      problems.push(t`no container '${container}' in the topology`);
  };
  const [type, rest = ""] = resource.includes(":")
    ? [resource.slice(0, resource.indexOf(":")), resource.slice(resource.indexOf(":") + 1)]
    : [resource.split("@")[0] ?? "", ""];
  if (type === "network") {
    const [network, host] = rest.split("@");
    checkNetwork(network);
    checkHost(host);
  } else if (type === "container") {
    const [container, place = ""] = rest.split("@");
    const [host, network] = place.split(":");
    checkContainer(container);
    checkHost(host);
    checkNetwork(network);
  } else if (type === "nic" || type === "vlan") {
    const [iface, host] = rest.split("@");
    checkHost(host);
    if (
      known(iface) &&
      known(host) &&
      iface &&
      host &&
      hasHost(topology, host) &&
      !findInterface(topology.hosts[host], iface)
    )
      problems.push(t`host '${host}' has no interface '${iface}'`);
  } else if (type === "kv") checkHost(rest);
  else checkHost(resource.slice(resource.lastIndexOf("@") + 1) || undefined);
  return problems;
}

function selectorProblems(selector: Selector, topology: Topology, plans: Plan[]): Text[] {
  const problems = selector.resource ? resourceProblems(selector.resource, topology) : [];
  if (selector.host && !hasHost(topology, selector.host)) problems.push(t`no host '${selector.host}' in the topology`);
  if (problems.length) return problems;
  const matches = plans.some((plan) => plan.steps.some((step) => matchesSelector(step, selector)));
  if (!matches)
    problems.push(
      t`no step of the plan matches ${[selector.kind, selector.resource, selector.host].filter(Boolean).join(" ")}`,
    );
  return problems;
}

function pingProblems(ping: PingSpec, topology: Topology): Text[] {
  const containers = topology.containers ?? {};
  const problems: Text[] = [];
  for (const name of [ping.from, ping.to])
    if (!containers[name]) problems.push(t`no container '${name}' in the topology`);
  if (problems.length) return problems;
  if (ping.from === ping.to) return [t`a container does not ping itself here: pick two containers`];
  const targetNetworks = Object.keys(containers[ping.to]?.networks ?? {}).filter((name) => topology.networks?.[name]);
  if (ping.by === "name") {
    if (ping.network) problems.push(t`a ping by name takes no network: Docker's DNS picks it`);
    return problems;
  }
  if (ping.network) {
    if (!topology.networks?.[ping.network]) problems.push(t`no network '${ping.network}' in the topology`);
    else if (!targetNetworks.includes(ping.network)) problems.push(t`${ping.to} is not on ${ping.network}`);
  } else if (targetNetworks.length > 1)
    problems.push(t`${ping.to} is on ${targetNetworks.join(", ")}: say which network to ping it on`);
  const cells = expectMatrix(topology, { by: "ip", from: [ping.from], to: [ping.to] }).pairs;
  if (problems.length === 0 && cells.length === 0) problems.push(t`${ping.to} has no address to ping`);
  return problems;
}

function faultProblems(fault: Fault, topology: Topology): Text[] {
  switch (fault.kind) {
    case "route-removed": {
      if (!hasHost(topology, fault.host)) return [t`no host '${fault.host}' in the topology`];
      const network = topology.networks?.[fault.network];
      if (!network) return [t`no network '${fault.network}' in the topology`];
      if (network.driver !== "bridge" || network.cross_host !== "routed" || !network.subnets?.[fault.host])
        return [t`${fault.network} is not a bridge routed between hosts on ${fault.host}: it has no route to remove`];
      if (Object.keys(network.subnets).length < 2) return [t`${fault.network} has no peer host to route to`];
      return [];
    }
    case "container-detached": {
      const container = topology.containers?.[fault.container];
      if (!container) return [t`no container '${fault.container}' in the topology`];
      if (!topology.networks?.[fault.network]) return [t`no network '${fault.network}' in the topology`];
      if (!container.networks[fault.network]) return [t`${fault.container} is not on ${fault.network} in the design`];
      return [];
    }
    case "wrong-vlan": {
      const container = topology.containers?.[fault.container];
      if (!container) return [t`no container '${fault.container}' in the topology`];
      const network = topology.networks?.[fault.network];
      if (!network) return [t`no network '${fault.network}' in the topology`];
      if (network.driver !== "macvlan" || !network.parent[container.host])
        return [t`${fault.network} is not a macvlan network on ${container.host}`];
      if (container.networks[fault.network])
        return [t`${fault.container} is already on ${fault.network} in the design`];
      if (!designVlanNetwork(topology, fault.container, fault.network))
        return [t`${fault.container} is on no other macvlan network to be moved from`];
      return [];
    }
    case "link-down":
    case "link-loss": {
      if (!hasHost(topology, fault.host)) return [t`no host '${fault.host}' in the topology`];
      if (!designInterfaces(topology, fault.host).includes(fault.nic))
        return [t`host '${fault.host}' has no NIC or VLAN sub-interface '${fault.nic}'`];
      return [];
    }
  }
}
