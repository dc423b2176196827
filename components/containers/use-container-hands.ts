"use client";

import { useCallback } from "react";
import { containerControlAction } from "@/app/topologies/container-actions";
import { planOnHostsAction } from "@/app/topologies/run-actions";
import type { ContainerAction } from "@/lib/views/container-hands";
import { useRuns, useRunsStore } from "../editor/runs/runs-context";
import { useEditor } from "../editor/state/editor-context";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { useHandsStore } from "./hands-context";

/**
 * What a container's controls do, shared by the inspector and the canvas menu: start/stop/restart
 * through the server (result and new state kept per container), and opening its logs or console.
 */
export function useContainerHands(name: string, host: string) {
  const t = useT();
  const hands = useHandsStore();
  const runs = useRunsStore();
  const topologyId = useEditor((s) => s.topologyId);
  const inventoryId = useRuns((s) => s.inventoryId);

  const act = useCallback(
    async (action: ContainerAction) => {
      if (!inventoryId) return;
      const command = action === "start" ? `docker start ${name}` : `docker ${action} ${name}`;
      hands.getState().setStatus(name, { busy: true, message: (tr) => tr("hands.working", { command }), tone: "info" });
      try {
        const result = await containerControlAction({ topologyId, inventoryId, container: name, action });
        if (!result.ok) {
          const failure = result.error;
          hands.getState().setStatus(name, { busy: false, message: (tr) => errorText(tr, failure), tone: "error" });
          return;
        }
        const { running, command: ran, durationMs, addresses } = result.result;
        if (running !== null) runs.getState().setLive(name, result.result.host, running, addresses);
        const state = running
          ? "hands.state.running"
          : running === false
            ? "hands.state.stopped"
            : "hands.state.unknown";
        hands.getState().setStatus(name, {
          busy: false,
          message: (tr) => tr("hands.done", { command: ran, ms: durationMs, state: tr(state) }),
          tone: "ok",
        });
        // An observation on screen (drift badges, plan) is now out of date: read the hosts again.
        const shown = runs.getState().apply;
        if (shown.observed?.kind === "apply" && !shown.checking) {
          runs.getState().setChecking(true);
          const again = await planOnHostsAction({ topologyId, inventoryId, kind: "apply" });
          if (again.ok) runs.getState().setObserved(again.observed, again.version);
          else runs.getState().setApplyError(errorText(t, again.error));
        }
      } catch (error) {
        const text = (error as Error).message;
        hands.getState().setStatus(name, { busy: false, message: () => text, tone: "error" });
      }
    },
    [hands, inventoryId, name, runs, t, topologyId],
  );

  const open = useCallback(
    (kind: "logs" | "console") => hands.getState().open({ kind, container: name, host }),
    [hands, host, name],
  );

  return { act, open, inventoryId, topologyId };
}
