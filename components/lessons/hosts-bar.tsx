"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { InventoryChoice } from "@/lib/app/inventory";
import { useT } from "../i18n/locale-provider";
import { buttonClass, dangerButtonClass } from "../ui/classes";

export type LabState = { state: string; name: string | null };

/**
 * Where the lesson runs: the inventory (the lesson's lab by default), the lab's state with a button to
 * bring it up for this lesson, and "start over" (removes what the lesson created on the hosts).
 */
export function HostsBar({
  hosts,
  labName,
  inventories,
  inventoryId,
  lab,
  labBusy,
  resetting,
  message,
  onPick,
  onRefresh,
  onLabUp,
  onReset,
}: {
  hosts: string[];
  labName: string;
  inventories: InventoryChoice[] | null;
  inventoryId: string | null;
  lab: LabState | null;
  labBusy: boolean;
  resetting: boolean;
  message: string | null;
  onPick: (id: string) => void;
  onRefresh: () => void;
  onLabUp: () => void;
  onReset: () => void;
}) {
  const t = useT();
  const selectId = useId();
  const [confirming, setConfirming] = useState(false);
  const fits = (choice: InventoryChoice) => hosts.every((host) => choice.hosts.includes(host));
  const current = inventories?.find((choice) => choice.id === inventoryId) ?? null;
  const labState = lab?.state ?? "unknown";
  return (
    <section
      className="flex flex-wrap items-center gap-3 border-b border-border bg-panel px-4 py-2 text-sm"
      data-testid="lesson-hosts"
      aria-label={t("lesson.hosts.title")}
    >
      <label htmlFor={selectId} className="font-medium">
        {t("lesson.hosts.runOn")}
      </label>
      <select
        id={selectId}
        className="rounded-md border border-border bg-bg px-2 py-1"
        value={inventoryId ?? ""}
        onChange={(event) => onPick(event.target.value)}
        data-testid="lesson-inventory"
      >
        <option value="">{inventories === null ? t("lesson.hosts.loading") : t("lesson.hosts.pick")}</option>
        {(inventories ?? []).map((choice) => (
          <option key={choice.id} value={choice.id} disabled={!fits(choice)}>
            {t("lesson.hosts.choice", {
              name: choice.name,
              hosts: choice.hosts.join(", ") || t("lesson.hosts.noHosts"),
            })}
          </option>
        ))}
      </select>
      <button type="button" className={buttonClass} onClick={onRefresh} data-testid="lesson-inventory-refresh">
        {t("lesson.hosts.refresh")}
      </button>
      <span data-testid="lesson-lab-state" data-state={labState}>
        {labState === "up" || labState === "degraded"
          ? t("lesson.hosts.labUp", { name: lab?.name ?? "?" })
          : labState === "down"
            ? t("lesson.hosts.labDown")
            : t("lesson.hosts.labOther", {
                state: t(labState === "building" ? "lab.state.building" : "lab.state.unknown"),
              })}
      </span>
      {labState === "down" && (
        <button type="button" className={buttonClass} disabled={labBusy} onClick={onLabUp} data-testid="lesson-lab-up">
          {labBusy ? t("lesson.hosts.labBuilding") : t("lesson.hosts.labUpButton")}
        </button>
      )}
      {(labState === "up" || labState === "degraded") && lab?.name !== labName && !current && (
        <span className="text-warn" data-testid="lesson-lab-other">
          {t("lesson.hosts.labOtherDesign", { name: lab?.name ?? "?" })}{" "}
          <Link href="/hosts" className="underline">
            {t("nav.hosts")}
          </Link>
        </span>
      )}
      <span className="ml-auto flex items-center gap-2">
        {confirming ? (
          <>
            <span>{t("lesson.hosts.resetConfirm")}</span>
            <button
              type="button"
              className={dangerButtonClass}
              onClick={() => {
                setConfirming(false);
                onReset();
              }}
              data-testid="lesson-reset-confirm"
            >
              {t("lesson.hosts.resetYes")}
            </button>
            <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
              {t("lesson.hosts.cancel")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className={buttonClass}
            disabled={!current || resetting}
            onClick={() => setConfirming(true)}
            data-testid="lesson-reset"
          >
            {resetting ? t("lesson.hosts.resetting") : t("lesson.hosts.reset")}
          </button>
        )}
      </span>
      {message && (
        <p className="w-full text-sm" role="status" data-testid="lesson-hosts-message">
          {message}
        </p>
      )}
    </section>
  );
}
