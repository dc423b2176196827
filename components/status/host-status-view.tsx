"use client";

import { useId, useState } from "react";
import { readHostStatusAction } from "@/app/status/actions";
import { inputClass, primaryButtonClass } from "@/components/ui/classes";
import type { HostStatus } from "@/lib/app/host-status";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

type Choice = { id: string; name: string; hosts: string[] };

/** Picks an inventory, reads its hosts, shows every item as text (host data is untrusted). */
export function HostStatusView({ inventories }: { inventories: Choice[] }) {
  const t = useT();
  const id = useId();
  const [inventoryId, setInventoryId] = useState(inventories[0]?.id ?? "");
  const [hosts, setHosts] = useState<HostStatus[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (inventories.length === 0) return <p className="text-muted">{t("status.noInventory")}</p>;
  return (
    <div className="space-y-4">
      <form
        className="flex items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          const result = await readHostStatusAction({ inventoryId });
          setBusy(false);
          if (result.ok) setHosts(result.hosts);
          else setError(errorText(t, result.error));
        }}
      >
        <div>
          <label htmlFor={id} className="block text-xs text-muted">
            {t("status.inventory")}
          </label>
          <select
            id={id}
            className={inputClass}
            value={inventoryId}
            onChange={(e) => setInventoryId(e.target.value)}
            data-testid="status-inventory"
          >
            {inventories.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name} · {choice.hosts.join(", ")}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={primaryButtonClass} disabled={busy} data-testid="status-read">
          {busy ? t("status.reading") : t("status.read")}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="status-error">
          {error}
        </p>
      )}
      {hosts?.map((host) => (
        <section key={host.host} className="rounded border border-border" data-testid={`status-host-${host.host}`}>
          <h2 className="border-b border-border bg-panel-2 px-3 py-1.5 font-medium">{host.host}</h2>
          {host.ok ? (
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-muted">
                <tr>
                  <th className="px-3 py-1">{t("status.col.kind")}</th>
                  <th className="px-3 py-1">{t("status.col.name")}</th>
                  <th className="px-3 py-1">{t("status.col.detail")}</th>
                  <th className="px-3 py-1">crossnet.topology</th>
                </tr>
              </thead>
              <tbody>
                {host.items.map((item) => (
                  <tr
                    key={`${item.kind}-${item.id}`}
                    className="border-t border-border"
                    data-testid="status-item"
                    data-accepted={item.accepted}
                  >
                    <td className="px-3 py-1">{item.kind}</td>
                    <td className="px-3 py-1 font-mono break-all">
                      {item.name}
                      {!item.accepted && <span className="ml-2 text-xs text-warn">{t("status.ignored")}</span>}
                    </td>
                    <td className="px-3 py-1">{item.detail}</td>
                    <td className="px-3 py-1 font-mono">{item.topology ?? "-"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="px-3 py-2 text-sm text-danger">{host.error}</p>
          )}
        </section>
      ))}
    </div>
  );
}
