"use client";

import { useShallow } from "zustand/react/shallow";
import { smallButtonClass, smallDangerClass } from "@/components/ui/classes";
import { CONTAINER_ACTIONS } from "@/lib/views/container-hands";
import { InventoryPicker } from "../editor/runs/inventory-picker";
import { useLive } from "../editor/runs/runs-context";
import { useEditor } from "../editor/state/editor-context";
import { useT } from "../i18n/locale-provider";
import { useHands } from "./hands-context";
import { LiveStateLine } from "./live-state";
import { useContainerHands } from "./use-container-hands";

const ACTION_KEY = { start: "hands.start", stop: "hands.stop", restart: "hands.restart" } as const;

/**
 * The inspector's "on the hosts" section of a container: its observed state and addresses, the
 * hosts to act on, start/stop/restart, and its logs and console. Every action is audited server-side.
 */
export function ContainerHands({ name, host }: { name: string; host: string }) {
  const t = useT();
  const live = useLive(name);
  const saved = useEditor((s) => s.save.status === "saved");
  const status = useHands(useShallow((s) => s.status[name]));
  const { act, open, inventoryId } = useContainerHands(name, host);
  const blocked = !inventoryId || status?.busy === true;
  return (
    <section
      className="space-y-2 rounded-md border border-border p-2"
      data-testid="container-hands"
      aria-label={t("hands.title")}
    >
      <h4 className="text-xs font-medium text-muted">
        {t("hands.title")} · {t("hands.onHost", { host })}
      </h4>
      {live ? (
        <p className="font-mono text-xs">
          <LiveStateLine live={live} testId="container-hands-state" />
        </p>
      ) : (
        <p className="text-xs text-muted" data-testid="container-hands-state" data-state="none">
          {t("hands.stateHint")}
        </p>
      )}
      {!saved && <p className="text-xs text-warn">{t("hands.needsSave")}</p>}
      <InventoryPicker hosts={[host]} />
      <div className="flex flex-wrap gap-1.5">
        {CONTAINER_ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className={action === "start" ? smallButtonClass : smallDangerClass}
            disabled={blocked}
            onClick={() => void act(action)}
            data-testid={`container-${action}`}
          >
            {t(ACTION_KEY[action])}
          </button>
        ))}
        <button
          type="button"
          className={smallButtonClass}
          disabled={!inventoryId}
          onClick={() => open("logs")}
          data-testid="container-logs"
        >
          {t("hands.logs")}
        </button>
        <button
          type="button"
          className={smallButtonClass}
          disabled={!inventoryId}
          onClick={() => open("console")}
          data-testid="container-console"
        >
          {t("hands.console")}
        </button>
      </div>
      {status && (
        <p
          role={status.tone === "error" ? "alert" : "status"}
          className={`text-xs ${status.tone === "error" ? "text-danger" : status.tone === "ok" ? "text-ok" : "text-muted"}`}
          data-testid="container-hands-message"
          data-tone={status.tone}
          data-busy={status.busy ? "true" : "false"}
        >
          {status.message(t)}
        </p>
      )}
      <p className="text-[11px] text-muted">{t("hands.audited")}</p>
    </section>
  );
}
