import {
  type Attachment,
  type Container,
  type Host,
  type Issue,
  type IssuePath,
  type Network,
  safeIssue,
  type Topology,
} from "@/lib/topology";
import { type Text, t } from "../i18n/text";
import type { CanvasEdge, CanvasNode, Graph } from "./types";

/** An issue of the design, with the canvas element it concerns when there is one. */
export type GraphIssue = Issue & { elementId?: string };

/** Where each canvas element lives in the design document, so issues (by path) find their element. */
export type ElementIndex = Map<string, string>;

export type GraphTopology = {
  /** The design the graph draws. With duplicate names, the later element is left out (and reported). */
  topology: Topology;
  index: ElementIndex;
  /** Problems only the graph can have (duplicate names, elements outside a host), as issues. */
  issues: GraphIssue[];
};

export function pathKey(path: IssuePath): string {
  return path.map(String).join("\u0000");
}

/**
 * Turns the canvas graph into the design it draws. Pure: document order is the order of the nodes
 * and edges arrays (new elements go last, as they would in a file). Never throws.
 */
export function graphToTopology(graph: Graph): GraphTopology {
  const { nodes, edges, meta } = graph;
  const byId = new Map<string, CanvasNode>(nodes.map((node) => [node.id, node]));
  const index: ElementIndex = new Map();
  const issues: GraphIssue[] = [];
  const register = (path: IssuePath, elementId: string): boolean => {
    const key = pathKey(path);
    if (index.has(key)) {
      issues.push({
        code: "duplicate-name",
        severity: "error",
        path,
        message: t`'${String(path[path.length - 1])}' is used twice in ${path.slice(0, -1).join(".")}`,
        hint: t`Names are unique within their map: rename one of them.`,
        elementId,
      });
      return false;
    }
    index.set(key, elementId);
    return true;
  };
  const outside = (node: CanvasNode, what: Text) =>
    issues.push({
      code: "unknown-host",
      severity: "error",
      path: [],
      message: t`${what} is not inside a host`,
      hint: t`Drag it into a host, or delete it.`,
      elementId: node.id,
    });
  const hostOf = (node: CanvasNode) => {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    return parent?.type === "host" ? parent : undefined;
  };

  const hosts: Record<string, Host> = {};
  const hostNameById = new Map<string, string>();
  for (const node of nodes)
    if (node.type === "host" && register(["hosts", node.data.name], node.id)) {
      hosts[node.data.name] = {
        nics: {},
        ...(node.data.shims !== undefined && { shims: node.data.shims.map((shim) => ({ ...shim })) }),
      };
      hostNameById.set(node.id, node.data.name);
    }

  const nicPath = new Map<string, { host: string; nic: string }>();
  for (const node of nodes) {
    if (node.type !== "nic") continue;
    const host = hostOf(node);
    const hostName = host && hostNameById.get(host.id);
    if (!hostName) {
      if (!host) outside(node, t`NIC '${node.data.name}'`);
      continue;
    }
    if (!register(["hosts", hostName, "nics", node.data.name], node.id)) continue;
    const nics = hosts[hostName]?.nics ?? {};
    nics[node.data.name] = {
      ...(node.data.address !== undefined && { address: node.data.address }),
      ...(node.data.promisc !== undefined && { promisc: node.data.promisc }),
    };
    nicPath.set(node.id, { host: hostName, nic: node.data.name });
  }

  const interfaceName = new Map<string, { host: string; name: string }>();
  for (const [id, where] of nicPath) interfaceName.set(id, { host: where.host, name: where.nic });
  const trunkOf = new Map<string, string>();
  for (const edge of edges)
    if (edge.type === "trunk" && !trunkOf.has(edge.target)) trunkOf.set(edge.target, edge.source);
  for (const node of nodes) {
    if (node.type !== "vlan") continue;
    const nicId = trunkOf.get(node.id);
    const where = nicId ? nicPath.get(nicId) : undefined;
    if (!where) {
      if (!hostOf(node)) outside(node, t`VLAN ${node.data.vid}`);
      else
        issues.push({
          code: "required",
          severity: "error",
          path: [],
          message: t`VLAN ${node.data.vid} belongs to no NIC`,
          hint: t`Pick its NIC in the inspector, or delete it.`,
          elementId: node.id,
        });
      continue;
    }
    const vid = String(node.data.vid);
    if (!register(["hosts", where.host, "nics", where.nic, "vlans", vid], node.id)) continue;
    const nic = hosts[where.host]?.nics[where.nic];
    if (!nic) continue;
    nic.vlans = { ...nic.vlans, [vid]: node.data.address !== undefined ? { address: node.data.address } : {} };
    interfaceName.set(node.id, { host: where.host, name: `${where.nic}.${vid}` });
  }

  const networks: Record<string, Network> = {};
  const networkNameById = new Map<string, string>();
  for (const node of nodes) {
    if (node.type !== "network" || !register(["networks", node.data.name], node.id)) continue;
    const spec = node.data.spec;
    networks[node.data.name] = spec.driver === "macvlan" ? { ...spec, parent: {} } : { ...spec };
    networkNameById.set(node.id, node.data.name);
  }

  const containers: Record<string, Container> = {};
  const containerNameById = new Map<string, string>();
  for (const node of nodes) {
    if (node.type !== "container") continue;
    const host = hostOf(node);
    if (!host) outside(node, t`container '${node.data.name}'`);
    if (!register(["containers", node.data.name], node.id)) continue;
    containers[node.data.name] = {
      host: (host && hostNameById.get(host.id)) ?? "",
      image: node.data.image,
      networks: {},
      ...(node.data.command !== undefined && { command: [...node.data.command] }),
      ...(node.data.services !== undefined && { services: node.data.services.map((s) => ({ ...s })) }),
      ...(node.data.publish !== undefined && { publish: [...node.data.publish] }),
    };
    containerNameById.set(node.id, node.data.name);
  }

  for (const edge of edges) addEdge(edge);

  function addEdge(edge: CanvasEdge) {
    if (edge.type === "parent") {
      const network = networkNameById.get(edge.source);
      const iface = interfaceName.get(edge.target);
      const spec = network ? networks[network] : undefined;
      if (!network || !iface || !spec) return;
      if (spec.driver !== "macvlan") {
        issues.push({
          code: "invalid-value",
          severity: "warning",
          path: ["networks", network, "driver"],
          message: t`network '${network}' is ${spec.driver} now; its parent link to ${iface.name} on ${iface.host} is ignored`,
          hint: t`Only macvlan networks have a parent interface: delete the link or switch the driver back.`,
          elementId: edge.id,
        });
        return;
      }
      if (register(["networks", network, "parent", iface.host], edge.id)) spec.parent[iface.host] = iface.name;
      return;
    }
    if (edge.type === "attach") {
      const container = containerNameById.get(edge.source);
      const network = networkNameById.get(edge.target);
      const entry = container ? containers[container] : undefined;
      if (!container || !network || !entry) return;
      if (!register(["containers", container, "networks", network], edge.id)) return;
      const attachment: Attachment = {
        ...(edge.data?.ip !== undefined && { ip: edge.data.ip }),
        ...(edge.data?.aliases !== undefined && { aliases: [...edge.data.aliases] }),
      };
      entry.networks[network] = attachment;
    }
  }

  const topology: Topology = {
    name: meta.name,
    ...(meta.description !== undefined && { description: meta.description }),
    hosts,
    ...(Object.keys(networks).length > 0 && { networks }),
    ...(Object.keys(containers).length > 0 && { containers }),
  };
  return { topology, index, issues: issues.map(safeIssue) };
}

/** The canvas element an issue concerns, and the field of that element (the next path part), if any. */
export function locateIssue(path: IssuePath, index: ElementIndex): { elementId?: string; field?: string } {
  for (let length = path.length; length > 0; length--) {
    const elementId = index.get(pathKey(path.slice(0, length)));
    if (elementId) {
      const next = path[length];
      return { elementId, ...(next !== undefined && { field: String(next) }) };
    }
  }
  return {};
}
