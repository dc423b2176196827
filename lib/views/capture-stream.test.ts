import { expect, it } from "vitest";
import type { CapturedPacket } from "../capture/types";
import {
  type CaptureStreamEvent,
  decodeCaptureEvent,
  encodeCaptureEvent,
  IDLE_CAPTURE,
  PANEL_PACKETS_MAX,
  reduceCapture,
  splitSse,
} from "./capture-stream";

const packet: CapturedPacket = {
  at: "wire",
  time: 1,
  len: 60,
  summary: "line one\nline two",
  layers: [{ proto: "eth" }],
};

it("round-trips events through SSE text, even when a chunk ends mid-event", () => {
  const events: CaptureStreamEvent[] = [
    { type: "started", id: "c1", at: ["wire"] },
    { type: "packet", packet },
    { type: "end", end: { stoppedBy: "count", packets: 1 }, pcapng: "AAAA" },
  ];
  const text = events.map(encodeCaptureEvent).join("");
  const cut = text.length - 7;
  const first = splitSse(text.slice(0, cut));
  const second = splitSse(first.rest + text.slice(cut));
  const decoded = [...first.data, ...second.data].map(decodeCaptureEvent);
  expect(decoded).toEqual(events);
  expect(second.rest).toBe("");
});

it("skips comments (keepalives) and refuses data that is not a capture event", () => {
  const { data } = splitSse(': keepalive\n\nevent: capture\ndata: {"type":"nope"}\n\ndata: [1]\n\n');
  expect(data).toEqual(['{"type":"nope"}', "[1]"]);
  expect(data.map(decodeCaptureEvent)).toEqual([null, null]);
  expect(decodeCaptureEvent("not json")).toBeNull();
});

it("follows a capture: running, packets with the time of the first, ended with its file", () => {
  let view = reduceCapture(
    { ...IDLE_CAPTURE, status: "starting", askedAt: 100 },
    { type: "started", id: "c1", at: ["wire"] },
    110,
  );
  expect(view.status).toBe("running");
  view = reduceCapture(view, { type: "packet", packet }, 150);
  view = reduceCapture(view, { type: "packet", packet }, 170);
  expect(view.packets).toHaveLength(2);
  expect(view.firstPacketAt).toBe(150);
  view = reduceCapture(view, { type: "end", end: { stoppedBy: "stop", packets: 2 }, pcapng: "AAAA" }, 200);
  expect(view).toMatchObject({ status: "ended", pcapng: "AAAA", end: { stoppedBy: "stop" } });
});

it("ends in error when the capture failed, with its message", () => {
  const failed = reduceCapture(
    IDLE_CAPTURE,
    { type: "end", end: { stoppedBy: "error", packets: 0, error: "tcpdump: not found" }, pcapng: "" },
    1,
  );
  expect(failed).toMatchObject({ status: "error", error: "tcpdump: not found", pcapng: null });
  expect(reduceCapture(IDLE_CAPTURE, { type: "error", code: "bad-point", message: "no point x" }, 1).error).toBe(
    "no point x",
  );
});

it("keeps at most PANEL_PACKETS_MAX packets and counts the rest", () => {
  const full = { ...IDLE_CAPTURE, packets: Array.from({ length: PANEL_PACKETS_MAX }, () => packet), firstPacketAt: 1 };
  const next = reduceCapture(full, { type: "packet", packet }, 2);
  expect(next.packets).toHaveLength(PANEL_PACKETS_MAX);
  expect(next.dropped).toBe(1);
});
