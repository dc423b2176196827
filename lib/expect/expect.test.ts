import { describe, expect, it } from "vitest";
import { checkTopologyText } from "../topology/check";
import type { Container, Topology } from "../topology/schema";
import { example, loadExamples, yaml } from "../topology/testing/text";
import { expectMatrix } from "./expect";
import { defaultRoute } from "./paths";
import type { ExpectCell, ExpectMatrix } from "./types";

/** One line per cell: `from → to  by target  reach|blocked  (reason code)`. */
function table(matrix: ExpectMatrix): string {
  return matrix.pairs
    .map((cell) => `${cell.from} → ${cell.to}  ${cell.by} ${cell.target}  ${cell.expected}  (${cell.reasonCode})`)
    .join("\n");
}

function cell(matrix: ExpectMatrix, from: string, to: string, by: "ip" | "name", target?: string): ExpectCell {
  const found = matrix.pairs.find(
    (candidate) =>
      candidate.from === from && candidate.to === to && candidate.by === by && (!target || candidate.target === target),
  );
  if (!found) throw new Error(`no cell ${from} → ${to} by ${by} ${target ?? ""}`);
  return found;
}

function design(text: string): Topology {
  const { topology, ok, issues } = checkTopologyText(text);
  if (!topology || !ok) throw new Error(JSON.stringify(issues));
  return topology;
}

it("§4.2 macvlan: 'ping 10.0.0.12' works across hosts, 'ping bbox-2' says bad address", () => {
  const matrix = expectMatrix(example("macvlan.yaml"));
  expect(cell(matrix, "bbox-1", "bbox-2", "ip", "10.0.0.12")).toMatchObject({
    expected: "reach",
    reasonCode: "macvlan-same-segment",
  });
  const byName = cell(matrix, "bbox-1", "bbox-2", "name");
  expect(byName).toMatchObject({ expected: "blocked", reasonCode: "dns-macvlan-across-hosts" });
  expect(byName.reason.en).toContain("bad address");
  expect(table(matrix)).toMatchInlineSnapshot(`
    "bbox-1 → bbox-2  ip 10.0.0.12  reach  (macvlan-same-segment)
    bbox-1 → bbox-2  name bbox-2  blocked  (dns-macvlan-across-hosts)
    bbox-2 → bbox-1  ip 10.0.0.11  reach  (macvlan-same-segment)
    bbox-2 → bbox-1  name bbox-1  blocked  (dns-macvlan-across-hosts)"
  `);
});

it("§4.3 macvlan over 802.1q: the same VLAN reaches across hosts, VLAN 10 and VLAN 20 are isolated", () => {
  const matrix = expectMatrix(example("macvlan-8021q.yaml"), { by: "ip" });
  expect(cell(matrix, "bbox-11", "bbox-21", "ip", "172.16.11.12").expected).toBe("reach");
  expect(cell(matrix, "bbox-12", "bbox-22", "ip", "172.16.12.12").expected).toBe("reach");
  expect(cell(matrix, "bbox-11", "bbox-22", "ip", "172.16.12.12")).toMatchObject({
    expected: "blocked",
    reasonCode: "vlans-not-routed",
  });
  expect(cell(matrix, "bbox-11", "bbox-12", "ip", "172.16.12.11")).toMatchObject({
    expected: "blocked",
    reasonCode: "vlans-not-routed",
  });
  expect(table(matrix)).toMatchInlineSnapshot(`
    "bbox-11 → bbox-12  ip 172.16.12.11  blocked  (vlans-not-routed)
    bbox-11 → bbox-21  ip 172.16.11.12  reach  (macvlan-same-segment)
    bbox-11 → bbox-22  ip 172.16.12.12  blocked  (vlans-not-routed)
    bbox-12 → bbox-11  ip 172.16.11.11  blocked  (vlans-not-routed)
    bbox-12 → bbox-21  ip 172.16.11.12  blocked  (vlans-not-routed)
    bbox-12 → bbox-22  ip 172.16.12.12  reach  (macvlan-same-segment)
    bbox-21 → bbox-11  ip 172.16.11.11  reach  (macvlan-same-segment)
    bbox-21 → bbox-12  ip 172.16.12.11  blocked  (vlans-not-routed)
    bbox-21 → bbox-22  ip 172.16.12.12  blocked  (vlans-not-routed)
    bbox-22 → bbox-11  ip 172.16.11.11  blocked  (vlans-not-routed)
    bbox-22 → bbox-12  ip 172.16.12.11  reach  (macvlan-same-segment)
    bbox-22 → bbox-21  ip 172.16.11.12  blocked  (vlans-not-routed)"
  `);
});

it("§4.3 across hosts on one VLAN, a name still does not resolve (macvlan has no DNS across hosts)", () => {
  const matrix = expectMatrix(example("macvlan-8021q.yaml"), { by: "name" });
  expect(cell(matrix, "bbox-11", "bbox-21", "name").reasonCode).toBe("dns-macvlan-across-hosts");
  expect(cell(matrix, "bbox-11", "bbox-22", "name").reasonCode).toBe("dns-no-shared-network");
});

it("§5.5 overlay (KV store): bbox-2 on node-3 pings 10.0.0.2 and bbox-1 by name", () => {
  const matrix = expectMatrix(example("overlay-kv.yaml"));
  expect(cell(matrix, "bbox-2", "bbox-1", "ip", "10.0.0.2")).toMatchObject({ expected: "reach" });
  expect(cell(matrix, "bbox-2", "bbox-1", "name")).toMatchObject({
    expected: "reach",
    reasonCode: "dns-shared-network",
  });
  expect(table(matrix)).toMatchInlineSnapshot(`
    "bbox-1 → bbox-2  ip 10.0.0.3  reach  (same-network)
    bbox-1 → bbox-2  name bbox-2  reach  (dns-shared-network)
    bbox-2 → bbox-1  ip 10.0.0.2  reach  (same-network)
    bbox-2 → bbox-1  name bbox-1  reach  (dns-shared-network)"
  `);
});

it("overlay in swarm mode: names resolve across hosts; addresses are read back at run time", () => {
  const matrix = expectMatrix(example("overlay-swarm.yaml"));
  expect(cell(matrix, "bbox-1", "bbox-2", "name").expected).toBe("reach");
  expect(cell(matrix, "bbox-1", "bbox-2", "ip").target).toBe("bbox-2@ov_net1");
  const known = expectMatrix(example("overlay-swarm.yaml"), { addresses: { "bbox-2": { ov_net1: "10.0.0.4" } } });
  expect(cell(known, "bbox-1", "bbox-2", "ip").target).toBe("10.0.0.4");
});

/** The tutorial's §5.6 the KV way, before `docker network connect ov_net1 bbox-3`. */
const BEFORE_CONNECT = yaml`
  name: overlay-kv-isolation
  hosts:
    node-1: { nics: { ens32: { address: 192.168.0.101/24 } } }
    node-2: { nics: { ens32: { address: 192.168.0.102/24 } } }
    node-3: { nics: { ens32: { address: 192.168.0.103/24 } } }
  networks:
    ov_net1: { driver: overlay, control: { kv: "consul://node-1:8500" } }
    ov_net2: { driver: overlay, control: { kv: "consul://node-1:8500" } }
  containers:
    bbox-1: { host: node-2, image: busybox, networks: { ov_net1: {} } }
    bbox-2: { host: node-3, image: busybox, networks: { ov_net1: {} } }
    bbox-3: { host: node-2, image: busybox, networks: { ov_net2: {} } }
`;
const AFTER_CONNECT = BEFORE_CONNECT.replace("networks: { ov_net2: {} }", "networks: { ov_net2: {}, ov_net1: {} }");

it("§5.6 before connect: bbox-3 (10.0.1.2 on ov_net2) cannot ping bbox-1 at 10.0.0.2: different overlays are isolated", () => {
  const matrix = expectMatrix(design(BEFORE_CONNECT));
  expect(cell(matrix, "bbox-3", "bbox-1", "ip", "10.0.0.2")).toMatchObject({
    expected: "blocked",
    reasonCode: "overlay-isolated",
  });
  expect(cell(matrix, "bbox-1", "bbox-3", "ip", "10.0.1.2").expected).toBe("blocked");
  expect(cell(matrix, "bbox-3", "bbox-1", "name").reasonCode).toBe("dns-no-shared-network");
});

it("§5.6 after 'docker network connect ov_net1 bbox-3': bbox-3 reaches 10.0.0.2, and bbox-1 reaches it at 10.0.0.4", () => {
  const matrix = expectMatrix(design(AFTER_CONNECT));
  expect(cell(matrix, "bbox-3", "bbox-1", "ip", "10.0.0.2").expected).toBe("reach");
  expect(cell(matrix, "bbox-1", "bbox-3", "ip", "10.0.0.4").expected).toBe("reach");
  expect(cell(matrix, "bbox-1", "bbox-3", "ip", "10.0.1.2")).toMatchObject({
    expected: "blocked",
    reasonCode: "overlay-isolated",
  });
  expect(table(expectMatrix(design(AFTER_CONNECT), { from: ["bbox-3", "bbox-1"] }))).toMatchInlineSnapshot(`
    "bbox-1 → bbox-2  ip 10.0.0.3  reach  (same-network)
    bbox-1 → bbox-2  name bbox-2  reach  (dns-shared-network)
    bbox-1 → bbox-3  ip 10.0.1.2  blocked  (overlay-isolated)
    bbox-1 → bbox-3  ip 10.0.0.4  reach  (same-network)
    bbox-1 → bbox-3  name bbox-3  reach  (dns-shared-network)
    bbox-3 → bbox-1  ip 10.0.0.2  reach  (same-network)
    bbox-3 → bbox-1  name bbox-1  reach  (dns-shared-network)
    bbox-3 → bbox-2  ip 10.0.0.3  reach  (same-network)
    bbox-3 → bbox-2  name bbox-2  reach  (dns-shared-network)"
  `);
});

it("the swarm isolation example, before connect (ov_net1 dropped from bbox-3) and as written", () => {
  const source = loadExamples().find((e) => e.file === "overlay-isolation.yaml")?.text ?? "";
  const before = expectMatrix(
    design(source.replace("networks: { ov_net2: {}, ov_net1: {} }", "networks: { ov_net2: {} }")),
  );
  expect(cell(before, "bbox-3", "bbox-1", "ip").reasonCode).toBe("overlay-isolated");
  const after = expectMatrix(example("overlay-isolation.yaml"));
  expect(cell(after, "bbox-3", "bbox-1", "ip").expected).toBe("reach");
  expect(cell(after, "bbox-3", "bbox-1", "name").expected).toBe("reach");
});

it("routed bridges reach by IP across hosts, but names stay on their own host", () => {
  const matrix = expectMatrix(example("bridge-routed.yaml"));
  expect(cell(matrix, "bbox-1", "bbox-2", "ip", "172.20.2.2")).toMatchObject({
    expected: "reach",
    reasonCode: "routed-bridge",
  });
  expect(cell(matrix, "bbox-1", "bbox-2", "name").reasonCode).toBe("dns-bridge-across-hosts");
});

it("OVS containers reach by IP through the tunnel; Docker's DNS knows nothing of them", () => {
  const matrix = expectMatrix(example("ovs-vxlan.yaml"));
  expect(cell(matrix, "bbox-1", "bbox-2", "ip", "10.10.0.12").expected).toBe("reach");
  expect(cell(matrix, "bbox-1", "bbox-2", "name").reasonCode).toBe("dns-not-on-docker-network");
});

it("a local bridge on two hosts is two bridges: blocked across hosts, fine on one host", () => {
  const matrix = expectMatrix(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} }, node-2: { nics: {} } }
      networks: { br: { driver: bridge, subnet: 172.20.0.0/24 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { br: {} } }
        c2: { host: node-1, image: busybox, networks: { br: {} } }
        c3: { host: node-2, image: busybox, networks: { br: { ip: 172.20.0.9 } } }
    `),
  );
  expect(cell(matrix, "c1", "c2", "name").expected).toBe("reach");
  expect(cell(matrix, "c1", "c3", "ip").reasonCode).toBe("bridge-local-only");
  expect(cell(matrix, "c1", "c3", "ip").expected).toBe("blocked");
});

it("an address a container on another host has, but so does the source or its neighbour, is answered right there", () => {
  // Each host's bridge has the same subnet and Docker hands out .2, .3 … on each: c3 on node-2 is
  // 172.20.0.2, which is c1's own address, and c2 finds c1 at it on its own bridge.
  const matrix = expectMatrix(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} }, node-2: { nics: {} } }
      networks: { br: { driver: bridge, subnet: 172.20.0.0/24 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { br: {} } }
        c2: { host: node-1, image: busybox, networks: { br: {} } }
        c3: { host: node-2, image: busybox, networks: { br: {} } }
    `),
  );
  expect(cell(matrix, "c1", "c3", "ip", "172.20.0.2")).toMatchObject({
    expected: "reach",
    reasonCode: "address-shadowed",
    reason: expect.objectContaining({
      en: "172.20.0.2 is c1's own address on br: the ping answers itself and never reaches c3",
    }),
  });
  expect(cell(matrix, "c2", "c3", "ip", "172.20.0.2")).toMatchObject({
    expected: "reach",
    reasonCode: "address-shadowed",
    reason: expect.objectContaining({
      en: "172.20.0.2 is also c1's address on br, on c2's own segment (node-1): c1 answers, not c3",
    }),
  });
  expect(cell(matrix, "c3", "c2", "ip", "172.20.0.3").expected).toBe("blocked");
});

it("a target address that is the source's own on docker_gwbridge (read from the host) answers itself", () => {
  const topology = design(yaml`
    name: t
    hosts:
      node-1: { nics: { ens33: { address: 192.168.0.11/24 } } }
      node-2: { nics: { ens33: { address: 192.168.0.12/24 } } }
    networks: { br1: { driver: bridge }, sw2: { driver: overlay, control: swarm } }
    containers:
      c1: { host: node-1, image: busybox, networks: { sw2: {} } }
      c3: { host: node-2, image: busybox, networks: { br1: {} } }
  `);
  const matrix = expectMatrix(topology, {
    addresses: { c1: { sw2: "10.0.1.4", docker_gwbridge: "172.18.0.3" }, c3: { br1: "172.18.0.3" } },
  });
  expect(cell(matrix, "c1", "c3", "ip")).toMatchObject({
    expected: "reach",
    reasonCode: "address-shadowed",
    reason: expect.objectContaining({
      en: "172.18.0.3 is c1's own address on docker_gwbridge: the ping answers itself and never reaches c3",
    }),
  });
  expect(cell(matrix, "c3", "c1", "ip").expected).toBe("blocked");
});

describe("addresses off a container's own subnets go where its default route goes", () => {
  const routed = (extra: string) =>
    design(yaml`
      name: t
      hosts:
        node-1: { nics: { ens33: { address: 192.168.0.11/24, promisc: true } } }
        node-2: { nics: { ens33: { address: 192.168.0.12/24, promisc: true } } }
      networks:
        rt: { driver: bridge, cross_host: routed, subnets: { node-1: 10.101.1.0/24, node-2: 10.101.2.0/24 } }
        br: { driver: bridge, subnet: 10.40.0.0/24 }
        mv: { driver: macvlan, subnet: 10.41.0.0/24, parent: { node-1: ens33, node-2: ens33 } }
        aov: { driver: overlay, control: swarm }
      containers:
        ${extra}
    `);

  it("through the host: a container not on a routed bridge still reaches it on another host", () => {
    const matrix = expectMatrix(
      routed(
        "ca: { host: node-1, image: busybox, networks: { br: {} } }\ncb: { host: node-2, image: busybox, networks: { rt: { ip: 10.101.2.10 } } }",
      ),
    );
    expect(cell(matrix, "ca", "cb", "ip")).toMatchObject({ expected: "reach", reasonCode: "routed-via-host" });
    expect(cell(matrix, "cb", "ca", "ip").expected).toBe("blocked");
  });

  it("through macvlan's gateway (its name sorts first): nothing routes, even on the same routed bridge", () => {
    const matrix = expectMatrix(
      routed(
        "ca: { host: node-1, image: busybox, networks: { rt: {}, mv: { ip: 10.41.0.10 } } }\ncb: { host: node-2, image: busybox, networks: { rt: { ip: 10.101.2.10 } } }",
      ),
    );
    expect(cell(matrix, "ca", "cb", "ip", "10.101.2.10")).toMatchObject({
      expected: "blocked",
      reasonCode: "default-route-elsewhere",
    });
    expect(cell(matrix, "cb", "ca", "ip", "10.101.1.2").reason.en).toContain("the reply never reaches node-1");
  });

  it("the join order does not matter: the first network by name with a gateway wins, overlays aside", () => {
    // Measured (fuzz seed 5, design 19, and fixture default-route-join-order).
    const topology = routed(
      "ca: { host: node-1, image: busybox, networks: { mv: { ip: 10.41.0.10 }, aov: {}, br: {} } }\ncb: { host: node-1, image: busybox, networks: { aov: {}, br: {}, mv: { ip: 10.41.0.11 } } }\ncc: { host: node-2, image: busybox, networks: { aov: {} } }",
    );
    const containers = topology.containers ?? {};
    expect(defaultRoute(topology, containers.ca as Container)).toEqual({ kind: "host", network: "br" });
    expect(defaultRoute(topology, containers.cb as Container)).toEqual({ kind: "host", network: "br" });
    expect(defaultRoute(topology, containers.cc as Container)).toEqual({ kind: "host", network: null });
  });

  it("the default route is the first network by name with a gateway, then docker_gwbridge, whatever the order", () => {
    const topology = routed(
      "ca: { host: node-1, image: busybox, networks: { rt: {}, mv: { ip: 10.41.0.10 }, br: {} } }\ncb: { host: node-2, image: busybox, networks: { mv: { ip: 10.41.0.11 } } }",
    );
    const containers = topology.containers ?? {};
    expect(defaultRoute(topology, containers.ca as Container)).toEqual({ kind: "host", network: "br" });
    expect(defaultRoute(topology, containers.cb as Container)).toEqual({ kind: "macvlan", network: "mv" });
  });
});

it.each(loadExamples().map(({ file, topology }) => [file, topology]))(
  "%s: every ordered pair of distinct containers has a cell by name and one per target address",
  (_file, topology) => {
    const names = Object.keys(topology.containers ?? {});
    const matrix = expectMatrix(topology);
    for (const from of names)
      for (const to of names) {
        const cells = matrix.pairs.filter((c) => c.from === from && c.to === to);
        if (from === to) expect(cells).toEqual([]);
        else {
          expect(cells.filter((c) => c.by === "name")).toHaveLength(1);
          expect(cells.filter((c) => c.by === "ip")).toHaveLength(
            Object.keys(topology.containers?.[to]?.networks ?? {}).length,
          );
        }
      }
    expect(JSON.stringify(expectMatrix(topology))).toBe(JSON.stringify(matrix));
  },
);
