"use client";

import { useState } from "react";
import { impairAction } from "@/app/topologies/perf-actions";
import { inputClass, smallButtonClass, smallPrimaryClass } from "@/components/ui/classes";
import { useT } from "../i18n/locale-provider";

type Choice = "down" | "rate" | "loss" | "delay" | "clear";
const CHOICES: Choice[] = ["down", "rate", "loss", "delay", "clear"];

/**
 * The canvas's "impair this link" dialog for a point (`HOST:IFACE` or `container:NAME`): down, a
 * rate limit, random loss, a delay, or clear. The server checks every value (lib/plan/impairment)
 * and audits every command; the impairment then shows as drift on the canvas.
 */
export function ImpairDialog({
  topologyId,
  inventoryId,
  point,
  onClose,
}: {
  topologyId: string;
  inventoryId: string;
  point: string;
  onClose: () => void;
}) {
  const t = useT();
  const [choice, setChoice] = useState<Choice>("loss");
  const [value, setValue] = useState("5");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const apply = async () => {
    setBusy(true);
    const result = await impairAction({
      topologyId,
      inventoryId,
      at: point,
      action: choice,
      ...(choice === "rate" || choice === "loss" || choice === "delay" ? { value } : {}),
    });
    setBusy(false);
    if (!result.ok) setMessage({ ok: false, text: result.error.message });
    else if (!result.report.ok) setMessage({ ok: false, text: result.report.reason });
    else setMessage({ ok: true, text: t("impair.done", { point, what: result.report.impairment }) });
  };
  return (
    <div
      role="dialog"
      aria-label={t("impair.title", { point })}
      className="absolute top-3 left-3 z-20 w-72 space-y-2 rounded-md border border-border bg-panel p-3 text-xs shadow-lg"
      data-testid="impair-dialog"
    >
      <h3 className="font-semibold">{t("impair.title", { point })}</h3>
      <fieldset className="space-y-1">
        {CHOICES.map((item) => (
          <label key={item} className="flex items-center gap-1.5">
            <input
              type="radio"
              name="impair"
              checked={choice === item}
              onChange={() => setChoice(item)}
              data-testid={`impair-${item}`}
            />
            {t(`impair.${item}`)}
          </label>
        ))}
      </fieldset>
      {(choice === "rate" || choice === "loss" || choice === "delay") && (
        <label className="flex items-center gap-2">
          {t("impair.value")}
          <input
            className={inputClass}
            value={value}
            maxLength={32}
            onChange={(event) => setValue(event.target.value)}
            data-testid="impair-value"
          />
        </label>
      )}
      {message && (
        <p className={message.ok ? "text-ok" : "text-danger"} data-testid="impair-message">
          {message.text}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={smallButtonClass} onClick={onClose}>
          {t("impair.close")}
        </button>
        <button type="button" className={smallPrimaryClass} onClick={apply} disabled={busy} data-testid="impair-apply">
          {t("impair.apply")}
        </button>
      </div>
    </div>
  );
}
