import { useInternalNode } from "@xyflow/react";
import { type ComponentProps, memo } from "react";
import { busDropPath } from "@/lib/graph/bus";
import { EdgePath } from "./edge-path";

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
  const rect = (n: NonNullable<typeof node>) => ({
    ...n.internals.positionAbsolute,
    width: n.measured.width ?? n.width ?? 0,
    height: n.measured.height ?? n.height ?? 0,
  });
  const drop = busDropPath({ x: fromX, y: fromY }, rect(node), rect(bar), lane, straight);
  return (
    <>
      <EdgePath {...path} path={drop.path} />
      <circle cx={drop.land.x} cy={drop.land.y} r={4} fill={colour} pointerEvents="none" data-bus-land="true" />
    </>
  );
});
