import { Handle, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { DRIVER_LABELS } from "@/lib/graph/defaults";
import { networkKey } from "@/lib/graph/keys";
import { networkColour } from "@/lib/graph/network-colour";
import type { NetworkNode as NetworkNodeType } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useOverlay } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";
import { IssueBadge } from "./issue-badge";
import { NodeShell, Position } from "./node-shell";
import { nodeTestId } from "./test-ids";

/** A network: a box with its driver and subnet, or (networks as buses) a bar its containers drop onto. */
/** A bus repeats its name along its length, so a reader zoomed in on any host still sees which bar is which. */
const LABEL_EVERY = 960;

export const NetworkNode = memo(function NetworkNode({ id, data, selected, width }: NodeProps<NetworkNodeType>) {
  const t = useT();
  const level = useEditor((s) => s.levels[id]);
  const colour = useEditor((s) => s.netColours[id]);
  const bus = useEditor((s) => s.bus);
  const subnet = "subnet" in data.spec && data.spec.subnet ? data.spec.subnet : undefined;
  const overlay = useOverlay(networkKey(data.name));
  const detail =
    subnet ??
    (data.spec.driver === "bridge" && data.spec.subnets ? t("node.subnetPerHost") : t("node.subnetFromDocker"));
  const testId = nodeTestId("network", data.name);
  if (bus)
    return (
      <div
        data-testid={testId}
        data-shape="bus"
        data-level={level ?? "none"}
        data-drift={overlay.drift?.state ?? "none"}
        data-failed={overlay.failed ? "true" : undefined}
        className={`relative flex h-full w-full flex-col justify-end ${selected ? "outline-2 outline-accent" : ""} ${
          overlay.failed ? "ring-2 ring-danger" : ""
        }`}
      >
        {Array.from({ length: Math.max(1, Math.floor((width ?? 0) / LABEL_EVERY)) }, (_, i) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: the repeats are the same label at fixed places
            key={i}
            className="absolute bottom-3 flex items-center gap-2 whitespace-nowrap px-2 text-sm"
            style={{ left: i * LABEL_EVERY }}
            aria-hidden={i > 0 ? "true" : undefined}
          >
            <span
              className="rounded px-1 text-xs font-semibold uppercase tracking-wide"
              style={{ color: networkColour(colour) }}
            >
              {DRIVER_LABELS[data.spec.driver]}
            </span>
            <span className="font-mono font-semibold">{data.name}</span>
            <span className="font-mono text-muted">{detail}</span>
            {i === 0 && <IssueBadge level={level} testId={testId} />}
          </div>
        ))}
        <div
          className={`h-2.5 w-full rounded-full ${overlay.drift?.state === "missing" ? "opacity-50" : ""}`}
          style={{ background: level === "error" ? "var(--danger)" : networkColour(colour) }}
          data-testid={`${testId}-bar`}
        />
        <Handle
          type="source"
          position={Position.Bottom}
          // at the bar's left end: a click anywhere along the bar selects the network
          style={{ left: 12 }}
          id="link"
          data-testid={`${testId}-handle`}
          aria-label={t("node.connect", { name: data.name })}
        />
      </div>
    );
  return (
    <NodeShell
      testId={testId}
      kindLabel={DRIVER_LABELS[data.spec.driver]}
      title={data.name}
      detail={detail}
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
