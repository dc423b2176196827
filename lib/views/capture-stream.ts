import type { CapturedPacket, CaptureEnd } from "../capture/types";

/**
 * A capture as the browser receives it (server-sent events on the response of `POST /api/capture`):
 * it started, each packet as it is captured, then its end with the pcapng file (base64) or an error.
 * Encoding, decoding and the panel's state are pure functions here, shared by the route and the panel.
 */
export type CaptureStreamEvent =
  | { type: "started"; id: string; at: string[] }
  | { type: "packet"; packet: CapturedPacket }
  | { type: "end"; end: CaptureEnd; pcapng: string }
  | { type: "error"; code: string; message: string };

/** One event as SSE text (one `data:` line: JSON has no raw newlines). */
export function encodeCaptureEvent(event: CaptureStreamEvent): string {
  return `event: capture\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Splits received text into complete events' `data` and the unfinished rest (comments and other fields skipped). */
export function splitSse(buffer: string): { data: string[]; rest: string } {
  const blocks = buffer.replace(/\r\n/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  const data: string[] = [];
  for (const block of blocks) {
    const lines = block
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).replace(/^ /, ""));
    if (lines.length > 0) data.push(lines.join("\n"));
  }
  return { data, rest };
}

const TYPES = new Set(["started", "packet", "end", "error"]);

/** The event in one `data` field, or null when it is not a capture event. */
export function decodeCaptureEvent(data: string): CaptureStreamEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== "object" || value === null) return null;
    const type = (value as { type?: unknown }).type;
    return typeof type === "string" && TYPES.has(type) ? (value as CaptureStreamEvent) : null;
  } catch {
    return null;
  }
}

/** Most packets the panel keeps (the pcapng download holds them all). */
export const PANEL_PACKETS_MAX = 5000;

export type CaptureView = {
  status: "idle" | "starting" | "running" | "ended" | "error";
  id: string | null;
  at: string[];
  packets: CapturedPacket[];
  /** Packets received beyond {@link PANEL_PACKETS_MAX} (not shown, in the download). */
  dropped: number;
  end: CaptureEnd | null;
  pcapng: string | null;
  error: string | null;
  /** When the capture was asked for and when its first packet arrived (ms, the browser's clock). */
  askedAt: number | null;
  firstPacketAt: number | null;
};

export const IDLE_CAPTURE: CaptureView = {
  status: "idle",
  id: null,
  at: [],
  packets: [],
  dropped: 0,
  end: null,
  pcapng: null,
  error: null,
  askedAt: null,
  firstPacketAt: null,
};

/** The panel's state after one event; `now` is the browser's clock (for the time to the first packet). */
export function reduceCapture(view: CaptureView, event: CaptureStreamEvent, now: number): CaptureView {
  switch (event.type) {
    case "started":
      return { ...view, status: "running", id: event.id, at: event.at };
    case "packet": {
      const first = view.firstPacketAt ?? now;
      if (view.packets.length >= PANEL_PACKETS_MAX) return { ...view, dropped: view.dropped + 1, firstPacketAt: first };
      return { ...view, packets: [...view.packets, event.packet], firstPacketAt: first };
    }
    case "end":
      return {
        ...view,
        status: event.end.stoppedBy === "error" ? "error" : "ended",
        end: event.end,
        pcapng: event.pcapng || null,
        error: event.end.error ?? null,
      };
    case "error":
      return { ...view, status: "error", error: event.message };
  }
}
