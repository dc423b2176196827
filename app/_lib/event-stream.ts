/** The headers of every server-sent event stream the dashboard serves. */
export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
} as const;

/** A comment line this often keeps proxies and browsers from dropping an idle stream. */
const KEEPALIVE_MS = 15_000;

/** The writing end of an event stream: it never throws, and writes nothing once the stream ended. */
export type EventSink = {
  /** Sends one ready-made frame (`event: …\ndata: …\n\n`). */
  write(frame: string): void;
  /** Ends the stream (idempotent). */
  close(): void;
  readonly open: boolean;
};

/**
 * A server-sent event Response whose writer cannot write after the stream ended, whichever way it
 * ends: `sink.close()`, the request aborted, or the browser cancelling the stream (a write after
 * that used to throw "Controller is already closed" as an unhandled rejection). `start` may return
 * a cleanup (unsubscribe, abort the work behind the stream); it runs exactly once, at the end, even
 * when the stream ended while `start` was still running.
 */
export function eventStreamResponse(request: Request, start: (sink: EventSink) => (() => void) | undefined): Response {
  const encoder = new TextEncoder();
  let cancelled = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let started = false;
      let cleanup: (() => void) | undefined;
      const finish = (closeController: boolean) => {
        if (!open) return;
        open = false;
        clearInterval(keepalive);
        if (started) cleanup?.();
        if (closeController)
          try {
            controller.close();
          } catch {
            // Already closed or errored: nothing left to end.
          }
      };
      const sink: EventSink = {
        write(frame) {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(frame));
          } catch {
            finish(false);
          }
        },
        close: () => finish(true),
        get open() {
          return open;
        },
      };
      const keepalive = setInterval(() => sink.write(": keepalive\n\n"), KEEPALIVE_MS);
      cancelled = () => finish(false);
      request.signal.addEventListener("abort", () => finish(true), { once: true });
      cleanup = start(sink);
      started = true;
      if (!open) cleanup?.();
    },
    cancel() {
      cancelled();
    },
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
