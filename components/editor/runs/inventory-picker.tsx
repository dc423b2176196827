"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { listInventoriesAction } from "@/app/topologies/run-actions";
import { smallButtonClass } from "@/components/ui/classes";
import { errorText } from "../../i18n/error-text";
import { useT } from "../../i18n/locale-provider";
import { useRuns, useRunsStore } from "./runs-context";

/**
 * Which hosts to run on: the stored inventories (the running lab's registered automatically).
 * Shared by the Apply and Test panels; loads the list when first shown.
 */
export function InventoryPicker({ hosts }: { hosts: string[] }) {
  const t = useT();
  const store = useRunsStore();
  const id = useId();
  const { inventories, inventoryId, note, lab } = useRuns(
    useShallow((s) => ({ inventories: s.inventories, inventoryId: s.inventoryId, note: s.inventoryNote, lab: s.lab })),
  );
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      const result = await listInventoriesAction();
      if (result.ok) {
        store.getState().setInventories(result.inventories, result.lab, result.note);
        setError(null);
      } else setError(errorText(t, result.error));
    } catch (caught) {
      setError(t("picker.loadFailed", { error: (caught as Error).message }));
    } finally {
      setLoading(false);
    }
  }, [store, t]);
  useEffect(() => {
    if (store.getState().inventories === null) void load();
  }, [load, store]);

  const current = inventories?.find((choice) => choice.id === inventoryId);
  const missing = current ? hosts.filter((host) => !current.hosts.includes(host)) : [];
  return (
    <div className="space-y-1" data-testid="inventory-picker">
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="block text-xs text-muted">
            {t("picker.label")}
          </label>
          <select
            id={id}
            className="w-full rounded-md border border-border bg-bg px-2 py-1 text-sm"
            value={inventoryId ?? ""}
            disabled={!inventories || inventories.length === 0}
            onChange={(event) => store.getState().setInventory(event.target.value || null)}
            data-testid="inventory-select"
          >
            {!inventories && <option value="">{t("picker.loading")}</option>}
            {inventories?.length === 0 && <option value="">{t("picker.none")}</option>}
            {inventories?.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
                {choice.lab ? t("picker.labMark", { lab: t("runs.kind.lab") }) : ""} ·{" "}
                {choice.hosts.join(", ") || t("lesson.hosts.noHosts")}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className={smallButtonClass}
          onClick={() => void load()}
          disabled={loading}
          data-testid="inventory-refresh"
          title={t("picker.reloadTitle")}
        >
          {loading ? "…" : t("picker.reload")}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
      {note && <p className="text-xs text-warn">{note}</p>}
      {inventories?.length === 0 && (
        <p className="text-xs text-muted" data-testid="inventory-empty">
          {t("picker.emptyBefore")}{" "}
          <Link href="/hosts" className="text-accent underline">
            {t("nav.hosts")}
          </Link>
          {t("picker.emptyAfter")}
        </p>
      )}
      {missing.length > 0 && (
        <p className="text-xs text-warn" data-testid="inventory-missing">
          {t("picker.missing", { hosts: missing.join(", ") })}{" "}
          <Link href="/hosts" className="text-accent underline">
            {t("picker.bringUpLab")}
          </Link>
          {lab && lab.state !== "down" ? ` ${t("picker.labState", { name: lab.name ?? "?", state: lab.state })}` : ""}.
        </p>
      )}
    </div>
  );
}
