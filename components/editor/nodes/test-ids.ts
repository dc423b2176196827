import type { EdgeKind, NodeKind } from "@/lib/graph/types";

/** Test ids of canvas elements: by kind and name (NICs and VLANs also by host), stable across reloads. */
export function nodeTestId(kind: NodeKind, name: string, host?: string): string {
  return kind === "nic" || kind === "vlan"
    ? `canvas-node-${kind}-${host ?? ""}/${name}`
    : `canvas-node-${kind}-${name}`;
}

export function edgeTestId(kind: EdgeKind, source: string, target: string): string {
  return `canvas-edge-${kind}-${source}->${target}`;
}
