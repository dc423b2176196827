"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { labDownAction, labUpAction } from "@/app/hosts/actions";
import { STATUS_TONE } from "@/components/runs/ui";
import { useRunStream } from "@/components/runs/use-run-stream";
import { buttonClass, dangerButtonClass, primaryButtonClass } from "@/components/ui/classes";
import { render } from "@/lib/i18n/text";
import type { UiKey } from "@/lib/i18n/ui";
import type { LabStatus } from "@/lib/lab/types";
import { EMPTY_LAB_LOG, finishLabLog, type LabLog, reduceLabLog } from "@/lib/views/lab-log";
import { errorText } from "../i18n/error-text";
import { useLocale, useT } from "../i18n/locale-provider";

const STATE_TEXT: Record<LabStatus["state"], UiKey> = {
  down: "lab.state.down",
  building: "lab.state.building",
  up: "lab.state.up",
  degraded: "lab.state.degraded",
};

/** The embedded lab: its state and hosts, bring it up for a topology, bring it down, with live progress. */
export function LabCard({ status, topologies }: { status: LabStatus; topologies: { id: string; name: string }[] }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const selectId = useId();
  const [topologyId, setTopologyId] = useState(topologies[0]?.id ?? "");
  const [runId, setRunId] = useState<string | null>(null);
  const [log, setLog] = useState<LabLog>(EMPTY_LAB_LOG);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useRunStream(runId, (event) => {
    if (event.type === "lab") setLog((current) => reduceLabLog(current, event.event));
    if (event.type === "end") {
      if (event.outcome.kind === "lab") {
        const result = event.outcome.result;
        setLog((current) => finishLabLog(current, result));
      } else if (event.outcome.kind === "error") setError(event.outcome.message);
      setBusy(false);
      router.refresh();
    }
    if (event.type === "gone") {
      setBusy(false);
      router.refresh();
    }
  });

  const start = async (action: "up" | "down") => {
    dialog.current?.close();
    setError(null);
    setBusy(true);
    setLog(EMPTY_LAB_LOG);
    try {
      const result = action === "up" ? await labUpAction({ topologyId }) : await labDownAction();
      if (result.ok) setRunId(result.runId);
      else {
        setError(errorText(t, result.error));
        setBusy(false);
      }
    } catch (caught) {
      setError(t(action === "up" ? "lab.upFailed" : "lab.downFailed", { error: (caught as Error).message }));
      setBusy(false);
    }
  };

  const up = status.state !== "down" || status.leftovers.length > 0;
  return (
    <section
      aria-labelledby="lab-title"
      className="space-y-3 rounded-lg border border-border bg-panel p-4"
      data-testid="lab-card"
      data-state={status.state}
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 id="lab-title" className="text-lg font-semibold">
          {t("lab.title")}
        </h2>
        <p className="text-sm" data-testid="lab-state">
          <span className={STATUS_TONE[status.state === "up" ? "ok" : status.state === "down" ? "waiting" : "partial"]}>
            {status.name ? `'${status.name}' ` : ""}
            {t(STATE_TEXT[status.state])}
          </span>
        </p>
      </div>
      <p className="text-sm text-muted">{t("lab.intro")}</p>

      {status.hosts.length > 0 && (
        <table className="w-full text-sm" data-testid="lab-hosts">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th scope="col" className="py-1 font-medium">
                {t("lab.col.host")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("lab.col.management")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("lab.col.nics")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("lab.col.daemons")}
              </th>
            </tr>
          </thead>
          <tbody>
            {status.hosts.map((host) => (
              <tr key={host.name} className="border-t border-border" data-testid={`lab-host-${host.name}`}>
                <td className="py-1 font-mono">{host.name}</td>
                <td className="py-1 font-mono text-xs">{host.mgmtAddress}</td>
                <td className="py-1 font-mono text-xs">
                  {host.nics
                    .flatMap((nic) => [
                      `${nic.name}${nic.address ? ` ${nic.address}` : ""}`,
                      ...nic.vlans.map((vlan) => `${vlan.name}${vlan.address ? ` ${vlan.address}` : ""}`),
                    ])
                    .join(", ")}
                </td>
                <td className="py-1 text-xs">
                  {host.daemons.map((daemon) => (
                    <span key={daemon.name} className={`mr-2 ${daemon.alive ? "text-ok" : "text-danger"}`}>
                      {daemon.name} {daemon.alive ? t("lab.daemonUp") : t("lab.daemonDead")}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status.notices.map((notice) => (
        <p key={notice} className="text-xs text-warn">
          {notice}
        </p>
      ))}
      {status.state === "down" && status.leftovers.length > 0 && (
        <p className="text-xs text-warn">{t("lab.leftovers", { list: status.leftovers.join(", ") })}</p>
      )}

      <div className="flex flex-wrap items-end gap-2">
        {topologies.length === 0 ? (
          <p className="text-sm text-muted">{t("lab.noTopology")}</p>
        ) : (
          <>
            <div>
              <label htmlFor={selectId} className="block text-xs text-muted">
                {t("lab.bringUpFor")}
              </label>
              <select
                id={selectId}
                className="rounded-md border border-border bg-bg px-2 py-1.5 text-sm"
                value={topologyId}
                onChange={(event) => setTopologyId(event.target.value)}
                data-testid="lab-topology"
              >
                {topologies.map((topology) => (
                  <option key={topology.id} value={topology.id}>
                    {topology.name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className={primaryButtonClass}
              disabled={busy || up || !topologyId}
              onClick={() => void start("up")}
              data-testid="lab-up"
            >
              {t("lab.up")}
            </button>
          </>
        )}
        <button
          type="button"
          className={dangerButtonClass}
          disabled={busy || !up}
          onClick={() => dialog.current?.showModal()}
          data-testid="lab-down"
        >
          {t("lab.downEllipsis")}
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={busy}
          onClick={() => router.refresh()}
          data-testid="lab-refresh"
        >
          {t("lab.refresh")}
        </button>
      </div>
      {up && !busy && <p className="text-xs text-muted">{t("lab.oneAtATime")}</p>}
      {error && (
        <pre
          role="alert"
          className="whitespace-pre-wrap rounded border border-danger p-2 text-xs text-danger"
          data-testid="lab-error"
        >
          {error}
        </pre>
      )}
      {(runId || log.lines.length > 0) && (
        <div className="space-y-1" data-testid="lab-log">
          <ol
            className="max-h-48 overflow-auto rounded border border-border bg-bg p-2 font-mono text-xs"
            aria-live="polite"
          >
            {log.lines.map((line) => (
              <li key={line.key}>
                {line.host ? <span className="text-muted">{line.host}: </span> : null}
                {render(line.text, locale)}
                {line.durationMs !== null ? (
                  <span className="text-muted"> {t("unit.ms", { value: line.durationMs })}</span>
                ) : null}
              </li>
            ))}
            {busy && <li className="text-muted">…</li>}
          </ol>
          {log.result && (
            <pre
              className={`whitespace-pre-wrap text-sm ${log.result.ok ? "text-ok" : "text-danger"}`}
              data-testid="lab-result"
              data-ok={log.result.ok}
            >
              {render(log.result.message, locale)}
            </pre>
          )}
        </div>
      )}

      <dialog
        ref={dialog}
        aria-labelledby="lab-down-title"
        className="m-auto max-w-md rounded-lg border border-border bg-panel p-5 text-fg backdrop:bg-black/40"
        data-testid="lab-down-dialog"
      >
        <h2 id="lab-down-title" className="text-base font-semibold">
          {t("lab.downTitle")}
        </h2>
        <p className="mt-2 text-sm text-muted">{t("lab.downHelp")}</p>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={() => dialog.current?.close()}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={dangerButtonClass}
            onClick={() => void start("down")}
            data-testid="lab-down-confirm"
          >
            {t("lab.down")}
          </button>
        </div>
      </dialog>
    </section>
  );
}
