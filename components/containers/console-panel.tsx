"use client";

import "@xterm/xterm/css/xterm.css";
import type { FitAddon } from "@xterm/addon-fit";
import type { ITheme, Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";
import { openConsoleAction } from "@/app/topologies/container-actions";
import { smallButtonClass } from "@/components/ui/classes";
import { HANDS_LIMITS } from "@/lib/views/container-hands";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

type Phase = { state: "opening" } | { state: "open"; id: string } | { state: "closed"; reason: string };

/** The terminal's colours from the page's theme variables, so it follows light and dark. */
function themeOf(): ITheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read("--bg", "#ffffff"),
    foreground: read("--fg", "#1f2328"),
    cursor: read("--accent", "#0969da"),
    selectionBackground: read("--panel-2", "#d0d7de"),
  };
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Sends one console request (keys, size, close); keys go one request at a time, in order. */
function post(id: string, body: object, keepalive = false): Promise<Response> {
  return fetch(`/api/console/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    keepalive,
  });
}

/**
 * A shell in the container in the browser: xterm.js attached to `docker exec -it NAME sh` on the
 * host (output over server-sent events, keys and size over POST). The server bounds it (bytes each
 * way, idle time, total time) and audits its opening and closing; closing the panel closes it.
 */
export function ConsolePanel(props: { topologyId: string; inventoryId: string; container: string }) {
  const [generation, setGeneration] = useState(0);
  return <ConsoleView key={generation} {...props} onReopen={() => setGeneration((g) => g + 1)} />;
}

function ConsoleView({
  topologyId,
  inventoryId,
  container,
  onReopen,
}: {
  topologyId: string;
  inventoryId: string;
  container: string;
  onReopen: () => void;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<Phase>({ state: "opening" });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let disposed = false;
    let term: Terminal | undefined;
    let fit: FitAddon | undefined;
    let events: EventSource | undefined;
    let consoleId: string | undefined;
    let queue: Promise<unknown> = Promise.resolve();
    let pending = "";
    const cleanups: (() => void)[] = [];

    const flush = () => {
      if (!consoleId || !pending) return;
      const id = consoleId;
      const chunk = pending.slice(0, HANDS_LIMITS.consoleWriteMax);
      pending = pending.slice(chunk.length);
      queue = queue
        .then(() => post(id, { type: "input", data: chunk }).catch(() => undefined))
        .then(() => {
          if (pending) flush();
        });
    };

    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")]);
      if (disposed) return;
      term = new Terminal({
        cursorBlink: true,
        fontSize: 13,
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        theme: themeOf(),
        scrollback: 2000,
      });
      fit = new FitAddon();
      term.loadAddon(fit);
      term.open(element);
      fit.fit();
      const observer = new MutationObserver(() => {
        if (term) term.options.theme = themeOf();
      });
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
      cleanups.push(() => observer.disconnect());
      const result = await openConsoleAction({
        topologyId,
        inventoryId,
        container,
        cols: Math.max(10, term.cols),
        rows: Math.max(2, term.rows),
      }).catch((error: Error) => ({ ok: false as const, error: { code: "failed", message: error.message } }));
      if (disposed) {
        if (result.ok) void post(result.console.id, { type: "close" }, true);
        return;
      }
      if (!result.ok) {
        setPhase({ state: "closed", reason: errorText(t, result.error) });
        return;
      }
      const id = result.console.id;
      consoleId = id;
      setPhase({ state: "open", id });
      events = new EventSource(`/api/console/${id}/events`);
      events.addEventListener("output", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as { data: string };
        term?.write(decode(data.data));
      });
      events.addEventListener("closed", (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as { reason: string };
        setPhase({ state: "closed", reason: data.reason });
        events?.close();
        consoleId = undefined;
      });
      events.onerror = () => {
        if (events?.readyState === EventSource.CLOSED) setPhase({ state: "closed", reason: "the stream ended" });
      };
      term.onData((data) => {
        pending += data;
        flush();
      });
      const resized = new ResizeObserver(() => {
        if (!term || !fit) return;
        const before = `${term.cols}x${term.rows}`;
        fit.fit();
        if (consoleId && before !== `${term.cols}x${term.rows}`)
          void post(consoleId, { type: "resize", cols: term.cols, rows: term.rows }).catch(() => undefined);
      });
      resized.observe(element);
      cleanups.push(() => resized.disconnect());
      term.focus();
    })();

    return () => {
      disposed = true;
      for (const cleanup of cleanups) cleanup();
      events?.close();
      if (consoleId) void post(consoleId, { type: "close" }, true).catch(() => undefined);
      term?.dispose();
    };
  }, [container, inventoryId, t, topologyId]);

  return (
    <div className="flex h-full min-h-0 flex-col gap-2" data-testid="console-panel" data-state={phase.state}>
      <p className="text-[11px] text-muted">
        {t("hands.console.limits", {
          idle: HANDS_LIMITS.consoleIdleMs / 60_000,
          max: HANDS_LIMITS.consoleMaxMs / 60_000,
        })}
      </p>
      {phase.state === "opening" && (
        <p className="text-xs text-muted" role="status">
          {t("hands.console.opening", { name: container })}
        </p>
      )}
      {phase.state === "closed" && (
        <p className="flex items-center gap-2 text-xs text-warn" role="status" data-testid="console-closed">
          {t("hands.console.closed", { reason: phase.reason })}
          <button type="button" className={smallButtonClass} onClick={onReopen} data-testid="console-reopen">
            {t("hands.console.reopen")}
          </button>
        </p>
      )}
      <div
        ref={box}
        className="min-h-0 flex-1 overflow-hidden rounded border border-border bg-bg p-1"
        data-testid="console-terminal"
      />
    </div>
  );
}
