import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseIpForward, parseRoutes } from "./parse-routes";

describe("parseRoutes", () => {
  it("keeps added unicast routes, canonical, without the kernel's connected or prohibit routes", () => {
    const text = readFileSync(join(__dirname, "fixtures", "scratch-ip-route.out"), "utf8");
    expect(parseRoutes(text)).toEqual([
      { dst: "10.9.9.9/32", via: "192.168.0.1", dev: "ens33" },
      { dst: "172.17.2.0/24", via: "192.168.0.103", dev: "ens33" },
    ]);
  });

  it("names the default route 0.0.0.0/0 and drops malformed entries", () => {
    const text = JSON.stringify([
      { dst: "default", gateway: "10.0.0.1", dev: "eth0" },
      { dst: "10.1.0.0/16`id`", gateway: "10.0.0.1" },
      { dst: "10.2.0.0/16", gateway: "not-an-ip", dev: "bad name" },
    ]);
    expect(parseRoutes(text)).toEqual([{ dst: "0.0.0.0/0", via: "10.0.0.1", dev: "eth0" }, { dst: "10.2.0.0/16" }]);
  });
});

describe("parseIpForward", () => {
  it("reads /proc/sys/net/ipv4/ip_forward", () => {
    expect(parseIpForward("1\n")).toBe(true);
    expect(parseIpForward("0\n")).toBe(false);
    expect(parseIpForward("")).toBe(false);
  });
});
