"use client";

import Link from "next/link";
import { useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { planOnHostsAction, startConvergeAction } from "@/app/topologies/run-actions";
import { ApplyLogView } from "@/components/runs/apply-log-view";
import { PlanSteps } from "@/components/runs/plan-steps";
import { smallButtonClass, smallDangerClass, smallPrimaryClass } from "@/components/ui/classes";
import { describeDriftText } from "@/lib/drift/drift";
import { render } from "@/lib/i18n/text";
import { errorText } from "../../i18n/error-text";
import { useLocale, useT } from "../../i18n/locale-provider";
import { InventoryPicker } from "../runs/inventory-picker";
import { useRuns, useRunsStore } from "../runs/runs-context";
import { useEditor } from "../state/editor-context";

/**
 * Plan and apply: pick the hosts, see the plan against what is on them now (grouped by host, each
 * command with its explanation), then Apply or Destroy the saved version with a live log.
 */
export function ApplyPanel() {
  const t = useT();
  const locale = useLocale();
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
    ? t(errors === 1 ? "apply.fixErrorOne" : "apply.fixErrors", { count: errors })
    : !saved
      ? t("apply.saving")
      : !inventoryId
        ? t("apply.pickHosts")
        : running
          ? t("apply.inProgress")
          : null;

  const check = async (kind: "apply" | "destroy") => {
    if (!inventoryId) return;
    runs.getState().setChecking(true);
    try {
      const result = await planOnHostsAction({ topologyId, inventoryId, kind });
      if (result.ok) runs.getState().setObserved(result.observed, result.version);
      else runs.getState().setApplyError(errorText(t, result.error));
    } catch (error) {
      runs.getState().setApplyError(t("apply.readFailed", { error: (error as Error).message }));
    }
  };

  const start = async (kind: "apply" | "destroy") => {
    dialog.current?.close();
    if (!inventoryId) return;
    try {
      const result = await startConvergeAction({ topologyId, inventoryId, kind });
      if (result.ok) runs.getState().startApply({ id: result.runId, kind, version: result.version, live: true });
      else runs.getState().setApplyError(errorText(t, result.error));
    } catch (error) {
      runs
        .getState()
        .setApplyError(
          t(kind === "apply" ? "apply.startFailed" : "apply.destroyStartFailed", { error: (error as Error).message }),
        );
    }
  };

  const observed = apply.observed;
  return (
    <section aria-label={t("tabs.apply")} className="space-y-3 p-3" data-testid="apply-panel">
      <InventoryPicker hosts={hosts} />
      <p className="text-xs text-muted" data-testid="apply-version">
        {saved && save.version !== undefined
          ? t("apply.version", { version: save.version })
          : saved
            ? t("apply.versionSaved")
            : t("apply.unsaved")}
      </p>

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={smallButtonClass}
          disabled={blocked || apply.checking}
          onClick={() => void check("apply")}
          data-testid="apply-check"
          title={t("apply.checkTitle")}
        >
          {apply.checking ? t("apply.reading") : t("apply.check")}
        </button>
        <button
          type="button"
          className={smallPrimaryClass}
          disabled={blocked}
          onClick={() => void start("apply")}
          data-testid="apply-run"
        >
          {t("tabs.apply")}
        </button>
        <button
          type="button"
          className={smallDangerClass}
          disabled={blocked}
          onClick={() => dialog.current?.showModal()}
          data-testid="apply-destroy"
        >
          {t("apply.destroyEllipsis")}
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
              {t(observed.kind === "apply" ? "apply.observedPlan" : "apply.observedDestroy", {
                version: apply.version ?? "",
              })}
            </p>
            <button
              type="button"
              className="text-muted underline"
              onClick={() => runs.getState().setObserved(null, null)}
              data-testid="apply-observed-close"
            >
              {t("apply.hide")}
            </button>
          </div>
          {observed.drift && (
            <p
              className={`text-xs ${observed.drift.inSync ? "text-ok" : "text-warn"}`}
              data-testid="apply-drift"
              data-in-sync={observed.drift.inSync}
            >
              {t("apply.drift", { drift: render(describeDriftText(observed.drift), locale) })}
              {observed.drift.inSync ? "" : ` ${t("apply.markedOnCanvas")}`}
            </p>
          )}
          {observed.unreachable.map((entry) => (
            <p key={entry.host} className="text-xs text-danger">
              {t("apply.couldNotRead", { host: entry.host, error: entry.error })}
            </p>
          ))}
          <PlanSteps plan={observed.plan} testId="apply-plan" />
        </div>
      )}

      {!observed && !apply.run && (
        <p className="rounded-md border border-dashed border-border p-3 text-xs text-muted" data-testid="apply-empty">
          {t("apply.empty")}{" "}
          <Link href="/hosts" className="text-accent underline">
            {t("nav.hosts")}
          </Link>
          .
        </p>
      )}

      {apply.run && (
        <div className="space-y-1 border-t border-border pt-2">
          <h3 className="text-xs font-semibold">
            {t(apply.run.kind === "apply" ? "apply.runOf" : "apply.destroyOf", { version: apply.run.version ?? "" })}{" "}
            <Link
              href={`/runs/${apply.run.id}`}
              className="font-normal text-accent underline"
              data-testid="apply-run-link"
            >
              {t("apply.runDetails")}
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
          {t("apply.destroyTitle")}
        </h2>
        <p className="mt-2 text-sm text-muted">{t("apply.destroyHelp")}</p>
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
            {t("apply.showDestroyPlan")}
          </button>
          <button type="button" className={smallButtonClass} onClick={() => dialog.current?.close()}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={smallDangerClass}
            onClick={() => void start("destroy")}
            data-testid="destroy-confirm"
          >
            {t("apply.destroy")}
          </button>
        </div>
      </dialog>
    </section>
  );
}
