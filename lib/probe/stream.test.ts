import { describe, expect, it } from "vitest";
import { MemoryAudit } from "../exec/audit";
import { probeStream } from "./stream";
import { loadDesign, loadExample } from "./testing/lab-design";
import type { ProbeEvent } from "./types";

const options = { inventory: { hosts: {} }, inventoryDir: "/nonexistent", who: "test", audit: new MemoryAudit() };

describe("probeStream", () => {
  it("yields the run's events in order and ends with its report", async () => {
    const design = loadDesign("name: empty\nhosts:\n  node-1: { nics: { ens33: {} } }\n");
    const stream = probeStream(design, options);
    const events: ProbeEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual(["started", "done"]);
    expect((await stream.report).cells).toEqual([]);
  });

  it("throws what the run threw", async () => {
    const stream = probeStream(loadExample("macvlan"), { ...options, from: ["nope"] });
    await expect(stream.next()).rejects.toThrow(/from: nope is not a container of macvlan/);
  });
});
