"use client";

import Link from "next/link";
import { useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { planOnHostsAction, startConvergeAction } from "@/app/topologies/run-actions";
import { ApplyLogView } from "@/components/runs/apply-log-view";
import { PlanSteps } from "@/components/runs/plan-steps";
import { smallButtonClass, smallDangerClass, smallPrimaryClass } from "@/components/runs/ui";
import { describeDrift } from "@/lib/drift/drift";
import { InventoryPicker } from "../runs/inventory-picker";
import { useRuns, useRunsStore } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";

/**
 * Plan and apply: pick the hosts, see the plan against what is on them now (grouped by host, each
 * command with its explanation), then Apply or Destroy the saved version with a live log.
 */
export function ApplyPanel() {
  const runs = useRunsStore();
  const topologyId = useEditor((s) => s.topologyId);
  const hosts = useEditor(useShallow((s) => Object.keys(s.check.valid?.hosts ?? {}).sort()));
  const save = useEditor(useShallow((s) => ({ status: s.save.status, version: s.save.version })));
  const errors = useEditor((s) => s.check.issues.filter((issue) => issue.severity === "error").length);
  const { inventoryId, apply } = useRuns(useShallow((s) => ({ inventoryId: s.inventoryId, apply: s.apply })));
  const dialog = useRef<HTMLDialogElement>(null);

  const running = apply.run?.live === true;
  const saved = save.status === "saved";
  const blocked = !inventoryId || !saved || errors > 0 || running;
  const why = errors
    ? `Fix the ${errors} error${errors === 1 ? "" : "s"} in the Issues panel first.`
    : !saved
      ? "Saving the design… runs use the saved version."
      : !inventoryId
        ? "Pick the hosts to run on."
        : running
          ? "A run is in progress."
          : null;

  const check = async (kind: "apply" | "destroy") => {
    if (!inventoryId) return;
    runs.getState().setChecking(true);
    try {
      const result = await planOnHostsAction({ topologyId, inventoryId, kind });
      if (result.ok) runs.getState().setObserved(result.observed, result.version);
      else runs.getState().setApplyError(result.error.message);
    } catch (error) {
      runs.getState().setApplyError(`the hosts could not be read: ${(error as Error).message}`);
    }
  };

  const start = async (kind: "apply" | "destroy") => {
    dialog.current?.close();
    if (!inventoryId) return;
    try {
      const result = await startConvergeAction({ topologyId, inventoryId, kind });
      if (result.ok) runs.getState().startApply({ id: result.runId, kind, version: result.version, live: true });
      else runs.getState().setApplyError(result.error.message);
    } catch (error) {
      runs.getState().setApplyError(`the ${kind} could not start: ${(error as Error).message}`);
    }
  };

  const observed = apply.observed;
  return (
    <section aria-label="Apply" className="space-y-3 p-3" data-testid="apply-panel">
      <InventoryPicker hosts={hosts} />
      <p className="text-xs text-muted" data-testid="apply-version">
        {saved && save.version !== undefined
          ? `Runs use the saved version v${save.version}.`
          : saved
            ? "Runs use the saved version."
            : "Unsaved changes: they are saved automatically in a moment."}
      </p>

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={smallButtonClass}
          disabled={blocked || apply.checking}
          onClick={() => void check("apply")}
          data-testid="apply-check"
          title="Read the hosts and plan against what is there (nothing changes)"
        >
          {apply.checking ? "Reading the hosts…" : "Plan against the hosts"}
        </button>
        <button
          type="button"
          className={smallPrimaryClass}
          disabled={blocked}
          onClick={() => void start("apply")}
          data-testid="apply-run"
        >
          Apply
        </button>
        <button
          type="button"
          className={smallDangerClass}
          disabled={blocked}
          onClick={() => dialog.current?.showModal()}
          data-testid="apply-destroy"
        >
          Destroy…
        </button>
      </div>
      {why && (
        <p className="text-xs text-muted" data-testid="apply-blocked">
          {why}
        </p>
      )}
      {apply.error && (
        <p role="alert" className="rounded border border-danger p-2 text-xs text-danger" data-testid="apply-error">
          {apply.error}
        </p>
      )}

      {observed && (
        <div className="space-y-2" data-testid="apply-observed">
          <div className="flex items-center justify-between gap-2 text-xs">
            <p className="font-medium">
              {observed.kind === "apply" ? "Plan" : "Destroy plan"} for v{apply.version} against the hosts as they are
              now
            </p>
            <button
              type="button"
              className="text-muted underline"
              onClick={() => runs.getState().setObserved(null, null)}
              data-testid="apply-observed-close"
            >
              Hide
            </button>
          </div>
          {observed.drift && (
            <p
              className={`text-xs ${observed.drift.inSync ? "text-ok" : "text-warn"}`}
              data-testid="apply-drift"
              data-in-sync={observed.drift.inSync}
            >
              Drift: {describeDrift(observed.drift)}
              {observed.drift.inSync ? "" : " — marked on the canvas."}
            </p>
          )}
          {observed.unreachable.map((entry) => (
            <p key={entry.host} className="text-xs text-danger">
              {entry.host} could not be read: {entry.error}
            </p>
          ))}
          <PlanSteps plan={observed.plan} testId="apply-plan" />
        </div>
      )}

      {!observed && !apply.run && (
        <p className="rounded-md border border-dashed border-border p-3 text-xs text-muted" data-testid="apply-empty">
          Pick the hosts, then <strong>Plan against the hosts</strong> to see each command Crossnet would run there and
          why, or <strong>Apply</strong> to run them. Commands for fresh hosts are on the Plan tab; a lab for this
          topology is one click on{" "}
          <Link href="/hosts" className="text-accent underline">
            Hosts &amp; lab
          </Link>
          .
        </p>
      )}

      {apply.run && (
        <div className="space-y-1 border-t border-border pt-2">
          <h3 className="text-xs font-semibold">
            {apply.run.kind === "apply" ? "Apply" : "Destroy"} of v{apply.run.version}{" "}
            <Link
              href={`/runs/${apply.run.id}`}
              className="font-normal text-accent underline"
              data-testid="apply-run-link"
            >
              run details
            </Link>
          </h3>
          <ApplyLogView log={apply.log} live={apply.run.live} />
        </div>
      )}

      <dialog
        ref={dialog}
        aria-labelledby="destroy-title"
        className="m-auto max-w-md rounded-lg border border-border bg-panel p-5 text-fg backdrop:bg-black/40"
        data-testid="destroy-dialog"
      >
        <h2 id="destroy-title" className="text-base font-semibold">
          Destroy what Crossnet created for this topology?
        </h2>
        <p className="mt-2 text-sm text-muted">
          Removes its labelled containers and networks, and its routes and rules, on every host of the inventory. Host
          settings (promiscuous mode, VLAN sub-interfaces, swarm membership) stay. Anything Crossnet did not create is
          left alone.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            className={smallButtonClass}
            onClick={() => {
              dialog.current?.close();
              void check("destroy");
            }}
            data-testid="destroy-show-plan"
          >
            Show the destroy plan
          </button>
          <button type="button" className={smallButtonClass} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="button"
            className={smallDangerClass}
            onClick={() => void start("destroy")}
            data-testid="destroy-confirm"
          >
            Destroy
          </button>
        </div>
      </dialog>
    </section>
  );
}
