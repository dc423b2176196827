"use client";

import type { CaptureView } from "@/lib/views/capture-stream";
import { useT } from "../i18n/locale-provider";
import { smallButtonClass, smallDangerClass } from "../ui/classes";
import { downloadPcapng } from "./capture-client";
import { HexView } from "./hex-view";
import { LayerTree } from "./layer-tree";
import { PacketList } from "./packet-list";

/**
 * A capture as it runs: its status with Stop, then its download; the packet list on the left, the
 * selected packet's layer tree and bytes on the right.
 */
export function CapturePanel({
  view,
  selected,
  onSelect,
  onStop,
  onClose,
  fileName,
}: {
  view: CaptureView;
  selected: number | null;
  onSelect: (index: number) => void;
  onStop: () => void;
  onClose?: () => void;
  fileName: string;
}) {
  const t = useT();
  const live = view.status === "starting" || view.status === "running";
  const at = view.at.join(", ");
  const packet = selected === null ? undefined : view.packets[selected];
  const status =
    view.status === "starting"
      ? t("capture.starting")
      : view.status === "running"
        ? t("capture.running", { at, count: view.packets.length + view.dropped })
        : view.end
          ? t("capture.ended", {
              at,
              count: view.end.packets,
              why: t(`capture.why.${view.end.stoppedBy}`),
            })
          : "";
  return (
    <section
      aria-label={t("capture.title")}
      className="flex h-full min-h-0 flex-col bg-panel text-xs"
      data-testid="capture-panel"
      data-status={view.status}
    >
      <header className="flex shrink-0 flex-wrap items-center gap-2 border-b border-border px-2 py-1">
        <h2 className="font-semibold">{t("capture.title")}</h2>
        <p role="status" aria-live="polite" className="min-w-0 flex-1 truncate" data-testid="capture-status">
          {live && <span className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-danger" aria-hidden />}
          {status}
        </p>
        {live && (
          <button
            type="button"
            className={smallDangerClass}
            onClick={onStop}
            disabled={!view.id}
            data-testid="capture-stop"
          >
            ■ {t("capture.stop")}
          </button>
        )}
        {view.pcapng && (
          <button
            type="button"
            className={smallButtonClass}
            onClick={() => view.pcapng && downloadPcapng(view.pcapng, fileName)}
            data-testid="capture-download"
          >
            ↓ {t("capture.download")}
          </button>
        )}
        {onClose && !live && (
          <button type="button" className={smallButtonClass} onClick={onClose} data-testid="capture-close">
            {t("capture.close")}
          </button>
        )}
      </header>
      {view.error && (
        <p role="alert" className="shrink-0 border-b border-danger px-2 py-1 text-danger" data-testid="capture-error">
          {t("capture.failed", { error: view.error })}
        </p>
      )}
      {view.dropped > 0 && <p className="shrink-0 px-2 text-warn">{t("capture.dropped", { count: view.dropped })}</p>}
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-[3] flex-col border-r border-border">
          {view.packets.length === 0 ? (
            <p className="p-2 text-muted" data-testid="capture-empty">
              {live ? t("capture.none") : ""}
            </p>
          ) : (
            <PacketList packets={view.packets} selected={selected} onSelect={onSelect} follow={live} />
          )}
        </div>
        <div className="min-w-0 flex-[2] space-y-2 overflow-auto p-2">
          {packet && selected !== null ? (
            <>
              <LayerTree packet={packet} number={selected + 1} />
              <HexView hex={packet.hex} />
            </>
          ) : (
            <p className="text-muted">{t("capture.pickPacket")}</p>
          )}
        </div>
      </div>
    </section>
  );
}
