import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NicNode as NicNodeType } from "@/lib/graph/types";
import { useEditor } from "../state/editor-context";
import { NodeShell, Position } from "./node-shell";
import { nodeTestId } from "./test-ids";

export const NicNode = memo(function NicNode({ id, data, selected }: NodeProps<NicNodeType>) {
  const level = useEditor((s) => s.levels[id]);
  const host = useEditor((s) => s.hostNames[id]);
  const detail = [data.address, data.promisc ? "promisc" : undefined].filter(Boolean).join(" · ") || "no address";
  return (
    <NodeShell
      testId={nodeTestId("nic", data.name, host)}
      kindLabel="NIC"
      title={data.name}
      detail={detail}
      level={level}
      selected={selected}
      handle={Position.Top}
      tone="bg-info/15 text-info"
    />
  );
});
