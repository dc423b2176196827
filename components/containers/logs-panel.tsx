"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { containerLogsAction } from "@/app/topologies/container-actions";
import { smallButtonClass, smallPrimaryClass } from "@/components/ui/classes";
import type { UiKey } from "@/lib/i18n/ui";
import { capBytes, HANDS_LIMITS, plainLogText } from "@/lib/views/container-hands";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

const REASONS: Record<string, UiKey> = {
  "client-gone": "hands.logs.reason.client-gone",
  "time-limit": "hands.logs.reason.time-limit",
  "size-limit": "hands.logs.reason.size-limit",
  exited: "hands.logs.reason.exited",
  "connection-lost": "hands.logs.reason.connection-lost",
  failed: "hands.logs.reason.failed",
};

/** Text kept on screen while following (the oldest part goes first). */
const SHOWN_BYTES = 512 * 1024;

/**
 * A container's log: the last N lines on demand (bounded by the server in lines and bytes), and a
 * live follow over server-sent events that stops when asked, when the panel closes, or at the
 * server's time and size limits.
 */
export function LogsPanel({
  topologyId,
  inventoryId,
  container,
}: {
  topologyId: string;
  inventoryId: string;
  container: string;
}) {
  const t = useT();
  const id = useId();
  const [lines, setLines] = useState(200);
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const [busy, setBusy] = useState(false);
  const [following, setFollowing] = useState(false);
  const source = useRef<EventSource | null>(null);
  const output = useRef<HTMLPreElement>(null);

  const stopFollowing = useCallback(() => {
    source.current?.close();
    source.current = null;
    setFollowing(false);
  }, []);

  const tail = useCallback(async () => {
    setBusy(true);
    setNote(null);
    try {
      const result = await containerLogsAction({ topologyId, inventoryId, container, lines });
      if (result.ok) {
        setText(plainLogText(result.logs.text));
        if (result.logs.truncated) setNote({ text: t("hands.logs.truncated"), tone: "info" });
      } else setNote({ text: errorText(t, result.error), tone: "error" });
    } catch (error) {
      setNote({ text: (error as Error).message, tone: "error" });
    } finally {
      setBusy(false);
    }
  }, [container, inventoryId, lines, t, topologyId]);

  const follow = useCallback(() => {
    stopFollowing();
    setText("");
    setNote(null);
    const query = new URLSearchParams({ topologyId, inventoryId, container, lines: String(lines) });
    const events = new EventSource(`/api/containers/logs?${query}`);
    source.current = events;
    setFollowing(true);
    events.addEventListener("chunk", (event) => {
      const chunk = plainLogText((JSON.parse((event as MessageEvent<string>).data) as { text: string }).text);
      setText((before) => {
        const joined = (before ?? "") + chunk;
        return joined.length > SHOWN_BYTES ? joined.slice(joined.length - SHOWN_BYTES) : joined;
      });
    });
    events.addEventListener("end", (event) => {
      const end = JSON.parse((event as MessageEvent<string>).data) as { reason: string; message?: string };
      const reason = REASONS[end.reason];
      setNote({
        text: end.message ?? t("hands.logs.ended", { reason: reason ? t(reason) : end.reason }),
        tone: end.reason === "failed" ? "error" : "info",
      });
      stopFollowing();
    });
    events.onerror = () => {
      // The stream ended or was refused: never let the browser reconnect (it would start a new follow).
      if (source.current === events) stopFollowing();
    };
  }, [container, inventoryId, lines, stopFollowing, t, topologyId]);

  useEffect(() => stopFollowing, [stopFollowing]);
  useEffect(() => {
    if (following && output.current) output.current.scrollTop = output.current.scrollHeight;
  });
  const first = useRef(tail);
  useEffect(() => {
    // Only when first shown; later tails are asked for.
    void first.current();
  }, []);

  const shown = text === null ? "" : capBytes(text, SHOWN_BYTES).text;
  return (
    <div className="flex h-full min-h-0 flex-col gap-2" data-testid="logs-panel" data-following={following}>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={id} className="block text-xs text-muted">
            {t("hands.logs.lines")}
          </label>
          <input
            id={id}
            type="number"
            min={1}
            max={HANDS_LIMITS.tailMax}
            value={lines}
            onChange={(event) => setLines(Math.max(1, Math.min(HANDS_LIMITS.tailMax, Number(event.target.value) || 1)))}
            className="w-24 rounded-md border border-border bg-bg px-2 py-1 text-sm"
            data-testid="logs-lines"
          />
        </div>
        <button
          type="button"
          className={smallButtonClass}
          disabled={busy || following}
          onClick={() => void tail()}
          data-testid="logs-tail"
        >
          {t("hands.logs.tail")}
        </button>
        {following ? (
          <button type="button" className={smallPrimaryClass} onClick={stopFollowing} data-testid="logs-unfollow">
            {t("hands.logs.unfollow")}
          </button>
        ) : (
          <button type="button" className={smallButtonClass} onClick={follow} data-testid="logs-follow">
            {t("hands.logs.follow")}
          </button>
        )}
      </div>
      {note && (
        <p
          role={note.tone === "error" ? "alert" : "status"}
          className={`text-xs ${note.tone === "error" ? "text-danger" : "text-muted"}`}
          data-testid="logs-note"
        >
          {note.text}
        </p>
      )}
      <pre
        ref={output}
        className="min-h-0 flex-1 overflow-auto whitespace-pre-wrap break-all rounded border border-border bg-bg p-2 font-mono text-xs leading-4 text-fg"
        data-testid="logs-output"
        aria-live="polite"
      >
        {text === null ? "…" : shown || t("hands.logs.empty")}
      </pre>
    </div>
  );
}
