import { attachKey, containerKey, hostKey, networkKey, nicKey, vlanKey } from "../graph/keys";
import type { Locale } from "../i18n/locale";
import { joinTexts, render, sameText, type Text, t } from "../i18n/text";
import type { Plan, PlanConflict, Step } from "../plan/types";
import type { Topology } from "../topology/schema";

/**
 * How a resource of the hosts differs from the design:
 * `missing` (the design has it, the host does not), `changed` (both have it, it differs),
 * `extra` (the host has something Crossnet created for this design that the design no longer has),
 * `conflict` (something Crossnet did not create is in the way), `unreachable` (the host could not be read).
 */
export type DriftState = "missing" | "changed" | "extra" | "conflict" | "unreachable";

/**
 * The worst difference of one canvas element, with every reason found (deduplicated, sorted by their
 * English so the order is the same in every locale). Reasons are Texts: render them at the edge.
 */
export type DriftMark = { state: DriftState; reasons: Text[] };

/** One difference, as a list entry: what, where, and why. */
export type DriftItem = {
  state: DriftState;
  host: string;
  resourceId: string;
  /** Layout key of the canvas element it concerns (see lib/graph/keys), or null when it has none. */
  key: string | null;
  /** Why, as a Text built from the step's cause or the conflict's message (so it translates). */
  reason: Text;
};

/**
 * Drift of a design against its hosts: marks keyed by canvas layout key (`container:bbox-1`,
 * `network:mac_net1`, `nic:node-1/ens33`, `vlan:node-1/ens33.10`, `host:node-1`,
 * `attach:bbox-1->mac_net1`), and the flat list of differences.
 */
export type DriftReport = {
  inSync: boolean;
  marks: Record<string, DriftMark>;
  items: DriftItem[];
  counts: Record<DriftState, number>;
};

const RANK: Record<DriftState, number> = { unreachable: 0, conflict: 1, changed: 2, missing: 3, extra: 4 };

type Resource =
  | { type: "container"; name: string; host: string; network?: string }
  | { type: "network"; name: string; host: string }
  | { type: "nic"; name: string; host: string }
  | { type: "vlan"; nic: string; vid: string; host: string }
  | { type: "host"; host: string; label: string };

/** Splits a plan resource id (`container:bbox-1@node-1:mac_net1`, `vlan:ens33.10@node-1`, `daemon@node-1` …). */
export function parseResourceId(resourceId: string, fallbackHost: string): Resource {
  const at = resourceId.lastIndexOf("@");
  const head = at === -1 ? resourceId : resourceId.slice(0, at);
  const tail = at === -1 ? fallbackHost : resourceId.slice(at + 1);
  const colon = head.indexOf(":");
  const type = colon === -1 ? head : head.slice(0, colon);
  const name = colon === -1 ? "" : head.slice(colon + 1);
  switch (type) {
    case "container": {
      const [host = fallbackHost, network] = tail.split(":");
      return { type, name, host, ...(network ? { network } : {}) };
    }
    case "network":
    case "nic":
      return { type, name, host: tail };
    case "vlan": {
      const dot = name.lastIndexOf(".");
      return { type, nic: name.slice(0, dot), vid: name.slice(dot + 1), host: tail };
    }
    case "host":
      return { type: "host", host: name || tail, label: "host" };
    default:
      return { type: "host", host: tail, label: head };
  }
}

function inDesign(topology: Topology, resource: Resource): boolean {
  switch (resource.type) {
    case "container": {
      const container = topology.containers?.[resource.name];
      if (!container || container.host !== resource.host) return false;
      return resource.network === undefined || resource.network in container.networks;
    }
    case "network":
      return Boolean(topology.networks?.[resource.name]);
    case "nic":
      return Boolean(topology.hosts[resource.host]?.nics[resource.name]);
    case "vlan":
      return Boolean(topology.hosts[resource.host]?.nics[resource.nic]?.vlans?.[resource.vid]);
    case "host":
      return true;
  }
}

function keyOf(resource: Resource): string {
  switch (resource.type) {
    case "container":
      return resource.network ? attachKey(resource.name, resource.network) : containerKey(resource.name);
    case "network":
      return networkKey(resource.name);
    case "nic":
      return nicKey(resource.host, resource.name);
    case "vlan":
      return vlanKey(resource.host, resource.nic, resource.vid);
    case "host":
      return hostKey(resource.host);
  }
}

/** What an extra resource is, as its reason says it: "container old-box", "network ov_net1" … */
function extraReason(resource: Resource, cause: Text): Text {
  switch (resource.type) {
    case "container":
      return resource.network
        ? t`container ${t`${resource.name} attached to ${resource.network}`}: ${cause}`
        : t`container ${resource.name}: ${cause}`;
    case "network":
      return t`network ${resource.name}: ${cause}`;
    case "nic":
      return t`nic ${resource.name}: ${cause}`;
    case "vlan": {
      const vlan = `${resource.nic}.${resource.vid}`;
      return t`vlan ${vlan}: ${cause}`;
    }
    case "host":
      return t`${resource.label}: ${cause}`;
  }
}

function stepItem(topology: Topology, step: Step): DriftItem[] {
  const resource = parseResourceId(step.resourceId, step.host);
  if (!inDesign(topology, resource))
    return [
      {
        state: "extra",
        host: step.host,
        resourceId: step.resourceId,
        key: hostKey(step.host),
        reason: extraReason(resource, step.cause),
      },
    ];
  // The plan says which steps create what the host lacks altogether; everything else fixes a difference.
  const state: DriftState = step.missing ? "missing" : "changed";
  const reason =
    resource.type === "host"
      ? t`${resource.label}: ${step.cause}`
      : resource.type === "network"
        ? t`${step.cause} on ${resource.host}`
        : step.cause;
  const items: DriftItem[] = [{ state, host: step.host, resourceId: step.resourceId, key: keyOf(resource), reason }];
  // An attachment that differs also marks its container, which is what a person looks at first.
  if (resource.type === "container" && resource.network)
    items.push({
      state: "changed",
      host: step.host,
      resourceId: step.resourceId,
      key: containerKey(resource.name),
      reason: t`${resource.network}: ${step.cause}`,
    });
  return items;
}

function conflictItem(conflict: PlanConflict): DriftItem {
  const resource = parseResourceId(conflict.resourceId, conflict.host);
  const unreachable = resource.type === "host" && resource.label === "host";
  return {
    state: unreachable ? "unreachable" : "conflict",
    host: conflict.host,
    resourceId: conflict.resourceId,
    key: keyOf(resource),
    reason: conflict.message,
  };
}

/** Orders reasons by their English, then by their whole value: the same plan gives the same order in every locale. */
function byEnglish(a: Text, b: Text): number {
  if (a.en !== b.en) return a.en < b.en ? -1 : 1;
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Drift from a plan made against the observed hosts (`planTopology(design, observed)`): every step
 * is a difference, classified by whether the design has the resource and whether the step creates
 * it; conflicts and unreachable hosts are differences too. Pure: the same plan gives the same report.
 * Only meaningful for apply plans (a destroy plan is not a drift).
 */
export function driftOf(topology: Topology, plan: Plan): DriftReport {
  const items = [...plan.steps.flatMap((step) => stepItem(topology, step)), ...plan.conflicts.map(conflictItem)];
  const marks: Record<string, DriftMark> = {};
  for (const item of items) {
    if (!item.key) continue;
    const mark = marks[item.key];
    if (!mark) marks[item.key] = { state: item.state, reasons: [item.reason] };
    else {
      if (RANK[item.state] < RANK[mark.state]) mark.state = item.state;
      if (!mark.reasons.some((reason) => sameText(reason, item.reason))) mark.reasons.push(item.reason);
    }
  }
  for (const mark of Object.values(marks)) mark.reasons.sort(byEnglish);
  const counts: Record<DriftState, number> = { missing: 0, changed: 0, extra: 0, conflict: 0, unreachable: 0 };
  for (const item of items) counts[item.state] += 1;
  const sortedMarks = Object.fromEntries(Object.entries(marks).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { inSync: items.length === 0, marks: sortedMarks, items, counts };
}

/**
 * A mark's reasons in one line, in `locale` (a canvas badge's title and label): each reason rendered,
 * joined with "; " (Chinese "；"). Reasons can hold host output (an SSH error): the edge escapes as it shows.
 */
export function renderDriftReasons(mark: DriftMark, locale: Locale): string {
  return mark.reasons.map((reason) => render(reason, locale)).join(locale === "zh-CN" ? "；" : "; ");
}

const STATE_TEXT: Record<DriftState, (count: number) => Text> = {
  unreachable: (count) => t`${count} unreachable`,
  conflict: (count) => t`${count} conflict`,
  missing: (count) => t`${count} missing`,
  changed: (count) => t`${count} changed`,
  extra: (count) => t`${count} extra`,
};

/** One line per state for a summary, e.g. "2 missing, 1 changed"; "in sync" when nothing differs: a translatable Text. */
export function describeDriftText(report: DriftReport): Text {
  if (report.inSync) return t`in sync: the hosts match the design`;
  const order: DriftState[] = ["unreachable", "conflict", "missing", "changed", "extra"];
  return joinTexts(
    order.filter((state) => report.counts[state] > 0).map((state) => STATE_TEXT[state](report.counts[state])),
    ", ",
  );
}
