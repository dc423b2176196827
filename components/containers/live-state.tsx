"use client";

import type { UiKey } from "@/lib/i18n/ui";
import type { ContainerLive, LiveState } from "@/lib/views/container-live";
import { useT } from "../i18n/locale-provider";

const STATE_KEY: Record<LiveState, UiKey> = {
  running: "hands.state.running",
  stopped: "hands.state.stopped",
  missing: "hands.state.missing",
  unknown: "hands.state.unknown",
};

const TONE: Record<LiveState, string> = {
  running: "text-ok",
  stopped: "text-danger",
  missing: "text-warn",
  unknown: "text-muted",
};

const MARK: Record<LiveState, string> = { running: "●", stopped: "■", missing: "○", unknown: "?" };

/**
 * A container's observed state as a word with a shape (never colour alone) and its observed
 * addresses, e.g. "● running · 10.0.0.11"; the canvas node's detail line and the inspector use it.
 */
export function LiveStateLine({ live, testId }: { live: ContainerLive; testId: string }) {
  const t = useT();
  const addresses = Object.values(live.addresses);
  const label = t(STATE_KEY[live.state]);
  return (
    <span data-testid={testId} data-state={live.state} title={t("hands.live", { state: label, host: live.host })}>
      <span className={`font-sans font-semibold ${TONE[live.state]}`}>
        {MARK[live.state]} {label}
      </span>
      {addresses.length > 0 && <span data-testid={`${testId}-addresses`}> {addresses.join(", ")}</span>}
    </span>
  );
}
