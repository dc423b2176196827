import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { DRIVER_LABELS } from "@/lib/graph/defaults";
import { networkKey } from "@/lib/graph/keys";
import { networkColour } from "@/lib/graph/network-colour";
import type { NetworkNode as NetworkNodeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { NodeShell, Position } from "./node-shell";
import { nodeTestId } from "./test-ids";

export const NetworkNode = memo(function NetworkNode({ id, data, selected }: NodeProps<NetworkNodeType>) {
  const t = useT();
  const level = useEditor((s) => s.levels[id]);
  const colour = useEditor((s) => s.netColours[id]);
  const subnet = "subnet" in data.spec && data.spec.subnet ? data.spec.subnet : undefined;
  const overlay = useOverlay(networkKey(data.name));
  return (
    <NodeShell
      testId={nodeTestId("network", data.name)}
      kindLabel={DRIVER_LABELS[data.spec.driver]}
      title={data.name}
      detail={
        subnet ??
        (data.spec.driver === "bridge" && data.spec.subnets ? t("node.subnetPerHost") : t("node.subnetFromDocker"))
      }
      level={level}
      selected={selected}
      handle={Position.Bottom}
      drift={overlay.drift}
      failed={overlay.failed}
      tone="bg-panel-2"
      colour={networkColour(colour)}
    />
  );
});
