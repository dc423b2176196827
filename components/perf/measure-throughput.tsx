"use client";

import { useEffect, useState } from "react";
import { listThroughputAction, measureThroughputAction } from "@/app/topologies/perf-actions";
import { smallButtonClass } from "@/components/ui/classes";
import { formatBits, type PerfResult } from "@/lib/probe/perf-iperf";
import { useT } from "../i18n/locale-provider";

/**
 * "Measure throughput" for a matrix cell or a selection: iperf3 from each source to each target
 * (a few seconds per pair, at most 16 pairs), shown as a pair table. Results are stored with the run.
 */
export function MeasureThroughput({
  topologyId,
  inventoryId,
  from,
  to,
}: {
  topologyId: string;
  inventoryId: string;
  from: string[];
  to: string[];
}) {
  const t = useT();
  const [udp, setUdp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<PerfResult[]>([]);
  const [error, setError] = useState<string | null>(null);
  const pairs = `${from.join(",")}|${to.join(",")}`;
  // The last stored measurement of these pairs, until a new one is made.
  useEffect(() => {
    let live = true;
    const [sources = "", targets = ""] = pairs.split("|");
    void listThroughputAction({ topologyId }).then((result) => {
      if (!live || !result.ok) return;
      const wanted = result.results.filter(
        (row) => sources.split(",").includes(row.from) && targets.split(",").includes(row.to),
      );
      const newest = wanted[0]?.runId;
      setResults(wanted.filter((row) => row.runId === newest));
    });
    return () => {
      live = false;
    };
  }, [topologyId, pairs]);
  const measure = async () => {
    setBusy(true);
    setError(null);
    const result = await measureThroughputAction({ topologyId, inventoryId, from, to, seconds: 2, udp });
    setBusy(false);
    if (result.ok) setResults(result.report.results);
    else setError(result.error.message);
  };
  return (
    <div className="space-y-1 text-xs" data-testid="perf">
      <div className="flex items-center gap-2">
        <button type="button" className={smallButtonClass} onClick={measure} disabled={busy} data-testid="perf-measure">
          {busy ? t("perf.running") : t("perf.measure")}
        </button>
        <label className="flex items-center gap-1 text-muted">
          <input type="checkbox" checked={udp} onChange={(event) => setUdp(event.target.checked)} />
          {t("perf.udp")}
        </label>
      </div>
      {error && <p className="text-danger">{error}</p>}
      {results.length > 0 && (
        <table className="w-full" data-testid="perf-table">
          <tbody>
            {results.map((result) => (
              <tr
                key={`${result.from}|${result.to}|${result.proto}`}
                data-testid={`perf-row-${result.from}-${result.to}`}
              >
                <td className="font-mono">
                  {result.from} → {result.to}
                </td>
                {result.error ? (
                  <td className="pl-2 text-danger" colSpan={2}>
                    {t("perf.notMeasured", { error: result.error })}
                  </td>
                ) : (
                  <>
                    <td className="px-2 text-right font-mono font-semibold whitespace-nowrap" data-testid="perf-rate">
                      {formatBits(result.bitsPerSecond)}
                    </td>
                    <td className="pl-1 text-muted">
                      {result.proto === "tcp"
                        ? t("perf.retransmits", { count: result.retransmits ?? 0 })
                        : t("perf.udpResult", {
                            jitter: (result.jitterMs ?? 0).toFixed(3),
                            loss: (result.lostPercent ?? 0).toFixed(2),
                          })}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
