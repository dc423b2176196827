import fc from "fast-check";
import { expect, it } from "vitest";
import { parseTopologyData, parseTopologyText } from "./parse";
import type { Topology } from "./schema";
import { normalize, serializeTopology } from "./serialize";
import { designArb } from "./testing/arbitraries";
import { loadExamples, yaml } from "./testing/text";

const DESIGN = yaml`
  name: macvlan
  hosts:
    node-1:
      nics:
        ens33: { address: 192.168.0.53/24, promisc: true }
  networks:
    mac_net1:
      driver: macvlan
      subnet: 10.0.0.0/24
      parent: { node-1: ens33 }
  containers:
    bbox-1: { host: node-1, image: busybox, networks: { mac_net1: { ip: 10.0.0.11 } } }
`;

it("parses YAML into the design, keeping document order", () => {
  const { topology, issues } = parseTopologyText(DESIGN);
  expect(issues).toEqual([]);
  expect(normalize(topology)).toEqual({
    name: "macvlan",
    hosts: { "node-1": { nics: { ens33: { address: "192.168.0.53/24", promisc: true } } } },
    networks: { mac_net1: { driver: "macvlan", subnet: "10.0.0.0/24", parent: { "node-1": "ens33" } } },
    containers: { "bbox-1": { host: "node-1", image: "busybox", networks: { mac_net1: { ip: "10.0.0.11" } } } },
  });
});

it("finds the line and column of any path in YAML, at the value or at the key", () => {
  const { position } = parseTopologyText(DESIGN);
  expect(position(["networks", "mac_net1", "subnet"])).toEqual({ line: 9, column: 13 });
  expect(position(["networks", "mac_net1", "subnet"], true)).toEqual({ line: 9, column: 5 });
  expect(position(["containers", "bbox-1", "networks", "mac_net1", "ip"])).toEqual({ line: 12, column: 71 });
  expect(position(["hosts", "node-1", "nics", "ens33", "promisc"])).toEqual({ line: 5, column: 51 });
});

it("a path that does not exist is placed at its deepest existing ancestor", () => {
  const { position } = parseTopologyText(DESIGN);
  expect(position(["networks", "mac_net1", "gateway"])).toEqual(position(["networks", "mac_net1"]));
  expect(position(["networks", "mac_net1"])).toEqual({ line: 8, column: 5 });
});

it("finds positions in JSON as well", () => {
  const text =
    '{\n  "name": "j",\n  "hosts": {\n    "node-1": { "nics": { "eth0": { "address": "10.1.1.1/24" } } }\n  }\n}\n';
  const { topology, position } = parseTopologyText(text);
  expect(topology?.hosts["node-1"]?.nics.eth0?.address).toBe("10.1.1.1/24");
  expect(position(["hosts", "node-1", "nics", "eth0", "address"])).toEqual({ line: 4, column: 48 });
  expect(position(["name"], true)).toEqual({ line: 2, column: 3 });
});

it("structural issues carry the position of the value they are about", () => {
  const { issues } = parseTopologyText(
    "name: t\nhosts:\n  node-1:\n    nics:\n      ens33: { address: 300.1.1.1/24 }\n",
  );
  expect(issues.map(({ code, path, line, column }) => ({ code, path, line, column }))).toEqual([
    { code: "invalid-cidr", path: ["hosts", "node-1", "nics", "ens33", "address"], line: 5, column: 25 },
  ]);
});

it("plain YAML scalars are read with the core schema: 'yes' stays a string, 010 is not octal", () => {
  const { issues } = parseTopologyText("name: yes\nhosts: {}\n");
  expect(issues).toEqual([]);
  const octal = parseTopologyData({ name: "t", hosts: { "node-1": { nics: { eth0: { vlans: { "010": {} } } } } } });
  expect(Object.keys(octal.topology?.hosts["node-1"]?.nics.eth0?.vlans ?? {})).toEqual(["010"]);
});

it.each(loadExamples().map(({ file, text }) => [file, text]))(
  "%s: parse → serialize → parse gives the same design",
  (_file, text) => {
    const first = parseTopologyText(text).topology;
    const written = serializeTopology(first as Topology);
    const second = parseTopologyText(written);
    expect(second.issues).toEqual([]);
    expect(normalize(second.topology)).toEqual(normalize(first));
    expect(serializeTopology(second.topology as Topology)).toBe(written);
  },
);

it("random designs survive parse → serialize → parse, in YAML and in JSON", () => {
  fc.assert(
    fc.property(designArb(), fc.boolean(), (design, json) => {
      const text = json ? JSON.stringify(design) : serializeTopology(design);
      const first = parseTopologyText(text);
      expect(first.issues.filter((issue) => issue.code === "yaml-syntax")).toEqual([]);
      if (!first.topology) return;
      const second = parseTopologyText(serializeTopology(first.topology));
      expect(normalize(second.topology)).toEqual(normalize(first.topology));
      expect(normalize(first.topology)).toEqual(normalize(design));
    }),
    { numRuns: 120, seed: 20260101 },
  );
});

it("strings YAML would read as something else are written quoted and come back as the same strings", () => {
  const tricky = [
    "yes",
    "no",
    "null",
    "~",
    "0x10",
    "1e3",
    "010",
    "- x",
    "#x",
    "a: b",
    "'",
    '"',
    "*a",
    "&a",
    "!tag",
    "%x",
    "@x",
  ];
  const design: Topology = {
    name: "t",
    description: tricky.join(" "),
    hosts: { "node-1": { nics: {} } },
    networks: { n: { driver: "bridge" } },
    containers: { c1: { host: "node-1", image: "busybox", networks: { n: {} }, command: tricky } },
  };
  const back = parseTopologyText(serializeTopology(design));
  expect(back.issues).toEqual([]);
  expect(back.topology?.containers?.c1?.command).toEqual(tricky);
});

it("serialized designs list maps in the order they were written (creation and start order)", () => {
  const text = yaml`
    name: order
    hosts: { zeta: { nics: {} }, alpha: { nics: {} } }
    networks: { z_net: { driver: bridge }, a_net: { driver: bridge } }
    containers:
      zz: { host: zeta, image: busybox, networks: { z_net: {}, a_net: {} } }
      aa: { host: alpha, image: busybox, networks: { a_net: {} } }
  `;
  const written = serializeTopology(parseTopologyText(text).topology as Topology);
  const order = ["zeta", "alpha", "z_net", "a_net", "zz", "aa"].map((word) => written.indexOf(`${word}:`));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(written).toMatchInlineSnapshot(`
    "name: order
    hosts:
      zeta:
        nics: {}
      alpha:
        nics: {}
    networks:
      z_net:
        driver: bridge
      a_net:
        driver: bridge
    containers:
      zz:
        host: zeta
        image: busybox
        networks:
          z_net: {}
          a_net: {}
      aa:
        host: alpha
        image: busybox
        networks:
          a_net: {}
    "
  `);
});
