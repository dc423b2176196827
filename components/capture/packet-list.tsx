"use client";

import { memo, useEffect, useRef } from "react";
import type { CapturedPacket } from "@/lib/capture/types";
import { packetBadges, packetProtocol, protocolColour, relativeTime } from "@/lib/views/packet-view";
import { useT } from "../i18n/locale-provider";

const BADGE_TONE = {
  vlan: "border-warn text-warn",
  vni: "border-accent text-accent",
  gre: "border-accent text-accent",
  port: "border-border text-muted",
} as const;

/** One packet's row: number, time, point, protocol (coloured), length, Wireshark's summary, VLAN/VNI badges. */
const PacketRow = memo(function PacketRow({
  packet,
  index,
  first,
  selected,
  showPoint,
  onSelect,
}: {
  packet: CapturedPacket;
  index: number;
  first: number;
  selected: boolean;
  showPoint: boolean;
  onSelect: (index: number) => void;
}) {
  const proto = packetProtocol(packet);
  const colour = protocolColour(proto);
  return (
    <tr
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      data-testid="capture-packet"
      data-proto={proto}
      data-index={index}
      onClick={() => onSelect(index)}
      className={`cursor-pointer border-b border-border/60 ${selected ? "bg-accent/20" : "hover:bg-panel-2"}`}
      style={{ boxShadow: `inset 4px 0 0 ${colour}` }}
    >
      <td className="py-0.5 pr-2 pl-2 text-right tabular-nums text-muted">{index + 1}</td>
      <td className="pr-2 tabular-nums">{relativeTime(packet.time, first)}</td>
      {showPoint && (
        <td className="truncate pr-2 font-mono" title={packet.at}>
          {packet.at}
        </td>
      )}
      <td className="truncate pr-2 font-semibold" style={{ color: colour }}>
        {proto.toUpperCase()}
      </td>
      <td className="pr-2 text-right tabular-nums">{packet.len}</td>
      <td className="overflow-hidden pr-2">
        <span className="flex min-w-0 items-center gap-1">
          {packetBadges(packet).map((badge) => (
            <span
              key={badge.text}
              className={`shrink-0 rounded border px-1 font-mono text-[10px] font-bold ${BADGE_TONE[badge.kind]}`}
              data-testid={`capture-badge-${badge.kind}`}
            >
              {badge.text}
            </span>
          ))}
          <span className="truncate" title={packet.summary}>
            {packet.summary}
          </span>
        </span>
      </td>
    </tr>
  );
});

/**
 * The packets as they arrive, Wireshark's way: a row each, coloured by protocol. Follows the newest
 * packet while nothing is selected; arrow keys move the selection.
 */
export function PacketList({
  packets,
  selected,
  onSelect,
  follow,
}: {
  packets: readonly CapturedPacket[];
  selected: number | null;
  onSelect: (index: number) => void;
  follow: boolean;
}) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const first = packets[0]?.time ?? 0;
  const showPoint = new Set(packets.map((packet) => packet.at)).size > 1;
  useEffect(() => {
    if (follow && selected === null && scroller.current && packets.length > 0)
      scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [packets.length, follow, selected]);
  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-auto">
      <table
        className="w-full table-fixed border-collapse text-left font-mono text-[11px]"
        aria-label={t("capture.list")}
        data-testid="capture-packets"
        onKeyDown={(event) => {
          if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
          event.preventDefault();
          const from = selected ?? -1;
          const next = Math.min(packets.length - 1, Math.max(0, from + (event.key === "ArrowDown" ? 1 : -1)));
          onSelect(next);
          scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
        }}
      >
        <colgroup>
          <col className="w-10" />
          <col className="w-20" />
          {showPoint && <col className="w-28" />}
          <col className="w-16" />
          <col className="w-12" />
          <col />
        </colgroup>
        <thead className="sticky top-0 bg-panel font-sans text-muted">
          <tr className="border-b border-border">
            <th className="py-0.5 pr-2 pl-2 text-right font-medium">{t("capture.col.no")}</th>
            <th className="pr-2 font-medium">{t("capture.col.time")}</th>
            {showPoint && <th className="pr-2 font-medium">{t("capture.col.at")}</th>}
            <th className="pr-2 font-medium">{t("capture.col.proto")}</th>
            <th className="pr-2 text-right font-medium">{t("capture.col.len")}</th>
            <th className="pr-2 font-medium">{t("capture.col.summary")}</th>
          </tr>
        </thead>
        <tbody>
          {packets.map((packet, index) => (
            <PacketRow
              // biome-ignore lint/suspicious/noArrayIndexKey: packets only ever append; the index is the packet number
              key={index}
              packet={packet}
              index={index}
              first={first}
              selected={selected === index}
              showPoint={showPoint}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
