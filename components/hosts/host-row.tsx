"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeHostAction, testConnectionAction, uploadKeyAction } from "@/app/hosts/actions";
import { smallButtonClass, smallDangerClass } from "@/components/runs/ui";
import type { InventoryHostView } from "@/lib/inventory/document";

/** One host of an inventory: how it is reached, its pinned key, and test / upload key / remove. */
export function HostRow({
  inventoryId,
  host,
  keyFingerprint,
  readOnly,
}: {
  inventoryId: string;
  host: InventoryHostView;
  keyFingerprint: string | null;
  readOnly: boolean;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const testId = `host-row-${host.name}`;

  const act = async (action: () => Promise<{ tone: "ok" | "error"; text: string }>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (error) {
      setMessage({ tone: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const test = () =>
    act(async () => {
      const result = await testConnectionAction({ inventoryId, host: host.name });
      return result.ok
        ? {
            tone: "ok",
            text: `Connected: host key verified, logged in, Docker ${result.check.dockerVersion} answered (${result.check.durationMs} ms).`,
          }
        : { tone: "error", text: result.error.message };
    });

  const upload = (file: File) =>
    act(async () => {
      const result = await uploadKeyAction({ inventoryId, host: host.name, privateKey: await file.text() });
      router.refresh();
      return result.ok
        ? { tone: "ok", text: `Key stored encrypted: ${result.fingerprint}` }
        : { tone: "error", text: result.error.message };
    });

  const remove = () =>
    act(async () => {
      const result = await removeHostAction({ inventoryId, host: host.name });
      router.refresh();
      return result.ok ? { tone: "ok", text: `Removed ${host.name}.` } : { tone: "error", text: result.error.message };
    });

  const key =
    host.key.kind === "stored"
      ? keyFingerprint
        ? `stored: ${keyFingerprint}`
        : "stored: none uploaded yet"
      : host.key.kind === "agent"
        ? "ssh-agent"
        : host.key.path;
  return (
    <tr className="border-t border-border align-top" data-testid={testId}>
      <td className="py-1.5 pr-2 font-mono text-sm">{host.name}</td>
      <td className="py-1.5 pr-2 font-mono text-xs">
        {host.user}@{host.address}:{host.port}
      </td>
      <td className="max-w-48 py-1.5 pr-2 font-mono text-xs break-all" data-testid={`${testId}-key`}>
        {key}
      </td>
      <td className="py-1.5 pr-2 font-mono text-xs break-all" data-testid={`${testId}-hostkey`}>
        {host.hostKey}
      </td>
      <td className="py-1.5">
        <div className="flex flex-wrap justify-end gap-1">
          <button
            type="button"
            className={smallButtonClass}
            disabled={busy}
            onClick={() => void test()}
            data-testid={`${testId}-test`}
          >
            Test connection
          </button>
          {!readOnly && host.key.kind === "stored" && (
            <label className={`${smallButtonClass} cursor-pointer`}>
              {keyFingerprint ? "Replace key" : "Upload key"}
              <input
                type="file"
                className="sr-only"
                disabled={busy}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = "";
                  if (file) void upload(file);
                }}
                data-testid={`${testId}-upload`}
              />
            </label>
          )}
          {!readOnly && (
            <button
              type="button"
              className={smallDangerClass}
              disabled={busy}
              onClick={() => void remove()}
              data-testid={`${testId}-remove`}
            >
              Remove
            </button>
          )}
        </div>
        {message && (
          <p
            role={message.tone === "error" ? "alert" : "status"}
            className={`mt-1 max-w-md text-right text-xs ${message.tone === "error" ? "text-danger" : "text-ok"}`}
            data-testid={`${testId}-message`}
          >
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}
