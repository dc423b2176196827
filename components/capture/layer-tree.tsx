"use client";

import type { CapturedPacket } from "@/lib/capture/types";
import { type LayerRole, layerViews } from "@/lib/views/packet-view";
import { useT } from "../i18n/locale-provider";

const ROLE_TONE: Record<LayerRole, string> = {
  outer: "border-l-4 border-muted",
  tunnel: "border-l-4 border-accent bg-accent/10",
  inner: "border-l-4 border-ok ml-3",
  plain: "border-l-4 border-transparent",
};

/**
 * A packet's layers outer first, as Wireshark's tree: an encapsulated frame shows its outer headers,
 * the tunnel, then the inner headers indented; the VLAN id, the VNI and the tunnel's UDP port are
 * marked so a student sees them at once.
 */
export function LayerTree({
  packet,
  number,
  caption,
}: {
  packet: CapturedPacket;
  number: number;
  /** Said above the layers instead of "Layers of packet N · point" (e.g. a trace hop's). */
  caption?: string;
}) {
  const t = useT();
  const views = layerViews(packet.layers);
  return (
    <section aria-label={t("capture.layers", { no: number })} className="space-y-1" data-testid="capture-layers">
      <p className="text-[11px] text-muted">
        {caption ?? (
          <>
            {t("capture.layers", { no: number })} · <span className="font-mono">{packet.at}</span>
          </>
        )}
      </p>
      {views.map((layer, index) => (
        <details
          // biome-ignore lint/suspicious/noArrayIndexKey: a packet's layers are fixed; the same protocol can repeat (inner eth)
          key={index}
          open
          className={`rounded-sm py-0.5 pl-2 ${ROLE_TONE[layer.role]}`}
          data-testid="capture-layer"
          data-proto={layer.proto}
          data-role={layer.role}
        >
          <summary className="cursor-pointer font-mono text-xs font-semibold">
            {layer.proto}
            {layer.role !== "plain" && (
              <span className="ml-2 rounded bg-panel-2 px-1 font-sans text-[10px] font-medium uppercase text-muted">
                {t(`capture.role.${layer.role}`)}
              </span>
            )}
          </summary>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 pl-3 font-mono text-[11px]">
            {layer.fields.map((field) => (
              <div key={field.name} className="contents">
                <dt className={field.highlight ? "font-bold text-warn" : "text-muted"}>{field.name}</dt>
                <dd
                  className={field.highlight ? "font-bold" : ""}
                  data-testid={field.highlight ? "capture-field-highlight" : undefined}
                  data-field={`${layer.proto}.${field.name}`}
                >
                  {field.highlight ? (
                    <mark className="rounded bg-warn/25 px-1 text-fg ring-1 ring-warn">
                      {field.value} <span className="font-sans text-[10px] font-semibold">◀ {t("capture.notice")}</span>
                    </mark>
                  ) : (
                    field.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
    </section>
  );
}
