"use client";

import { useRouter } from "next/navigation";
import { useId, useReducer, useState } from "react";
import { addHostAction, fetchHostKeyAction, uploadKeyAction } from "@/app/hosts/actions";
import { buttonClass, inputClass, primaryButtonClass } from "@/components/ui/classes";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { addHostReducer, INITIAL_ADD_HOST } from "./add-host-state";

/**
 * Adds a host to an inventory: address and login, then its host key fetched from the host and
 * shown, and pinned only once the user confirms it matches (compared out of band). Its private key
 * is uploaded to the encrypted key store (the only kind the dashboard takes) and never shown again,
 * only its fingerprint. The state and its transitions are `addHostReducer` (add-host-state.ts).
 */
export function AddHostForm({
  inventoryId,
  testId,
  agentAllowed = false,
}: {
  inventoryId: string;
  testId: string;
  /** An admin let this inventory use the ssh-agent: offer it instead of an uploaded key. */
  agentAllowed?: boolean;
}) {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [state, dispatch] = useReducer(addHostReducer, INITIAL_ADD_HOST);
  const [useAgent, setUseAgent] = useState(false);
  const { name, address, port, user, privateKey, presented, confirmed, message, busy } = state;
  const fail = (text: string) => dispatch({ type: "message", tone: "error", text });

  const fetchKey = async () => {
    dispatch({ type: "start" });
    try {
      const result = await fetchHostKeyAction({ name, address, port: Number(port) });
      if (result.ok) dispatch({ type: "presented", key: result.key });
      else fail(errorText(t, result.error));
    } catch (error) {
      fail((error as Error).message);
    } finally {
      dispatch({ type: "done" });
    }
  };

  const add = async () => {
    if (!presented) return;
    dispatch({ type: "start" });
    try {
      const added = await addHostAction({
        inventoryId,
        name,
        address,
        port: Number(port),
        user,
        key: { kind: agentAllowed && useAgent ? "agent" : "stored" },
        hostKey: presented.fingerprint,
        confirmed,
      });
      if (!added.ok) {
        fail(errorText(t, added.error));
        return;
      }
      let text = t("hosts.added", { name, fingerprint: presented.fingerprint });
      if (privateKey) {
        const uploaded = await uploadKeyAction({ inventoryId, host: name, privateKey });
        dispatch({ type: "private-key", text: "" });
        if (!uploaded.ok) {
          fail(`${text} ${t("hosts.keyNotStored", { error: errorText(t, uploaded.error) })}`);
          router.refresh();
          return;
        }
        text += ` ${t("hosts.keyStoredAfter", { fingerprint: uploaded.fingerprint })}`;
      }
      dispatch({ type: "added", text });
      router.refresh();
    } catch (error) {
      fail((error as Error).message);
    } finally {
      dispatch({ type: "done" });
    }
  };

  const field = (suffix: string) => `${id}-${suffix}`;
  return (
    <form
      className="space-y-2 rounded-md border border-dashed border-border p-3"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        if (presented && confirmed) void add();
        else void fetchKey();
      }}
    >
      <h4 className="text-sm font-semibold">{t("hosts.addTitle")}</h4>
      <div className="grid grid-cols-[1fr_1fr_5rem_6rem] gap-2">
        <div>
          <label htmlFor={field("name")} className="block text-xs text-muted">
            {t("hosts.nameAsInDesign")}
          </label>
          <input
            id={field("name")}
            className={inputClass}
            value={name}
            onChange={(e) => dispatch({ type: "edit", field: "name", value: e.target.value })}
            placeholder="node-1"
            required
            data-testid={`${testId}-name`}
          />
        </div>
        <div>
          <label htmlFor={field("address")} className="block text-xs text-muted">
            {t("hosts.sshAddress")}
          </label>
          <input
            id={field("address")}
            className={inputClass}
            value={address}
            onChange={(e) => dispatch({ type: "edit", field: "address", value: e.target.value })}
            placeholder="192.168.0.53"
            required
            data-testid={`${testId}-address`}
          />
        </div>
        <div>
          <label htmlFor={field("port")} className="block text-xs text-muted">
            {t("hosts.port")}
          </label>
          <input
            id={field("port")}
            className={inputClass}
            value={port}
            inputMode="numeric"
            onChange={(e) => dispatch({ type: "edit", field: "port", value: e.target.value })}
            data-testid={`${testId}-port`}
          />
        </div>
        <div>
          <label htmlFor={field("user")} className="block text-xs text-muted">
            {t("hosts.user")}
          </label>
          <input
            id={field("user")}
            className={inputClass}
            value={user}
            onChange={(e) => dispatch({ type: "edit", field: "user", value: e.target.value })}
            data-testid={`${testId}-user`}
          />
        </div>
      </div>

      <fieldset className="space-y-1">
        <legend className="text-xs text-muted">{t("hosts.privateKey")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {/* Only Crossnet's encrypted key store: the server refuses key files and the agent (lib/secrets/dashboard-key.ts). */}
          <label className="flex items-center gap-1">
            <input type="radio" name={field("key")} checked readOnly data-testid={`${testId}-key-upload`} />
            {t("hosts.keyUpload")}
          </label>
        </div>
        <div>
          <label htmlFor={field("private")} className="block text-xs text-muted">
            {t("hosts.privateKeyHelp")}
          </label>
          <input
            id={field("private")}
            type="file"
            className="text-sm"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              dispatch({ type: "private-key", text: file ? await file.text() : "" });
            }}
            data-testid={`${testId}-private-key`}
          />
        </div>
      </fieldset>

      {presented && (
        <div className="space-y-1 rounded border border-warn p-2 text-sm" data-testid={`${testId}-presented`}>
          <p>
            {t("hosts.presents", { address, port })}{" "}
            <code className="font-mono font-semibold" data-testid={`${testId}-fingerprint`}>
              {presented.fingerprint}
            </code>{" "}
            ({presented.keyType}).
          </p>
          <p className="text-xs text-muted">
            {t("hosts.compare")} <code className="font-mono">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>.{" "}
            {t("hosts.compareWhy")}
          </p>
          <label className="flex items-center gap-1 text-sm font-medium">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => dispatch({ type: "confirm", confirmed: e.target.checked })}
              data-testid={`${testId}-confirm`}
            />
            {t("hosts.compared")}
          </label>
        </div>
      )}

      {agentAllowed && (
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={useAgent}
            onChange={(e) => setUseAgent(e.target.checked)}
            data-testid={`${testId}-use-agent`}
          />
          {t("hosts.useAgent")}
        </label>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={busy || !name || !address}
          onClick={() => void fetchKey()}
          data-testid={`${testId}-fetch`}
        >
          {presented ? t("hosts.fetchAgain") : t("hosts.fetch")}
        </button>
        <button
          type="submit"
          className={primaryButtonClass}
          disabled={busy || !presented || !confirmed}
          data-testid={`${testId}-submit`}
        >
          {t("hosts.addPin")}
        </button>
      </div>
      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`text-sm ${message.tone === "error" ? "text-danger" : "text-ok"}`}
          data-testid={`${testId}-message`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
