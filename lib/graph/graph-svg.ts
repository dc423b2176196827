import { EXPORT_COLOURS as C, xml } from "../svg/xml";
import { networkColourSlots } from "./network-colour";
import type { CanvasNode, Graph } from "./types";

/**
 * The drawing as a self-contained SVG picture, for slides and reports (the PNG is drawn from it):
 * hosts as boxes holding their NICs, VLANs and containers, networks in their colours, attachments
 * as solid lines, parents as thick dashed lines, NIC→VLAN links dotted. Drawn from the graph's own
 * positions and sizes, not from the page, so it is the same in every theme. Pure and deterministic.
 */

type Box = { x: number; y: number; width: number; height: number };

const KIND: Record<CanvasNode["type"], string> = {
  host: "host",
  nic: "NIC",
  vlan: "VLAN",
  network: "",
  container: "ctr",
};

function boxes(nodes: readonly CanvasNode[]): Map<string, Box> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const result = new Map<string, Box>();
  for (const node of nodes) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    result.set(node.id, {
      x: node.position.x + (parent?.position.x ?? 0),
      y: node.position.y + (parent?.position.y ?? 0),
      width: node.width ?? 156,
      height: node.height ?? 52,
    });
  }
  return result;
}

/** Where an edge meets a node: networks at their bottom middle, everything else at its top middle. */
function anchor(node: CanvasNode | undefined, box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: node?.type === "network" ? box.y + box.height : box.y };
}

export function graphSvg(
  graph: Pick<Graph, "meta" | "nodes" | "edges">,
  /** Display names by node id (VLANs as NIC.VID). */
  names: Readonly<Record<string, string>>,
): { svg: string; width: number; height: number } {
  const placed = boxes(graph.nodes);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const margin = 24;
  const all = [...placed.values()];
  const minX = Math.min(0, ...all.map((b) => b.x)) - margin;
  const minY = Math.min(0, ...all.map((b) => b.y)) - margin - 28;
  const maxX = Math.max(200, ...all.map((b) => b.x + b.width)) + margin;
  const maxY = Math.max(100, ...all.map((b) => b.y + b.height)) + margin;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const slots = networkColourSlots(graph.nodes.filter((n) => n.type === "network").map((n) => n.id));
  const colourOf = (id: string) => C.networks[(slots.get(id) ?? 0) % C.networks.length] ?? C.muted;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="${C.background}"/>`,
    `<text x="${minX + margin}" y="${minY + 24}" font-size="16" font-weight="bold" fill="${C.fg}">${xml(graph.meta.name)}</text>`,
  ];
  const node = (n: CanvasNode) => {
    const box = placed.get(n.id);
    if (!box) return;
    const name = names[n.id] ?? ("name" in n.data ? n.data.name : "");
    if (n.type === "host") {
      parts.push(
        `<g data-kind="host"><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="8" fill="${C.panel}" stroke="${C.border}" stroke-width="2"/>`,
        `<text x="${box.x + 12}" y="${box.y + 24}" font-size="14" font-weight="bold" fill="${C.fg}">▣ ${xml(name)}</text></g>`,
      );
      return;
    }
    const detail =
      n.type === "network"
        ? "subnet" in n.data.spec && n.data.spec.subnet
          ? n.data.spec.subnet
          : n.data.spec.driver
        : n.type === "container"
          ? n.data.image
          : (n.data.address ?? "");
    const label = n.type === "network" ? n.data.spec.driver.toUpperCase() : KIND[n.type];
    const stroke = n.type === "network" ? colourOf(n.id) : C.border;
    parts.push(
      `<g data-kind="${n.type}"><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6" fill="${C.background}" stroke="${stroke}" stroke-width="${n.type === "network" ? 2.5 : 1}"/>`,
      n.type === "network"
        ? `<rect x="${box.x}" y="${box.y}" width="6" height="${box.height}" rx="2" fill="${stroke}"/>`
        : "",
      `<text x="${box.x + 12}" y="${box.y + 20}" font-size="12" fill="${C.fg}"><tspan font-size="9" font-weight="bold" fill="${n.type === "network" ? stroke : C.muted}">${xml(label)}</tspan> ${xml(name)}</text>`,
      `<text x="${box.x + 12}" y="${box.y + 38}" font-size="10" fill="${C.muted}" font-family="DejaVu Sans Mono, monospace">${xml(detail)}</text></g>`,
    );
  };
  for (const n of graph.nodes) if (n.type === "host") node(n);
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const a = placed.get(edge.source);
    const b = placed.get(edge.target);
    if (!a || !b) continue;
    const from = anchor(source, a);
    const to = anchor(target, b);
    const bend = Math.max(30, Math.abs(to.y - from.y) / 2);
    const fromDir = source?.type === "network" ? 1 : -1;
    const toDir = target?.type === "network" ? 1 : -1;
    const d = `M${from.x},${from.y} C${from.x},${from.y + fromDir * bend} ${to.x},${to.y + toDir * bend} ${to.x},${to.y}`;
    const style =
      edge.type === "attach"
        ? `stroke="${colourOf(edge.target)}" stroke-width="2"`
        : edge.type === "parent"
          ? `stroke="${colourOf(edge.source)}" stroke-width="3.5" stroke-dasharray="10 5"`
          : `stroke="${C.muted}" stroke-width="2.5" stroke-dasharray="2 4" stroke-linecap="round"`;
    parts.push(
      edge.type === "trunk"
        ? `<path data-kind="trunk" d="M${from.x},${from.y} L${to.x},${to.y}" fill="none" ${style}/>`
        : `<path data-kind="${edge.type}" d="${d}" fill="none" ${style}/>`,
    );
    if (edge.type === "attach" && edge.data?.ip)
      parts.push(
        `<text x="${from.x}" y="${from.y - 6}" font-size="10" text-anchor="middle" fill="${C.fg}" font-family="DejaVu Sans Mono, monospace">${xml(edge.data.ip)}</text>`,
      );
  }
  for (const n of graph.nodes) if (n.type !== "host") node(n);
  parts.push("</svg>");
  return { svg: parts.filter(Boolean).join("\n"), width, height };
}
