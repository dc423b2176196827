import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { containerKey } from "@/lib/graph/keys";
import type { ContainerNode as ContainerNodeType } from "@/lib/graph/types";
import { LiveStateLine } from "../../containers/live-state";
import { useT } from "../../i18n/locale-provider";
import { useLive, useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { NodeShell, Position } from "./node-shell";
import { nodeTestId } from "./test-ids";

export const ContainerNode = memo(function ContainerNode({ id, data, selected }: NodeProps<ContainerNodeType>) {
  const t = useT();
  const level = useEditor((s) => s.levels[id]);
  const overlay = useOverlay(containerKey(data.name));
  const live = useLive(data.name);
  return (
    <NodeShell
      testId={nodeTestId("container", data.name)}
      kindLabel={t("node.badge.container")}
      title={data.name}
      detail={live ? <LiveStateLine live={live} testId={`${nodeTestId("container", data.name)}-live`} /> : data.image}
      level={level}
      selected={selected}
      handle={Position.Top}
      drift={overlay.drift}
      failed={overlay.failed}
      tone="bg-accent/15 text-accent"
    />
  );
});
