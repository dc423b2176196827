"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { listInventoriesAction } from "@/app/topologies/run-actions";
import { smallButtonClass } from "@/components/runs/ui";
import { useRuns, useRunsStore } from "./runs-context";

/**
 * Which hosts to run on: the stored inventories (the running lab's registered automatically).
 * Shared by the Apply and Test panels; loads the list when first shown.
 */
export function InventoryPicker({ hosts }: { hosts: string[] }) {
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
      } else setError(result.error.message);
    } catch (caught) {
      setError(`the inventories could not be loaded: ${(caught as Error).message}`);
    } finally {
      setLoading(false);
    }
  }, [store]);
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
            Hosts (inventory)
          </label>
          <select
            id={id}
            className="w-full rounded-md border border-border bg-bg px-2 py-1 text-sm"
            value={inventoryId ?? ""}
            disabled={!inventories || inventories.length === 0}
            onChange={(event) => store.getState().setInventory(event.target.value || null)}
            data-testid="inventory-select"
          >
            {!inventories && <option value="">Loading…</option>}
            {inventories?.length === 0 && <option value="">No inventory yet</option>}
            {inventories?.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
                {choice.lab ? " (lab)" : ""} · {choice.hosts.join(", ") || "no hosts"}
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
          title="Reload the inventories (a lab brought up since is registered)"
        >
          {loading ? "…" : "Reload"}
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
          Nothing to run on yet. On{" "}
          <Link href="/hosts" className="text-accent underline">
            Hosts &amp; lab
          </Link>
          , bring up the embedded lab for this topology (emulated hosts on this machine), or add your own hosts.
        </p>
      )}
      {missing.length > 0 && (
        <p className="text-xs text-warn" data-testid="inventory-missing">
          This inventory has no {missing.join(", ")}. Pick another, or{" "}
          <Link href="/hosts" className="text-accent underline">
            bring up a lab for this topology
          </Link>
          {lab && lab.state !== "down" ? ` (lab '${lab.name ?? "?"}' is ${lab.state})` : ""}.
        </p>
      )}
    </div>
  );
}
