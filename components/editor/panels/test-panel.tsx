"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { cancelRunAction, latestPingRunAction, startProbeAction } from "@/app/topologies/run-actions";
import { TraceCell } from "@/components/capture/trace-cell";
import { MeasureThroughput } from "@/components/perf/measure-throughput";
import { CellDetails } from "@/components/runs/cell-details";
import { FullMatrix, MatrixPngButton } from "@/components/runs/full-matrix";
import { MatrixExport } from "@/components/runs/matrix-export";
import { MatrixGrid } from "@/components/runs/matrix-grid";
import { MatrixView } from "@/components/runs/matrix-view";
import { smallButtonClass, smallDangerClass, smallPrimaryClass } from "@/components/ui/classes";
import { CHECK_KINDS, type CheckKind } from "@/lib/expect/types";
import { networkColour } from "@/lib/graph/network-colour";
import { FULL_GRID_MAX_CONTAINERS } from "@/lib/matrix/aggregate";
import { cellsBySquare, cellsOf, countVerdicts, matrixAxes } from "@/lib/matrix/matrix";
import { failedGroups } from "@/lib/matrix/rerun";
import { errorText } from "../../i18n/error-text";
import { useT } from "../../i18n/locale-provider";
import { InventoryPicker } from "../runs/inventory-picker";
import { useRuns, useRunsStore } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";

type By = "ip" | "name" | "both" | "tcp" | "udp" | "mtu" | "all";

/** The means a run asks for: one kind, ip and name (`both`), or every kind (`all`). */
function requestedBy(by: By): "ip" | "name" | "both" | "tcp" | "udp" | "mtu" | CheckKind[] {
  return by === "all" ? [...CHECK_KINDS] : by;
}

function Picks({
  legend,
  names,
  picked,
  onChange,
  testId,
}: {
  legend: string;
  names: string[];
  picked: string[];
  onChange: (next: string[]) => void;
  testId: string;
}) {
  const t = useT();
  const all = picked.length === names.length;
  return (
    <fieldset className="min-w-0 flex-1 rounded-md border border-border p-1.5" data-testid={testId}>
      <legend className="px-1 text-xs text-muted">{legend}</legend>
      <label className="flex items-center gap-1 text-xs font-medium">
        <input type="checkbox" checked={all} onChange={() => onChange(all ? [] : names)} /> {t("runs.filter.all")}
      </label>
      <div className="max-h-24 overflow-auto">
        {names.map((name) => (
          <label key={name} className="flex items-center gap-1 font-mono text-xs">
            <input
              type="checkbox"
              checked={picked.includes(name)}
              onChange={() => onChange(picked.includes(name) ? picked.filter((p) => p !== name) : [...picked, name])}
              data-testid={`${testId}-${name}`}
            />
            <span className="truncate">{name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The ping matrix: pick sources, targets and means, run it on the hosts, watch cells fill in,
 * click one for its command, expectation, diagnosis and raw output; re-run only the failed ones.
 */
export function TestPanel() {
  const t = useT();
  const runs = useRunsStore();
  const topologyId = useEditor((s) => s.topologyId);
  const name = useEditor((s) => s.graph.meta.name);
  const saved = useEditor((s) => s.save.status === "saved");
  const errors = useEditor((s) => s.check.issues.filter((issue) => issue.severity === "error").length);
  const hosts = useEditor(useShallow((s) => Object.keys(s.check.valid?.hosts ?? {}).sort()));
  const containers = useEditor(useShallow((s) => Object.keys(s.check.valid?.containers ?? {})));
  const { inventoryId, test } = useRuns(useShallow((s) => ({ inventoryId: s.inventoryId, test: s.test })));
  const [by, setBy] = useState<By>("both");
  const [responder, setResponder] = useState(false);
  const [from, setFrom] = useState<string[] | null>(null);
  const [to, setTo] = useState<string[] | null>(null);
  const endpoints = useMemo(() => [...containers, ...hosts.map((host) => `host:${host}`)], [containers, hosts]);
  const sources = from ?? containers;
  const targets = to ?? containers;
  const differs = (list: string[] | null) =>
    list !== null && (list.length !== containers.length || list.some((name) => !containers.includes(name)));

  useEffect(() => {
    const state = runs.getState();
    if (state.test.run || state.test.matrix.order.length > 0) return;
    void latestPingRunAction({ topologyId }).then((result) => {
      if (!result.ok || !result.run || runs.getState().test.run) return;
      runs
        .getState()
        .showMatrix(
          result.cells,
          { id: result.run.id, kind: "ping", version: null, live: false },
          result.run.startedAt,
        );
    });
  }, [runs, topologyId]);

  const cells = useMemo(() => cellsOf(test.matrix), [test.matrix]);
  const [full, setFull] = useState(false);
  const netNames = useEditor(
    useShallow((s) =>
      s.graph.nodes.flatMap((node) =>
        node.type === "network" ? [`${node.data.name}\u0000${s.netColours[node.id] ?? 0}`] : [],
      ),
    ),
  );
  const networkColours = useMemo(
    () =>
      Object.fromEntries(
        netNames.map((entry) => {
          const [net = "", slot = "0"] = entry.split("\u0000");
          return [net, networkColour(Number(slot))];
        }),
      ),
    [netNames],
  );
  const squares = useMemo(() => cellsBySquare(cells), [cells]);
  const counts = countVerdicts(cells);
  const groups = useMemo(() => failedGroups(cells), [cells]);
  const live = test.run?.live === true;
  const axes = matrixAxes(
    containers,
    cells,
    live || cells.length === 0 ? { from: sources, to: targets, by: axesBy(by) } : { from: sources, to: targets },
  );
  const selected = test.selected ? test.matrix.cells[test.selected] : undefined;
  const blocked = !inventoryId || !saved || errors > 0 || live || containers.length < 2;
  const why =
    containers.length < 2
      ? t("test.twoContainers")
      : errors
        ? t("test.fixErrors")
        : !saved
          ? t("test.saving")
          : !inventoryId
            ? t("apply.pickHosts")
            : null;

  const run = async (rerun: boolean) => {
    if (!inventoryId) return;
    const request = rerun
      ? { topologyId, inventoryId, groups, rerunOf: test.run?.id ?? null }
      : {
          topologyId,
          inventoryId,
          by: requestedBy(by),
          ...(responder && (by === "tcp" || by === "udp" || by === "all") ? { responder: true } : {}),
          ...(from && differs(from) ? { from } : {}),
          ...(to && differs(to) ? { to } : {}),
        };
    try {
      const result = await startProbeAction(request);
      if (result.ok)
        runs.getState().startTest({ id: result.runId, kind: "ping", version: result.version, live: true }, { rerun });
      else runs.getState().setTestError(errorText(t, result.error));
    } catch (error) {
      runs.getState().setTestError(t("test.startFailed", { error: (error as Error).message }));
    }
  };

  return (
    <section aria-label={t("tabs.test")} className="space-y-3 p-3" data-testid="test-panel">
      <InventoryPicker hosts={hosts} />
      <fieldset className="flex items-center gap-3 text-xs" data-testid="test-by">
        <legend className="sr-only">{t("test.pingBy")}</legend>
        <span className="text-muted">{t("test.pingBy")}</span>
        {(["ip", "name", "both", "tcp", "udp", "mtu", "all"] as const).map((value) => (
          <label key={value} className="flex items-center gap-1">
            <input
              type="radio"
              name="test-by"
              value={value}
              checked={by === value}
              onChange={() => setBy(value)}
              data-testid={`test-by-${value}`}
            />
            {value === "ip"
              ? "IP"
              : value === "name"
                ? t("test.byName")
                : value === "both"
                  ? t("test.byBoth")
                  : value === "all"
                    ? t("test.byAll")
                    : t(`matrix.by.${value}`)}
          </label>
        ))}
      </fieldset>
      {(by === "tcp" || by === "udp" || by === "all") && (
        <label className="flex items-center gap-1 text-xs" title={t("test.responderHint")}>
          <input
            type="checkbox"
            checked={responder}
            onChange={(event) => setResponder(event.target.checked)}
            data-testid="test-responder"
          />
          {t("test.responder")}
        </label>
      )}
      {containers.length > 0 && (
        <div className="flex gap-2">
          <Picks legend={t("test.sources")} names={endpoints} picked={sources} onChange={setFrom} testId="test-from" />
          <Picks legend={t("test.targets")} names={endpoints} picked={targets} onChange={setTo} testId="test-to" />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={smallPrimaryClass}
          disabled={blocked || sources.length === 0 || targets.length === 0}
          onClick={() => void run(false)}
          data-testid="test-run"
        >
          {t("test.run")}
        </button>
        {live && test.run && (
          <button
            type="button"
            className={smallDangerClass}
            onClick={() => test.run && void cancelRunAction({ runId: test.run.id })}
            data-testid="test-stop"
          >
            {t("test.stop")}
          </button>
        )}
        <button
          type="button"
          className={smallButtonClass}
          disabled={blocked || groups.length === 0}
          onClick={() => void run(true)}
          data-testid="test-rerun-failed"
          title={t("test.rerunTitle")}
        >
          {t("test.rerun", { count: counts.fail })}
        </button>
      </div>
      {why && <p className="text-xs text-muted">{why}</p>}
      {test.error && (
        <p role="alert" className="rounded border border-danger p-2 text-xs text-danger" data-testid="test-error">
          {test.error}
        </p>
      )}

      {cells.length === 0 && !live ? (
        <p className="rounded-md border border-dashed border-border p-3 text-xs text-muted" data-testid="test-empty">
          {t("test.empty")}
        </p>
      ) : (
        <>
          <div className="flex items-center justify-between gap-2 text-xs">
            <p
              role="status"
              aria-live="polite"
              data-testid="test-summary"
              data-live={live}
              data-finished={test.matrix.summary ? "true" : "false"}
            >
              <span className="font-semibold text-ok">{t("matrix.passCount", { count: counts.pass })}</span> ·{" "}
              <span className={counts.fail ? "font-semibold text-danger" : "text-muted"}>
                {t("matrix.failCount", { count: counts.fail })}
              </span>
              {test.matrix.expected !== null
                ? ` · ${t("test.cellsOf", { done: counts.total, total: test.matrix.expected })}`
                : ""}
              {test.matrix.summary
                ? ` · ${t("unit.s", { value: (test.matrix.summary.durationMs / 1000).toFixed(1) })}`
                : live
                  ? ` · ${t("test.running")}`
                  : ""}
              {test.matrix.cancelled ? ` · ${t("test.stopped")}` : ""}
            </p>
            <MatrixExport
              cells={cells}
              meta={{
                topology: name,
                version: test.run?.version ?? null,
                runId: test.run?.id ?? null,
                startedAt: test.startedAt,
              }}
            />
            <MatrixPngButton
              cells={cells}
              containers={axes.rows}
              meta={{
                topology: name,
                version: test.run?.version ?? null,
                runId: test.run?.id ?? null,
                startedAt: test.startedAt,
              }}
              testId="matrix-export"
            />
          </div>
          {test.matrix.unreachable.map((entry) => (
            <p key={entry.host} className="text-xs text-danger">
              {t("test.unreachable", { host: entry.host, error: entry.error })}
            </p>
          ))}
          {test.matrix.retrying.length > 0 && (
            <p className="text-xs text-warn">
              {t("test.retrying", {
                list: test.matrix.retrying.map((r) => `${r.from} → ${r.targets.join(", ")}`).join("; "),
              })}
            </p>
          )}
          <div className="flex justify-end">
            <button
              type="button"
              className="rounded-md border border-border bg-panel px-2 py-1 text-xs font-medium hover:bg-panel-2"
              onClick={() => setFull(true)}
              data-testid="test-full-width"
            >
              ⤢ {t("matrix.fullWidth")}
            </button>
          </div>
          {containers.length > FULL_GRID_MAX_CONTAINERS ? (
            <MatrixView
              cells={cells}
              containers={axes.rows}
              selected={test.selected}
              onSelect={(id) => runs.getState().selectCell(id)}
              networkColours={networkColours}
            />
          ) : (
            <MatrixGrid
              squares={squares}
              axes={axes}
              selected={test.selected}
              onSelect={(id) => runs.getState().selectCell(id)}
            />
          )}
          {full && (
            <FullMatrix
              cells={cells}
              containers={axes.rows}
              selected={test.selected}
              onSelect={(id) => runs.getState().selectCell(id)}
              onClose={() => setFull(false)}
              networkColours={networkColours}
              meta={{
                topology: name,
                version: test.run?.version ?? null,
                runId: test.run?.id ?? null,
                startedAt: test.startedAt,
              }}
            />
          )}
          {counts.fail > 0 && !live && (
            <p className="text-xs text-warn" data-testid="test-failed-paths">
              {t("test.failedPaths")}
            </p>
          )}
          {selected ? (
            <CellDetails
              cell={selected}
              extra={
                inventoryId && saved ? (
                  <MeasureThroughput
                    topologyId={topologyId}
                    inventoryId={inventoryId}
                    from={[selected.from]}
                    to={[selected.to]}
                  />
                ) : undefined
              }
            />
          ) : (
            <p className="text-xs text-muted">{t("matrix.clickCell")}</p>
          )}
          {selected && <TraceCell cell={selected} />}
          {test.run && !live && (
            <Link href={`/runs/${test.run.id}`} className="text-xs text-accent underline" data-testid="test-run-link">
              {t("test.runLink")}
            </Link>
          )}
        </>
      )}
    </section>
  );
}

/** What the matrix's axes show for a chosen means (before any cell arrived). */
function axesBy(by: By): "both" | CheckKind | CheckKind[] {
  return by === "all" ? [...CHECK_KINDS] : by;
}
