"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeHostAction, testConnectionAction, uploadKeyAction } from "@/app/hosts/actions";
import { smallButtonClass, smallDangerClass } from "@/components/ui/classes";
import type { InventoryHostView } from "@/lib/inventory/document";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

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
  const t = useT();
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
            text: t("hosts.connected", { version: result.check.dockerVersion, ms: result.check.durationMs }),
          }
        : { tone: "error", text: errorText(t, result.error) };
    });

  const upload = (file: File) =>
    act(async () => {
      const result = await uploadKeyAction({ inventoryId, host: host.name, privateKey: await file.text() });
      router.refresh();
      return result.ok
        ? { tone: "ok", text: t("hosts.keyStored", { fingerprint: result.fingerprint }) }
        : { tone: "error", text: errorText(t, result.error) };
    });

  const remove = () =>
    act(async () => {
      const result = await removeHostAction({ inventoryId, host: host.name });
      router.refresh();
      return result.ok
        ? { tone: "ok", text: t("hosts.removed", { host: host.name }) }
        : { tone: "error", text: errorText(t, result.error) };
    });

  const key =
    host.key.kind === "stored"
      ? keyFingerprint
        ? t("hosts.keyStoredShort", { fingerprint: keyFingerprint })
        : t("hosts.keyNone")
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
            {t("hosts.test")}
          </button>
          {!readOnly && host.key.kind === "stored" && (
            <label className={`${smallButtonClass} cursor-pointer`}>
              {keyFingerprint ? t("hosts.replaceKey") : t("hosts.uploadKey")}
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
              {t("hosts.remove")}
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
