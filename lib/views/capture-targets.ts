import type { CapturePoint, TraceResult } from "../capture/types";
import { containerKey, hostKey, networkKey, nicKey, nicOfVlan, vlanKey } from "../graph/keys";
import type { CanvasNode, Graph } from "../graph/types";

/**
 * Between the canvas and capture points (pure): which points "Capture here" offers for a drawn
 * element, and which drawn element a point (a trace's hop) is marked on.
 */

/** A canvas element named by the design, as "Capture here" sees it. */
export type CaptureElement =
  | { kind: "container"; name: string }
  | { kind: "host"; name: string }
  | { kind: "nic"; host: string; nic: string }
  | { kind: "vlan"; host: string; nic: string; vid: number }
  /** `parents`: the point ids of a macvlan network's parent interfaces (points carry no network for those). */
  | { kind: "network"; name: string; parents?: readonly string[] }
  | { kind: "attach"; container: string; network: string }
  | { kind: "parent"; network: string; host: string };

/** How well a point fits an element: lower is better (the first point is the one preselected). */
function rank(point: CapturePoint, element: CaptureElement): number | null {
  switch (element.kind) {
    case "container":
      return point.kind === "container" && point.container === element.name ? (point.network ? 1 : 0) : null;
    case "attach":
      if (point.kind !== "container" || point.container !== element.container) return null;
      return point.network === element.network ? 0 : point.network === undefined ? 1 : null;
    case "host":
      if (point.kind === "wire") return point.host === element.name ? 0 : null;
      if (point.host !== element.name) return null;
      return point.kind === "nic" ? 1 : point.kind === "container" ? null : 2;
    case "nic":
      if (point.kind === "wire") return point.host === element.host ? 1 : null;
      return point.kind === "nic" && point.host === element.host && point.iface === element.nic ? 0 : null;
    case "vlan":
      if (point.kind === "wire") return point.host === element.host ? 2 : null;
      if (point.host !== element.host) return null;
      if (point.kind === "vlan" && point.iface === `${element.nic}.${element.vid}`) return 0;
      return point.kind === "nic" && point.iface === element.nic ? 1 : null;
    case "network":
      if (element.parents?.includes(point.id)) return 0;
      if (point.network !== element.name) return null;
      return point.kind === "container" ? 2 : point.kind === "wire" ? 3 : 1;
    case "parent":
      if (point.host !== element.host) return null;
      if (point.network === element.network && point.kind !== "container") return 0;
      return null;
  }
}

/** The points that capture at a canvas element, best first (ties by id), none when it has none. */
export function pointsFor(points: readonly CapturePoint[], element: CaptureElement): CapturePoint[] {
  return points
    .flatMap((point) => {
      const score = rank(point, element);
      return score === null ? [] : [{ point, score }];
    })
    .sort((a, b) => a.score - b.score || (a.point.id < b.point.id ? -1 : a.point.id > b.point.id ? 1 : 0))
    .map((entry) => entry.point);
}

/** The canvas layout key a point is drawn at (lib/graph/keys), or null when the canvas has no such element (the wire). */
export function pointKey(point: CapturePoint): string | null {
  switch (point.kind) {
    case "container":
      return point.container ? containerKey(point.container) : null;
    case "nic":
      return point.host ? nicKey(point.host, point.iface) : null;
    case "vlan": {
      const dot = point.iface.lastIndexOf(".");
      if (!point.host || dot <= 0) return null;
      return vlanKey(point.host, point.iface.slice(0, dot), point.iface.slice(dot + 1));
    }
    case "bridge":
    case "tunnel":
    case "ovs":
      return point.network ? networkKey(point.network) : point.host ? hostKey(point.host) : null;
    case "wire":
      return point.host ? hostKey(point.host) : null;
  }
}

/** How a traced probe went at one hop: seen both ways, the request only, or not at all. */
export type HopState = "both" | "request" | "reply" | "none";

/** One hop as drawn: its place in the path, its state, whether it is the last point the request was seen. */
export type HopMark = { order: number; at: string; state: HopState; last: boolean };

export function hopState(hop: { request: boolean; reply: boolean }): HopState {
  return hop.request ? (hop.reply ? "both" : "request") : hop.reply ? "reply" : "none";
}

/**
 * The marks a trace leaves on the canvas by layout key; `last` (where the request was last seen)
 * only when the probe did not reach, since then it says where it died. Several hops on one element (a network's
 * bridge on two hosts) give one mark: the best state seen there, the first order, `last` if any is.
 */
export function traceMarks(trace: TraceResult, points: readonly CapturePoint[]): Record<string, HopMark> {
  const byId = new Map(points.map((point) => [point.id, point]));
  const marks: Record<string, HopMark> = {};
  const better: Record<HopState, number> = { both: 3, request: 2, reply: 1, none: 0 };
  trace.hops.forEach((hop, index) => {
    const point = byId.get(hop.at);
    const key = point ? pointKey(point) : null;
    if (!key) return;
    const last = trace.verdict !== "reach" && trace.lastSeen === hop.at;
    const mark: HopMark = { order: index + 1, at: hop.at, state: hopState(hop), last };
    const before = marks[key];
    marks[key] = before
      ? {
          order: before.order,
          at: before.at,
          state: better[mark.state] > better[before.state] ? mark.state : before.state,
          last: before.last || mark.last,
        }
      : mark;
  });
  return marks;
}

/**
 * The design element behind a canvas node or edge (by its React Flow id), as "Capture here" sees it:
 * an attachment edge is its container on that network, a parent or trunk edge the interface it ends
 * at; null for anything else.
 */
export function captureElementOf(graph: Pick<Graph, "nodes" | "edges">, id: string): CaptureElement | null {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const hostOf = (node: CanvasNode) => {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    return parent?.type === "host" ? parent.data.name : null;
  };
  const fromNode = (node: CanvasNode | undefined): CaptureElement | null => {
    if (!node) return null;
    switch (node.type) {
      case "container":
        return { kind: "container", name: node.data.name };
      case "host":
        return { kind: "host", name: node.data.name };
      case "network": {
        const spec = node.data.spec;
        const parents = graph.edges.flatMap((edge) => {
          if (edge.type !== "parent" || edge.source !== node.id) return [];
          const element = fromNode(byId.get(edge.target));
          if (element?.kind === "nic") return [`${element.host}:${element.nic}`];
          if (element?.kind === "vlan") return [`${element.host}:${element.nic}.${element.vid}`];
          return [];
        });
        return { kind: "network", name: node.data.name, ...(spec.driver === "macvlan" ? { parents } : {}) };
      }
      case "nic": {
        const host = hostOf(node);
        return host ? { kind: "nic", host, nic: node.data.name } : null;
      }
      case "vlan": {
        const host = hostOf(node);
        const nic = nicOfVlan(graph, node.id);
        return host && nic?.type === "nic" ? { kind: "vlan", host, nic: nic.data.name, vid: node.data.vid } : null;
      }
    }
  };
  const node = byId.get(id);
  if (node) return fromNode(node);
  const edge = graph.edges.find((candidate) => candidate.id === id);
  if (!edge) return null;
  if (edge.type === "attach") {
    const container = byId.get(edge.source);
    const network = byId.get(edge.target);
    return container?.type === "container" && network?.type === "network"
      ? { kind: "attach", container: container.data.name, network: network.data.name }
      : null;
  }
  return fromNode(byId.get(edge.target));
}
