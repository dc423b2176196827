import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { vlanKey } from "@/lib/graph/keys";
import type { VlanNode as VlanNodeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { NodeShell, Position } from "./node-shell";
import { nodeTestId } from "./test-ids";

export const VlanNode = memo(function VlanNode({ id, data, selected }: NodeProps<VlanNodeType>) {
  const t = useT();
  const level = useEditor((s) => s.levels[id]);
  const host = useEditor((s) => s.hostNames[id]);
  const name = useEditor((s) => s.names[id]) ?? `?.${data.vid}`;
  const overlay = useOverlay(vlanKey(host ?? "", name.slice(0, name.lastIndexOf(".")), data.vid));
  return (
    <NodeShell
      testId={nodeTestId("vlan", name, host)}
      kindLabel={`VLAN ${data.vid}`}
      title={name}
      detail={data.address ?? t("node.noAddress")}
      level={level}
      selected={selected}
      handle={Position.Top}
      drift={overlay.drift}
      failed={overlay.failed}
      tone="bg-warn/15 text-warn"
    />
  );
});
