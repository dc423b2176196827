"use client";

import { useEffect, useRef } from "react";
import { exportFileName } from "@/lib/matrix/export";
import { cellId, matrixAxes } from "@/lib/matrix/matrix";
import { matrixSvg } from "@/lib/matrix/matrix-svg";
import type { ProbeCell } from "@/lib/probe/types";
import { useT } from "../i18n/locale-provider";
import { CellDetails } from "./cell-details";
import { MatrixExport } from "./matrix-export";
import { MatrixView } from "./matrix-view";
import { downloadPng } from "./picture-download";
import { smallButtonClass } from "./ui";

type Meta = { topology: string; version: number | null; runId: string | null; startedAt: string | null };

/** The matrix as a PNG picture (drawn from the cells, not from the page), for slides and reports. */
export function MatrixPngButton({
  cells,
  containers,
  meta,
  testId,
}: {
  cells: ProbeCell[];
  containers: readonly string[];
  meta: Meta;
  testId: string;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className={smallButtonClass}
      disabled={cells.length === 0}
      onClick={() => {
        const title = `${meta.topology}${meta.version !== null ? ` v${meta.version}` : ""}${meta.startedAt ? ` · ${meta.startedAt.replace("T", " ").slice(0, 19)}` : ""}`;
        const picture = matrixSvg(cells, matrixAxes(containers, cells), title, {
          pass: t("matrix.legend.pass"),
          fail: t("matrix.legend.fail"),
          notProbed: t("matrix.legend.notProbed"),
        });
        void downloadPng(exportFileName(meta.topology, meta.startedAt, "png"), picture);
      }}
      data-testid={`${testId}-png`}
    >
      {t("matrix.exportPng")}
    </button>
  );
}

/** The matrix over the whole window (not the side panel): the view, a cell's details, the exports. */
export function FullMatrix({
  cells,
  containers,
  selected,
  onSelect,
  onClose,
  meta,
  networkColours,
}: {
  cells: ProbeCell[];
  containers: readonly string[];
  selected: string | null;
  onSelect: (id: string) => void;
  onClose: () => void;
  meta: Meta;
  networkColours?: Readonly<Record<string, string>>;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const cell = selected ? cells.find((candidate) => cellId(candidate) === selected) : undefined;
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      className="m-0 h-full max-h-none w-full max-w-none bg-bg p-0 text-fg backdrop:bg-black/40"
      aria-label={t("matrix.fullWidth")}
      data-testid="matrix-full"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center gap-2 border-b border-border bg-panel px-4 py-2">
          <h2 className="font-mono text-sm font-semibold">{meta.topology}</h2>
          <div className="ml-auto flex items-center gap-1">
            <MatrixExport cells={cells} meta={meta} testId="matrix-full-export" />
            <MatrixPngButton cells={cells} containers={containers} meta={meta} testId="matrix-full-export" />
            <button
              type="button"
              className={smallButtonClass}
              onClick={() => dialog.current?.close()}
              data-testid="matrix-full-close"
            >
              {t("matrix.close")}
            </button>
          </div>
        </div>
        <div className="grid min-h-0 flex-1 gap-4 overflow-auto p-4 lg:grid-cols-[1fr_26rem]">
          <div className="min-w-0">
            <MatrixView
              cells={cells}
              containers={containers}
              selected={selected}
              onSelect={onSelect}
              testId="matrix-full"
              {...(networkColours && { networkColours })}
            />
          </div>
          <div>
            {cell ? (
              <CellDetails cell={cell} testId="matrix-full-cell" />
            ) : (
              <p className="text-sm text-muted">{t("matrix.clickCell")}</p>
            )}
          </div>
        </div>
      </div>
    </dialog>
  );
}
