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

const WEB = design(yaml`
  name: web
  hosts:
    node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
    node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
  networks:
    web_net: { driver: bridge, subnet: 172.30.1.0/24 }
    client_net: { driver: bridge, subnet: 172.30.2.0/24 }
    mac: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33, node-2: ens33 } }
  containers:
    web: { host: node-1, image: busybox, networks: { web_net: {} }, services: [{ proto: tcp, port: 80 }, { proto: tcp, port: 81 }, { proto: udp, port: 53 }], publish: ["8080:80/tcp", "8082:82/tcp"] }
    client: { host: node-2, image: busybox, networks: { client_net: {} } }
    neighbour: { host: node-1, image: busybox, networks: { web_net: {} } }
    mac-only: { host: node-2, image: busybox, networks: { mac: {} } }
`);

const rows = (by: "tcp" | "udp" | "mtu", from: string, topology: Topology = WEB) =>
  expectMatrix(topology, { by: [by], from: [from] }).pairs.map((cell) => ({
    to: cell.to,
    target: cell.target,
    port: cell.port,
    mtu: cell.expectedMtu,
    expected: cell.expected,
    code: cell.reasonCode,
  }));

it("tcp cells: each service at the target's addresses, then each published port at its host's address", () => {
  expect(rows("tcp", "client")).toEqual([
    { to: "web", target: "172.30.1.2:80", port: 80, mtu: undefined, expected: "blocked", code: "no-shared-network" },
    { to: "web", target: "web:80", port: 80, mtu: undefined, expected: "blocked", code: "dns-no-shared-network" },
    { to: "web", target: "172.30.1.2:81", port: 81, mtu: undefined, expected: "blocked", code: "no-shared-network" },
    { to: "web", target: "web:81", port: 81, mtu: undefined, expected: "blocked", code: "dns-no-shared-network" },
    { to: "web", target: "192.168.0.101:8080", port: 8080, mtu: undefined, expected: "reach", code: "published-port" },
    {
      to: "web",
      target: "192.168.0.101:8082",
      port: 8082,
      mtu: undefined,
      expected: "blocked",
      code: "published-no-service",
    },
  ]);
});

it("a service's reason says whether it is published, and where", () => {
  const reasons = expectMatrix(WEB, { by: ["tcp"], from: ["client"] }).pairs.map((cell) => cell.reason.en);
  expect(reasons[0]).toContain("tcp 80 is published on node-1 as 8080: connect there instead");
  expect(reasons[2]).toContain("and tcp 81 is not published on node-1, so nothing forwards it from outside web_net");
  expect(reasons[4]).toBe(
    "client leaves through its host node-2 (NAT), and node-1 forwards tcp 8080 on 192.168.0.101 to web:80 (docker run -p)",
  );
});

it("a container on the same network reaches the service at its address; a published port is for other hosts", () => {
  expect(rows("tcp", "neighbour")).toEqual([
    { to: "web", target: "172.30.1.2:80", port: 80, mtu: undefined, expected: "reach", code: "bridge-same-host" },
    { to: "web", target: "web:80", port: 80, mtu: undefined, expected: "reach", code: "dns-shared-network" },
    { to: "web", target: "172.30.1.2:81", port: 81, mtu: undefined, expected: "reach", code: "bridge-same-host" },
    { to: "web", target: "web:81", port: 81, mtu: undefined, expected: "reach", code: "dns-shared-network" },
  ]);
  expect(rows("udp", "neighbour")).toEqual([
    { to: "web", target: "172.30.1.2:53", port: 53, mtu: undefined, expected: "reach", code: "bridge-same-host" },
    { to: "web", target: "web:53", port: 53, mtu: undefined, expected: "reach", code: "dns-shared-network" },
  ]);
});

it("a macvlan-only container cannot reach another host's published port: its default route leads nowhere", () => {
  expect(rows("tcp", "mac-only").filter((row) => row.port === 8080)).toEqual([
    {
      to: "web",
      target: "192.168.0.101:8080",
      port: 8080,
      mtu: undefined,
      expected: "blocked",
      code: "published-no-route",
    },
  ]);
});

it("mtu cells: one per reachable address, 1450 on an overlay, 1500 on macvlan, none for blocked pairs", () => {
  expect(rows("mtu", "bbox-1", example("overlay-swarm.yaml"))).toEqual([
    { to: "bbox-2", target: "bbox-2@ov_net1", port: undefined, mtu: 1450, expected: "reach", code: "path-mtu" },
  ]);
  expect(rows("mtu", "bbox-1", example("macvlan.yaml"))).toEqual([
    { to: "bbox-2", target: "10.0.0.12", port: undefined, mtu: 1500, expected: "reach", code: "path-mtu" },
  ]);
  expect(rows("mtu", "client")).toEqual([]);
});

it("OVS tunnels: 1450 through VXLAN, 1462 through GRE, also within a host (the plan sets the interfaces); 1500 on one host alone", () => {
  const ovs = (tunnel: string, second = "node-2") =>
    design(yaml`
      name: o
      hosts:
        node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
        node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
      networks: { o: { driver: ovs, subnet: 10.10.0.0/24, tunnel: ${tunnel} } }
      containers:
        c-a: { host: node-1, image: busybox, networks: { o: {} } }
        c-b: { host: ${second}, image: busybox, networks: { o: {} } }
        c-c: { host: node-1, image: busybox, networks: { o: {} } }
    `);
  expect(rows("mtu", "c-a", ovs("vxlan")).map((row) => [row.to, row.mtu])).toEqual([
    ["c-b", 1450],
    ["c-c", 1450],
  ]);
  expect(rows("mtu", "c-a", ovs("gre")).map((row) => [row.to, row.mtu])).toEqual([
    ["c-b", 1462],
    ["c-c", 1462],
  ]);
  expect(rows("mtu", "c-a", ovs("vxlan", "node-1")).map((row) => [row.to, row.mtu])).toEqual([
    ["c-b", 1500],
    ["c-c", 1500],
  ]);
});

it("the default kinds stay ip and name: designs and runs of before see the same cells", () => {
  const kinds = new Set(expectMatrix(WEB).pairs.map((cell) => cell.by));
  expect(kinds).toEqual(new Set(["ip", "name"]));
});
