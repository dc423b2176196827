import type { CaptureRequest } from "@/lib/capture/types";
import { type CaptureStreamEvent, decodeCaptureEvent, splitSse } from "@/lib/views/capture-stream";

/** What the browser asks `POST /api/capture` for: the contract's request plus the id it stops it by. */
export type CaptureStart = CaptureRequest & { id: string };

/**
 * Starts a capture and calls `onEvent` for each event of its stream until it ends. A refused request
 * (bad input, no session) arrives as one `error` event with the server's message.
 */
export async function streamCapture(
  request: CaptureStart,
  onEvent: (event: CaptureStreamEvent) => void,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/capture", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(request),
    });
  } catch (error) {
    onEvent({ type: "error", code: "network", message: (error as Error).message });
    return;
  }
  if (!response.ok || !response.body) {
    const text = (await response.text().catch(() => "")).trim();
    onEvent({ type: "error", code: `http-${response.status}`, message: text || response.statusText });
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let ended = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const split = splitSse(buffer + value);
    buffer = split.rest;
    for (const data of split.data) {
      const event = decodeCaptureEvent(data);
      if (!event) continue;
      if (event.type === "end" || event.type === "error") ended = true;
      onEvent(event);
    }
  }
  if (!ended) onEvent({ type: "error", code: "stream-lost", message: "the capture's stream ended without its result" });
}

/** Asks the server to stop a running capture at once (it then ends with `stoppedBy: "stop"`). */
export async function stopCapture(id: string): Promise<void> {
  await fetch("/api/capture/stop", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id }),
  }).catch(() => undefined);
}

/** Saves the capture's pcapng (base64 from the stream) as a file, without another request. */
export function downloadPcapng(base64: string, name: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.tcpdump.pcap" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
