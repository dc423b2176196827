import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePointId } from "./point-id";

describe("parsePointId (the one parser of capture, trace and impairment point ids)", () => {
  it("reads the three forms", () => {
    expect(parsePointId("node-1:ens33.10")).toEqual({ kind: "host", host: "node-1", iface: "ens33.10" });
    expect(parsePointId("container:bbox-1")).toEqual({ kind: "container", container: "bbox-1" });
    expect(parsePointId("container:bbox-1:eth1")).toEqual({ kind: "container", container: "bbox-1", iface: "eth1" });
    expect(parsePointId("wire")).toEqual({ kind: "wire" });
    expect(parsePointId("wire:node-2")).toEqual({ kind: "wire", host: "node-2" });
  });

  it("refuses hostile and malformed ids", () => {
    for (const id of [
      "",
      "node-1",
      "node-1:",
      ":ens33",
      "node-1:ens33;id",
      "node-1:ens33 -w /x",
      "-i:eth0",
      "container:",
      "container:$(id)",
      "container:bbox-1:eth0:x",
      "wire:../x",
      "node-1:averyveryverylongname0",
      `container:${"a".repeat(64)}`,
      "node-1:ens33\n",
    ])
      expect(parsePointId(id), JSON.stringify(id)).toBeNull();
  });

  it("accepts only ids made of name characters and colons, and gives back the parts it read", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (id) => {
        const point = parsePointId(id);
        if (point === null) return;
        expect(id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.@:-]*$/);
        const again =
          point.kind === "host"
            ? `${point.host}:${point.iface}`
            : point.kind === "container"
              ? `container:${point.container}${point.iface ? `:${point.iface}` : ""}`
              : `wire${point.host ? `:${point.host}` : ""}`;
        expect(again).toBe(id);
      }),
      { numRuns: 3000 },
    );
  });
});
