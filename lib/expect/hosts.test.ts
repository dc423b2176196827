import { expect, it } from "vitest";
import { checkTopologyText } from "../topology/check";
import type { Topology } from "../topology/schema";
import { example, yaml } from "../topology/testing/text";
import { expectMatrix } from "./expect";

function design(text: string): Topology {
  const { topology, ok, issues } = checkTopologyText(text);
  if (!topology || !ok) throw new Error(JSON.stringify(issues));
  return topology;
}

const HOSTS = (shim: string) =>
  design(yaml`
    name: macvlan-hosts
    hosts:
      node-1: { nics: { ens33: { address: 192.168.0.53/24, promisc: true } }${shim} }
      node-2: { nics: { ens33: { address: 192.168.0.54/24, promisc: true } } }
    networks:
      mac_net1: { driver: macvlan, subnet: 192.168.0.0/24, gateway: 192.168.0.1, parent: { node-1: ens33, node-2: ens33 } }
      br: { driver: bridge }
    containers:
      bbox-1: { host: node-1, image: busybox, networks: { mac_net1: { ip: 192.168.0.11 } } }
      bbox-2: { host: node-2, image: busybox, networks: { mac_net1: { ip: 192.168.0.12 } } }
      web: { host: node-2, image: busybox, networks: { br: {} } }
  `);

const rows = (topology: Topology, from: string[], to?: string[]) =>
  expectMatrix(topology, { by: "ip", from, ...(to ? { to } : {}) }).pairs.map(
    (cell) => `${cell.from} → ${cell.to} ${cell.target}: ${cell.expected} (${cell.reasonCode})`,
  );

it("a host cannot reach its own macvlan container, the other host on the segment can", () => {
  expect(rows(HOSTS(""), ["host:node-1", "host:node-2"], ["bbox-1"])).toEqual([
    "host:node-1 → bbox-1 192.168.0.11: blocked (macvlan-own-host)",
    "host:node-2 → bbox-1 192.168.0.11: reach (host-same-segment)",
  ]);
});

it("with a shim on its own host, the host reaches its macvlan container too", () => {
  const shimmed = HOSTS(", shims: [{ network: mac_net1, name: shim0, ip: 192.168.0.250 }]");
  expect(rows(shimmed, ["host:node-1"], ["bbox-1"])).toEqual(["host:node-1 → bbox-1 192.168.0.11: reach (host-shim)"]);
  expect(expectMatrix(shimmed, { by: "ip", from: ["host:node-1"], to: ["bbox-1"] }).pairs[0]?.reason.en).toBe(
    "node-1's shim shim0 (192.168.0.250) is a macvlan interface of its own on mac_net1: it reaches bbox-1 like a neighbour container",
  );
});

it("containers to hosts: macvlan not to its own parent, to the other host on its segment; a bridge container through NAT", () => {
  expect(rows(HOSTS(""), ["bbox-1", "web"], ["host:node-1", "host:node-2"])).toEqual([
    "bbox-1 → host:node-1 192.168.0.53: blocked (macvlan-own-host)",
    "bbox-1 → host:node-2 192.168.0.54: reach (host-same-segment)",
    "web → host:node-1 192.168.0.53: reach (host-nat)",
    "web → host:node-2 192.168.0.54: reach (host-nat)",
  ]);
});

it("on the macvlan example the hosts are on another subnet than the containers: no route either way", () => {
  expect(rows(example("macvlan.yaml"), ["host:node-2"], ["bbox-1"])).toEqual([
    "host:node-2 → bbox-1 10.0.0.11: blocked (host-no-route)",
  ]);
});

it("hosts appear only when asked for: the default matrix stays container to container", () => {
  expect(
    expectMatrix(HOSTS("")).pairs.some((cell) => cell.from.startsWith("host:") || cell.to.startsWith("host:")),
  ).toBe(false);
});
