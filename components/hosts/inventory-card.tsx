"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteInventoryAction, setInventoryAgentAction } from "@/app/hosts/actions";
import { smallButtonClass, smallDangerClass } from "@/components/ui/classes";
import type { InventoryHostView } from "@/lib/inventory/document";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { AddHostForm } from "./add-host-form";
import { HostRow } from "./host-row";
import { InventoryGrants } from "./inventory-grants";

export type InventoryCardData = {
  id: string;
  name: string;
  lab: boolean;
  problem: string | null;
  hosts: InventoryHostView[];
  /** Fingerprint of each host's uploaded key (never the key). */
  keys: Record<string, string>;
  updatedAt: string;
  /** An admin let this inventory's hosts use the dashboard machine's ssh-agent (off by default). */
  agentAllowed: boolean;
  /** The viewer is an admin, who may turn that on or off. */
  canSetAgent: boolean;
  /** Per-user access an admin set on this inventory (`read`: may not act on its hosts). */
  grants: { userName: string; access: "read" | "apply" }[];
};

/** One inventory: its hosts (test, upload key, remove) and a form to add one; the lab's is read-only. */
export function InventoryCard({ inventory }: { inventory: InventoryCardData }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const testId = `inventory-${inventory.name}`;
  return (
    <section
      aria-labelledby={`${testId}-title`}
      className="space-y-3 rounded-lg border border-border bg-panel p-4"
      data-testid={testId}
    >
      <div className="flex items-baseline justify-between gap-3">
        <h3 id={`${testId}-title`} className="font-mono text-base font-semibold">
          {inventory.name}
          {inventory.lab && (
            <span className="ml-2 rounded bg-info/15 px-1.5 py-0.5 font-sans text-xs font-medium text-info">
              {t("hosts.writtenByLab")}
            </span>
          )}
        </h3>
        <div className="flex items-center gap-3">
          <span className="text-xs text-muted">
            {t("hosts.updated", { when: inventory.updatedAt.replace("T", " ").slice(0, 16) })}
          </span>
          {!inventory.lab && (
            <button
              type="button"
              className={smallDangerClass}
              onClick={async () => {
                const result = await deleteInventoryAction({ id: inventory.id });
                if (result.ok) router.refresh();
                else setError(errorText(t, result.error));
              }}
              data-testid={`${testId}-delete`}
            >
              {t("topologies.delete")}
            </button>
          )}
        </div>
      </div>
      {inventory.lab && <p className="text-xs text-muted">{t("hosts.labKeys")}</p>}
      {!inventory.lab && (
        <p className="flex items-center gap-2 text-xs text-muted" data-testid={`${testId}-agent`}>
          {inventory.agentAllowed ? t("hosts.agentOn") : t("hosts.agentOff")}
          {inventory.canSetAgent && (
            <button
              type="button"
              className={smallButtonClass}
              data-testid={`${testId}-agent-toggle`}
              onClick={async () => {
                const result = await setInventoryAgentAction({
                  inventoryId: inventory.id,
                  allowed: !inventory.agentAllowed,
                });
                if (result.ok) router.refresh();
                else setError(errorText(t, result.error));
              }}
            >
              {inventory.agentAllowed ? t("hosts.agentDisable") : t("hosts.agentEnable")}
            </button>
          )}
        </p>
      )}
      {!inventory.lab && (inventory.grants.length > 0 || inventory.canSetAgent) && (
        <InventoryGrants
          inventoryId={inventory.id}
          grants={inventory.grants}
          canEdit={inventory.canSetAgent}
          testId={testId}
        />
      )}
      {inventory.problem && <p className="text-sm text-danger">{t("hosts.invalid", { problem: inventory.problem })}</p>}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      {inventory.hosts.length === 0 ? (
        <p className="text-sm text-muted" data-testid={`${testId}-empty`}>
          {t("hosts.empty")}
        </p>
      ) : (
        <table className="w-full text-left">
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col" className="py-1 font-medium">
                {t("lab.col.host")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("hosts.col.login")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("hosts.col.key")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("hosts.col.pinned")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("topologies.col.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {inventory.hosts.map((host) => (
              <HostRow
                key={host.name}
                inventoryId={inventory.id}
                host={host}
                keyFingerprint={inventory.keys[host.name] ?? null}
                readOnly={inventory.lab}
              />
            ))}
          </tbody>
        </table>
      )}
      {!inventory.lab && (
        <AddHostForm inventoryId={inventory.id} testId={`${testId}-add`} agentAllowed={inventory.agentAllowed} />
      )}
    </section>
  );
}
