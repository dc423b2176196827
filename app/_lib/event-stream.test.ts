import { describe, expect, it, vi } from "vitest";
import { type EventSink, eventStreamResponse } from "./event-stream";

async function readAll(response: Response): Promise<string> {
  return new TextDecoder().decode(await response.arrayBuffer());
}

describe("an event stream's writer", () => {
  it("sends frames in order and ends the response on close, cleaning up once", async () => {
    const cleanup = vi.fn();
    let sink: EventSink | undefined;
    const response = eventStreamResponse(new Request("http://127.0.0.1/x"), (s) => {
      sink = s;
      s.write("event: a\ndata: 1\n\n");
      return cleanup;
    });
    sink?.write("event: b\ndata: 2\n\n");
    sink?.close();
    sink?.close();
    expect(await readAll(response)).toBe("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n");
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it("writes nothing and never throws after the browser cancelled the stream, and stops the work behind it", async () => {
    const cleanup = vi.fn();
    let sink: EventSink | undefined;
    const response = eventStreamResponse(new Request("http://127.0.0.1/x"), (s) => {
      sink = s;
      return cleanup;
    });
    await response.body?.cancel();
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(sink?.open).toBe(false);
    expect(() => sink?.write("event: late\ndata: 3\n\n")).not.toThrow();
    expect(() => sink?.close()).not.toThrow();
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it("ends when the request is aborted", async () => {
    const abort = new AbortController();
    const cleanup = vi.fn();
    const response = eventStreamResponse(new Request("http://127.0.0.1/x", { signal: abort.signal }), () => cleanup);
    abort.abort();
    expect(await readAll(response)).toBe("");
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it("runs the cleanup even when the stream ended while it was starting", async () => {
    const cleanup = vi.fn();
    const response = eventStreamResponse(new Request("http://127.0.0.1/x"), (s) => {
      s.write("event: gone\ndata: {}\n\n");
      s.close();
      return cleanup;
    });
    expect(await readAll(response)).toBe("event: gone\ndata: {}\n\n");
    expect(cleanup).toHaveBeenCalledTimes(1);
  });
});
