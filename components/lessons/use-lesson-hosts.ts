"use client";

import { useCallback, useEffect, useState } from "react";
import { listInventoriesAction } from "@/app/topologies/run-actions";
import type { InventoryChoice } from "@/lib/app/inventory";
import type { LabState } from "./hosts-bar";

/** The inventory a lesson prefers: the lab's when it has the design's hosts, else the first that has them. */
export function preferredInventory(choices: InventoryChoice[], hosts: string[]): string | null {
  const fits = choices.filter((choice) => hosts.every((host) => choice.hosts.includes(host)));
  return (fits.find((choice) => choice.lab) ?? fits[0])?.id ?? null;
}

/** Inventories (the running lab's registered first), the lab's state, and the picked inventory. */
export function useLessonHosts(hosts: string[]) {
  const [inventories, setInventories] = useState<InventoryChoice[] | null>(null);
  const [lab, setLab] = useState<LabState | null>(null);
  const [inventoryId, setInventoryId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hostKey = hosts.join(" ");

  const refresh = useCallback(async () => {
    try {
      const result = await listInventoriesAction();
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setInventories(result.inventories);
      setLab(result.lab);
      setInventoryId((current) =>
        current && result.inventories.some((choice) => choice.id === current)
          ? current
          : preferredInventory(result.inventories, hostKey.split(" ")),
      );
    } catch (caught) {
      setError((caught as Error).message);
    }
  }, [hostKey]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const current = inventories?.find((choice) => choice.id === inventoryId) ?? null;
  return { inventories, lab, inventoryId, setInventoryId, current, refresh, error };
}
