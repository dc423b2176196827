import { type EdgeProps, useInternalNode } from "@xyflow/react";
import { type ComponentProps, memo } from "react";
import { busDropPath, routedAttachPath } from "@/lib/graph/bus";
import { networkColour } from "@/lib/graph/network-colour";
import { EdgePath } from "./edge-path";

type Measured = NonNullable<ReturnType<typeof useInternalNode>>;

/** A node's box on the canvas (absolute position, measured size). */
function rectOf(node: Measured) {
  return {
    ...node.internals.positionAbsolute,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

/**
 * With networks drawn as buses: the drop from a node (a container, or a macvlan parent NIC) onto its
 * network's bar, from the node's handle at `from`, with a dot where it lands. Drawn only in bus mode
 * (it subscribes to both nodes' measured boxes, which the ordinary edges need not).
 */
export const BusDrop = memo(function BusDrop({
  nodeId,
  networkId,
  fromX,
  fromY,
  lane,
  colour,
  straight = false,
  ...path
}: Omit<ComponentProps<typeof EdgePath>, "path"> & {
  nodeId: string;
  networkId: string;
  fromX: number;
  fromY: number;
  lane: number;
  colour: string;
  /** Straight up from the handle (parent interfaces), not through the gap beside the node. */
  straight?: boolean;
}) {
  const node = useInternalNode(nodeId);
  const bar = useInternalNode(networkId);
  if (!node || !bar) return null;
  const drop = busDropPath({ x: fromX, y: fromY }, rectOf(node), rectOf(bar), lane, straight);
  return (
    <>
      <EdgePath {...path} path={drop.path} />
      <circle cx={drop.land.x} cy={drop.land.y} r={4} fill={colour} pointerEvents="none" data-bus-land="true" />
    </>
  );
});

/**
 * An attachment (or a parent link) in the ordinary drawing, routed out of its node's host through the gaps
 * (lib/graph/bus.ts `routedAttachPath`); the usual curve (`fallback`) when the container has no host
 * or the network is not above the host.
 */
export const RoutedAttach = memo(function RoutedAttach({
  nodeId,
  fromX,
  fromY,
  toX,
  toY,
  lane,
  fallback,
  straight = false,
  ...path
}: Omit<ComponentProps<typeof EdgePath>, "path"> & {
  nodeId: string;
  fromX: number;
  fromY: number;
  toX: number;
  toY: number;
  lane: number;
  fallback: string;
  /** Straight up from the handle (parent interfaces), not through the gap beside the node. */
  straight?: boolean;
}) {
  const node = useInternalNode(nodeId);
  const host = useInternalNode(node?.parentId ?? "");
  const routed =
    node && host
      ? routedAttachPath({ x: fromX, y: fromY }, rectOf(node), rectOf(host), { x: toX, y: toY }, lane, straight)
      : undefined;
  return <EdgePath {...path} path={routed ?? fallback} />;
});

/**
 * A node's link to its network, drawn for the canvas edge `edge` (a container's attachment: from the
 * edge's source; a macvlan parent NIC's link, `fromTarget`: from its target): a drop onto the
 * network's bar when networks are drawn as buses (`bus`), else routed out of the node's host towards
 * the network's node (the usual curve `fallback` when that cannot be). `colour` is the network's
 * colour index (its lane on the bar too).
 */
export function NetworkLink({
  edge,
  fromTarget = false,
  bus,
  colour,
  fallback,
  ...path
}: Omit<ComponentProps<typeof EdgePath>, "path"> & {
  edge: Pick<EdgeProps, "source" | "target" | "sourceX" | "sourceY" | "targetX" | "targetY">;
  fromTarget?: boolean;
  bus: boolean;
  colour: number | undefined;
  fallback: string;
  straight?: boolean;
}) {
  const node = fromTarget
    ? { id: edge.target, x: edge.targetX, y: edge.targetY }
    : { id: edge.source, x: edge.sourceX, y: edge.sourceY };
  const network = fromTarget
    ? { id: edge.source, x: edge.sourceX, y: edge.sourceY }
    : { id: edge.target, x: edge.targetX, y: edge.targetY };
  const link = { ...path, nodeId: node.id, fromX: node.x, fromY: node.y, lane: colour ?? 0 };
  return bus ? (
    <BusDrop {...link} networkId={network.id} colour={networkColour(colour)} />
  ) : (
    <RoutedAttach {...link} toX={network.x} toY={network.y} fallback={fallback} />
  );
}
