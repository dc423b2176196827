import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { nicKey } from "@/lib/graph/keys";
import type { NicNode as NicNodeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { NodeShell, Position } from "./node-shell";
import { nodeTestId } from "./test-ids";

export const NicNode = memo(function NicNode({ id, data, selected }: NodeProps<NicNodeType>) {
  const t = useT();
  const level = useEditor((s) => s.levels[id]);
  const host = useEditor((s) => s.hostNames[id]);
  const detail =
    [data.address, data.promisc ? t("node.promisc") : undefined].filter(Boolean).join(" · ") || t("node.noAddress");
  const overlay = useOverlay(nicKey(host ?? "", data.name));
  return (
    <NodeShell
      testId={nodeTestId("nic", data.name, host)}
      kindLabel={t("node.badge.nic")}
      title={data.name}
      detail={detail}
      level={level}
      selected={selected}
      handle={Position.Top}
      drift={overlay.drift}
      failed={overlay.failed}
      tone="bg-info/15 text-info"
    />
  );
});
