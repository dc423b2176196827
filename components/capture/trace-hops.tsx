"use client";

import { lastSeenText } from "@/lib/capture/trace";
import type { TraceResult } from "@/lib/capture/types";
import { render } from "@/lib/i18n/text";
import { hopState } from "@/lib/views/capture-targets";
import { packetBadges } from "@/lib/views/packet-view";
import { useLocale, useT } from "../i18n/locale-provider";
import { LayerTree } from "./layer-tree";

const STATE_TONE = {
  both: "text-ok",
  request: "text-warn",
  reply: "text-warn",
  none: "text-danger",
} as const;

const STATE_MARK = { both: "✓", request: "→", reply: "←", none: "✗" } as const;

/** A trace's hops in path order: what was seen at each, with which encapsulation, and the last point the request was seen. */
export function TraceHops({ trace }: { trace: TraceResult }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section
      aria-label={t("trace.hops")}
      className="space-y-1 text-xs"
      data-testid="trace-result"
      data-verdict={trace.verdict}
    >
      <p className="font-semibold">
        {t("trace.title", { from: trace.from, to: trace.to })} ·{" "}
        <span className={trace.verdict === "reach" ? "text-ok" : "text-danger"} data-testid="trace-verdict">
          {t(`trace.verdict.${trace.verdict}`)}
        </span>
      </p>
      <p className={trace.lastSeen ? "" : "text-danger"} data-testid="trace-last-seen" data-at={trace.lastSeen ?? ""}>
        {render(lastSeenText(trace), locale)}
      </p>
      <ol className="space-y-0.5">
        {trace.hops.map((hop, index) => {
          const state = hopState(hop);
          // The source's ARP stands for a request that never left (its next hop did not answer); elsewhere
          // it shows how far the probe's ARP went (its VLAN tag) where the request itself was not seen.
          const arpOnly = hop.arp === true && !hop.layers.some((layer) => layer.proto === "icmp");
          const label =
            arpOnly && hop.request ? "trace.hop.held" : arpOnly && state === "none" ? "trace.hop.arp" : null;
          const last = hop.at === trace.lastSeen && trace.verdict !== "reach";
          return (
            <li
              key={hop.at}
              data-testid="trace-hop"
              data-at={hop.at}
              data-state={state}
              data-last={last ? "true" : undefined}
            >
              <details className={`rounded px-1 ${last ? "bg-warn/15 ring-1 ring-warn" : ""}`}>
                <summary className="flex cursor-pointer items-center gap-2">
                  <span className="w-4 text-right tabular-nums text-muted">{index + 1}</span>
                  <span className={`w-4 font-bold ${STATE_TONE[state]}`} aria-hidden>
                    {STATE_MARK[state]}
                  </span>
                  <span className="min-w-[8rem] flex-1 truncate font-mono" title={hop.at}>
                    {hop.at}
                  </span>
                  {packetBadges(hop).map((badge) => (
                    <span
                      key={badge.text}
                      className="rounded border border-warn px-1 font-mono text-[10px] font-bold text-warn"
                    >
                      {badge.text}
                    </span>
                  ))}
                  <span className={`shrink-0 ${STATE_TONE[state]}`} data-arp={label ? "true" : undefined}>
                    {t(label ?? `trace.hop.${state}`)}
                  </span>
                </summary>
                {hop.layers.length > 0 && (
                  <div className="py-1 pl-10">
                    <LayerTree
                      packet={{ at: hop.at, time: 0, len: 0, summary: "", layers: hop.layers }}
                      number={index + 1}
                    />
                  </div>
                )}
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
