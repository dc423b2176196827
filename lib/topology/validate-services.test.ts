import fc from "fast-check";
import { expect, it } from "vitest";
import { checkTopologyText } from "./check";
import { parsePublish } from "./schema";

const design = (container: Record<string, unknown>, shims?: unknown[]) =>
  JSON.stringify({
    name: "t",
    hosts: {
      "node-1": {
        nics: { ens33: { address: "192.168.0.101/24", promisc: true } },
        ...(shims ? { shims } : {}),
      },
    },
    networks: { mac: { driver: "macvlan", subnet: "10.0.0.0/24", parent: { "node-1": "ens33" } } },
    containers: { c1: { host: "node-1", image: "busybox", networks: { mac: { ip: "10.0.0.11" } }, ...container } },
  });

it("a publish entry is accepted only in the strict form, and every accepted one parses back to ports 1-65535", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9.:/a-z -]{0,24}$/)), (value) => {
      const result = checkTopologyText(design({ publish: [value] }));
      const refused = result.issues.some((issue) => issue.code === "invalid-publish");
      const parsed = parsePublish(value);
      if (!parsed) expect(refused).toBe(true);
      else {
        expect(value).toMatch(/^[0-9.:]+\/(tcp|udp)$/);
        for (const port of [parsed.hostPort, parsed.port]) expect(port >= 1 && port <= 65535).toBe(true);
      }
    }),
  );
});

it("a service port is accepted only as a whole number from 1 to 65535", () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), (port) => {
      const result = checkTopologyText(design({ services: [{ proto: "tcp", port }] }));
      const ok = typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535;
      expect(result.issues.some((issue) => issue.code === "invalid-port")).toBe(!ok);
    }),
  );
});

it("a shim's address is refused unless it is an IPv4 address in the network's subnet that no container holds", () => {
  const codes = (ip: string) =>
    checkTopologyText(design({}, [{ network: "mac", name: "shim0", ip }])).issues.map((issue) => issue.code);
  expect(codes("10.0.0.250")).toEqual([]);
  expect(codes("10.0.1.250")).toContain("ip-outside-subnet");
  expect(codes("10.0.0.11")).toContain("duplicate-ip");
  fc.assert(
    fc.property(fc.string(), (ip) => {
      fc.pre(!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip));
      expect(codes(ip)).toContain("invalid-ip");
    }),
  );
});

it("published ports and services valid in a design keep it valid (files valid today stay valid too)", () => {
  const result = checkTopologyText(
    design({ services: [{ proto: "tcp", port: 80 }], publish: ["8080:80/tcp", "192.168.0.101:5353:53/udp"] }),
  );
  expect(result.issues).toEqual([]);
});
