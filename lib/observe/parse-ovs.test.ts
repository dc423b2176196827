import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOvs } from "./parse-ovs";

describe("parseOvs", () => {
  it("reads bridges, port types, VLAN tags and tunnel options from ovs-vsctl JSON", () => {
    const text = readFileSync(join(__dirname, "fixtures", "scratch-ovs-vsctl.out"), "utf8");
    expect(parseOvs(text)).toEqual([
      {
        name: "br-ens33",
        ports: [
          { name: "br-ens33", type: "internal" },
          { name: "ens33", type: "" },
          { name: "ens33.10", type: "internal", tag: 10 },
          { name: "ens33.20", type: "internal", tag: 20 },
        ],
      },
      {
        name: "br-ovs",
        ports: [
          { name: "br-ovs", type: "internal" },
          { name: "vx1", type: "vxlan", remoteIp: "192.168.0.103", key: "100" },
        ],
      },
    ]);
  });

  it("returns nothing for missing or malformed output", () => {
    expect(parseOvs("")).toEqual([]);
    expect(parseOvs('{"data":[["br0",["uuid","x"]]],"headings":["name","ports"]}')).toEqual([]);
  });
});
