"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { addHostAction, fetchHostKeyAction, uploadKeyAction } from "@/app/hosts/actions";
import { buttonClass, inputClass, primaryButtonClass } from "@/components/topologies/ui";
import type { PresentedHostKey } from "@/lib/exec/fetch-host-key";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

type KeyChoice = "upload" | "agent" | "file";

/**
 * Adds a host to an inventory: address and login, then its host key fetched from the host and
 * shown, and pinned only once the user confirms it matches (compared out of band). A private key
 * can be uploaded: it is stored encrypted and never shown again, only its fingerprint.
 */
export function AddHostForm({ inventoryId, testId }: { inventoryId: string; testId: string }) {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [address, setAddress] = useState("");
  const [port, setPort] = useState("22");
  const [user, setUser] = useState("root");
  const [keyChoice, setKeyChoice] = useState<KeyChoice>("upload");
  const [keyPath, setKeyPath] = useState("");
  const [privateKey, setPrivateKey] = useState("");
  const [presented, setPresented] = useState<PresentedHostKey | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPresented(null);
    setConfirmed(false);
  };

  const fetchKey = async () => {
    setBusy(true);
    setMessage(null);
    reset();
    try {
      const result = await fetchHostKeyAction({ name, address, port: Number(port) });
      if (result.ok) setPresented(result.key);
      else setMessage({ tone: "error", text: errorText(t, result.error) });
    } catch (error) {
      setMessage({ tone: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const add = async () => {
    if (!presented) return;
    setBusy(true);
    setMessage(null);
    try {
      const key =
        keyChoice === "upload"
          ? { kind: "stored" as const }
          : keyChoice === "agent"
            ? { kind: "agent" as const }
            : { kind: "file" as const, path: keyPath };
      const added = await addHostAction({
        inventoryId,
        name,
        address,
        port: Number(port),
        user,
        key,
        hostKey: presented.fingerprint,
        confirmed,
      });
      if (!added.ok) {
        setMessage({ tone: "error", text: errorText(t, added.error) });
        return;
      }
      let text = t("hosts.added", { name, fingerprint: presented.fingerprint });
      if (keyChoice === "upload" && privateKey) {
        const uploaded = await uploadKeyAction({ inventoryId, host: name, privateKey });
        setPrivateKey("");
        if (!uploaded.ok) {
          setMessage({
            tone: "error",
            text: `${text} ${t("hosts.keyNotStored", { error: errorText(t, uploaded.error) })}`,
          });
          router.refresh();
          return;
        }
        text += ` ${t("hosts.keyStoredAfter", { fingerprint: uploaded.fingerprint })}`;
      }
      setMessage({ tone: "ok", text });
      setName("");
      setAddress("");
      reset();
      router.refresh();
    } catch (error) {
      setMessage({ tone: "error", text: (error as Error).message });
    } finally {
      setBusy(false);
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
            onChange={(e) => {
              setName(e.target.value);
              reset();
            }}
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
            onChange={(e) => {
              setAddress(e.target.value);
              reset();
            }}
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
            onChange={(e) => {
              setPort(e.target.value);
              reset();
            }}
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
            onChange={(e) => setUser(e.target.value)}
            data-testid={`${testId}-user`}
          />
        </div>
      </div>

      <fieldset className="space-y-1">
        <legend className="text-xs text-muted">{t("hosts.privateKey")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {/* Only Crossnet's encrypted key store: the server refuses key files and the agent (lib/secrets/dashboard-key.ts). */}
          {([["upload", t("hosts.keyUpload")]] as const).map(([value, label]) => (
            <label key={value} className="flex items-center gap-1">
              <input
                type="radio"
                name={field("key")}
                checked={keyChoice === value}
                onChange={() => setKeyChoice(value)}
                data-testid={`${testId}-key-${value}`}
              />
              {label}
            </label>
          ))}
        </div>
        {keyChoice === "upload" && (
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
                setPrivateKey(file ? await file.text() : "");
              }}
              data-testid={`${testId}-private-key`}
            />
          </div>
        )}
        {keyChoice === "file" && (
          <input
            aria-label={t("hosts.keyPath")}
            className={inputClass}
            value={keyPath}
            onChange={(e) => setKeyPath(e.target.value)}
            placeholder="/root/.ssh/id_ed25519"
            data-testid={`${testId}-key-path`}
          />
        )}
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
              onChange={(e) => setConfirmed(e.target.checked)}
              data-testid={`${testId}-confirm`}
            />
            {t("hosts.compared")}
          </label>
        </div>
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
