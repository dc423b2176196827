import { expect, it } from "vitest";
import { checkTopologyText } from "./check";
import { assignAddresses, type Ipam } from "./ipam";
import type { Topology } from "./schema";
import { example, yaml } from "./testing/text";

function design(text: string): Topology {
  const { topology, issues } = checkTopologyText(text);
  if (!topology) throw new Error(JSON.stringify(issues));
  return topology;
}

/** container → network → address (or its source when only Docker will know it). */
function addresses(ipam: Ipam): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(ipam.containers).map(([container, networks]) => [
      container,
      Object.fromEntries(Object.entries(networks).map(([net, a]) => [net, a.ip ?? `(${a.source})`])),
    ]),
  );
}

function subnets(ipam: Ipam): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(ipam.networks).map(([name, n]) => [
      name,
      Object.fromEntries(Object.entries(n.perHost).map(([host, p]) => [host, `${p.subnet ?? "-"} ${p.source}`])),
    ]),
  );
}

/** The tutorial's §5.3-5.6, the KV way: ov_net1 then ov_net2 created on node-2; bbox-3 connected to ov_net1 last. */
const TUTORIAL_KV = yaml`
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
    bbox-3: { host: node-2, image: busybox, networks: { ov_net2: {}, ov_net1: {} } }
`;

it("the tutorial's KV overlays: bbox-1 10.0.0.2, bbox-2 10.0.0.3, bbox-3 10.0.1.2 on ov_net2, then 10.0.0.4 on ov_net1", () => {
  const ipam = assignAddresses(design(TUTORIAL_KV));
  expect(addresses(ipam)).toEqual({
    "bbox-1": { ov_net1: "10.0.0.2" },
    "bbox-2": { ov_net1: "10.0.0.3" },
    "bbox-3": { ov_net2: "10.0.1.2", ov_net1: "10.0.0.4" },
  });
});

it("overlays without a subnet take 10.0.0.0/24, 10.0.1.0/24 … in creation order, the same on every host", () => {
  const ipam = assignAddresses(design(TUTORIAL_KV));
  expect(subnets(ipam)).toEqual({
    ov_net1: { "node-2": "10.0.0.0/24 predicted", "node-3": "10.0.0.0/24 predicted" },
    ov_net2: { "node-2": "10.0.1.0/24 predicted" },
  });
  expect(ipam.networks.ov_net1?.perHost["node-2"]?.gateway).toBe("10.0.0.1");
});

it("an overlay's default pool skips a /24 another overlay of the design names", () => {
  const text = TUTORIAL_KV.replace(
    'ov_net1: { driver: overlay, control: { kv: "consul://node-1:8500" } }',
    'ov_net1: { driver: overlay, control: { kv: "consul://node-1:8500" }, subnet: 10.0.1.0/24 }',
  );
  expect(subnets(assignAddresses(design(text))).ov_net2).toEqual({ "node-2": "10.0.0.0/24 predicted" });
});

it("containers on one network get the lowest free address after the gateway, in document order", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} } }
      networks: { n: { driver: bridge, subnet: 172.20.0.0/24 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { n: {} } }
        c2: { host: node-1, image: busybox, networks: { n: {} } }
        c3: { host: node-1, image: busybox, networks: { n: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ c1: { n: "172.20.0.2" }, c2: { n: "172.20.0.3" }, c3: { n: "172.20.0.4" } });
});

it("every container's first network is joined at docker run; the others by docker network connect afterwards", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} } }
      networks:
        a: { driver: bridge, subnet: 172.20.0.0/24 }
        b: { driver: bridge, subnet: 172.21.0.0/24 }
      containers:
        c1: { host: node-1, image: busybox, networks: { a: {}, b: {} } }
        c2: { host: node-1, image: busybox, networks: { b: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ c1: { a: "172.20.0.2", b: "172.21.0.3" }, c2: { b: "172.21.0.2" } });
});

it("fixed addresses are reserved first, so a predicted one never takes them", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} } }
      networks: { n: { driver: bridge, subnet: 172.20.0.0/24 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { n: {} } }
        c2: { host: node-1, image: busybox, networks: { n: { ip: 172.20.0.2 } } }
        c3: { host: node-1, image: busybox, networks: { n: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ c1: { n: "172.20.0.3" }, c2: { n: "172.20.0.2" }, c3: { n: "172.20.0.4" } });
  expect(ipam.containers.c2?.n?.source).toBe("fixed");
  expect(ipam.containers.c1?.n?.source).toBe("predicted");
});

it("the gateway is skipped wherever it is; with the gateway at .254 the first container takes .1", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} } }
      networks: { n: { driver: bridge, subnet: 172.20.0.0/29, gateway: 172.20.0.6 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { n: {} } }
        c2: { host: node-1, image: busybox, networks: { n: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ c1: { n: "172.20.0.1" }, c2: { n: "172.20.0.2" } });
});

it("a full subnet leaves the next container's address to run time", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} } }
      networks: { n: { driver: bridge, subnet: 172.20.0.0/30 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { n: {} } }
        c2: { host: node-1, image: busybox, networks: { n: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ c1: { n: "172.20.0.2" }, c2: { n: "(runtime)" } });
});

it("a local bridge on two hosts is two segments: each host starts at .2", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts: { node-1: { nics: {} }, node-2: { nics: {} } }
      networks: { n: { driver: bridge, subnet: 172.20.0.0/24 } }
      containers:
        c1: { host: node-1, image: busybox, networks: { n: {} } }
        c2: { host: node-2, image: busybox, networks: { n: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ c1: { n: "172.20.0.2" }, c2: { n: "172.20.0.2" } });
});

it("a macvlan network across hosts is one segment: predicted addresses differ across hosts (the plan pins them)", () => {
  const ipam = assignAddresses(
    design(yaml`
      name: t
      hosts:
        node-1: { nics: { ens33: { promisc: true } } }
        node-2: { nics: { ens33: { promisc: true } } }
      networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, gateway: 10.0.0.1, parent: { node-1: ens33, node-2: ens33 } } }
      containers:
        bbox-1: { host: node-1, image: busybox, networks: { m: {} } }
        bbox-2: { host: node-2, image: busybox, networks: { m: {} } }
    `),
  );
  expect(addresses(ipam)).toEqual({ "bbox-1": { m: "10.0.0.2" }, "bbox-2": { m: "10.0.0.3" } });
  expect(ipam.networks.m?.userSubnet).toBe(true);
});

it("routed bridges use each host's own subnet", () => {
  const ipam = assignAddresses(example("bridge-routed.yaml"));
  expect(addresses(ipam)).toEqual({ "bbox-1": { br_net: "172.20.1.2" }, "bbox-2": { br_net: "172.20.2.2" } });
  expect(subnets(ipam)).toEqual({ br_net: { "node-1": "172.20.1.0/24 design", "node-2": "172.20.2.0/24 design" } });
});

it("swarm overlays are addressed by the swarm at run time, not predicted", () => {
  const ipam = assignAddresses(example("overlay-isolation.yaml"));
  expect(addresses(ipam)).toEqual({
    "bbox-1": { ov_net1: "(runtime)" },
    "bbox-2": { ov_net1: "(runtime)" },
    "bbox-3": { ov_net2: "(runtime)", ov_net1: "(runtime)" },
  });
  expect(subnets(ipam)).toEqual({
    ov_net1: { "node-2": "- runtime", "node-3": "- runtime" },
    ov_net2: { "node-2": "- runtime" },
  });
});

it("on a swarm overlay with a subnet of yours only fixed addresses are known before the run (swarm's per-node load balancer takes its own)", () => {
  const text = yaml`
    name: t
    hosts:
      node-2: { nics: { ens32: { address: 192.168.0.102/24 } } }
      node-3: { nics: { ens32: { address: 192.168.0.103/24 } } }
    networks: { ov: { driver: overlay, control: swarm, subnet: 10.22.1.0/24, ip_range: 10.22.1.128/25 } }
    containers:
      bbox-1: { host: node-2, image: busybox, networks: { ov: {} } }
      bbox-2: { host: node-3, image: busybox, networks: { ov: { ip: 10.22.1.10 } } }
  `;
  expect(addresses(assignAddresses(design(text)))).toEqual({
    "bbox-1": { ov: "(runtime)" },
    "bbox-2": { ov: "10.22.1.10" },
  });
});

it("a network's ip_range is where predicted addresses come from", () => {
  const text = yaml`
    name: t
    hosts:
      node-1: { nics: { ens33: { address: 192.168.0.101/24, promisc: true } } }
    networks: { mac: { driver: macvlan, subnet: 172.16.5.0/24, ip_range: 172.16.5.64/26, parent: { node-1: ens33 } } }
    containers:
      a: { host: node-1, image: busybox, networks: { mac: {} } }
      b: { host: node-1, image: busybox, networks: { mac: { ip: 172.16.5.65 } } }
      c: { host: node-1, image: busybox, networks: { mac: {} } }
  `;
  expect(addresses(assignAddresses(design(text)))).toEqual({
    a: { mac: "172.16.5.66" },
    b: { mac: "172.16.5.65" },
    c: { mac: "172.16.5.67" },
  });
});

const LOCAL_POOLS = (hosts: string, overlay: string) => yaml`
  name: t
  hosts:
    ${hosts}
  networks:
    ${overlay}
    first: { driver: bridge }
    second: { driver: bridge }
  containers:
    a: { host: node-1, image: busybox, networks: { first: {}, second: {} } }
`;

it("bridges without a subnet take Docker's local pools after docker0's 172.17: 172.18.0.0/16, then 172.19.0.0/16", () => {
  const ipam = assignAddresses(design(LOCAL_POOLS("node-1: { nics: {} }", "")));
  expect(subnets(ipam)).toEqual({
    first: { "node-1": "172.18.0.0/16 predicted" },
    second: { "node-1": "172.19.0.0/16 predicted" },
  });
  expect(addresses(ipam)).toEqual({ a: { first: "172.18.0.2", second: "172.19.0.2" } });
});

it("on a swarm host docker_gwbridge takes 172.18.0.0/16 first, so bridges start at 172.19.0.0/16", () => {
  const text = LOCAL_POOLS(
    "node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }",
    "ov: { driver: overlay, control: swarm }",
  ).replace("networks: { first: {}, second: {} }", "networks: { first: {}, second: {}, ov: {} }");
  const ipam = assignAddresses(design(text));
  expect(subnets(ipam).first).toEqual({ "node-1": "172.19.0.0/16 predicted" });
  expect(subnets(ipam).second).toEqual({ "node-1": "172.20.0.0/16 predicted" });
});

it("a host without overlays keeps 172.18.0.0/16 for its first bridge even when other hosts are in a swarm", () => {
  const text = yaml`
    name: t
    hosts:
      node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
      node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
    networks:
      ov: { driver: overlay, control: swarm }
      br: { driver: bridge }
    containers:
      a: { host: node-1, image: busybox, networks: { ov: {} } }
      b: { host: node-1, image: busybox, networks: { br: {} } }
      c: { host: node-2, image: busybox, networks: { br: {} } }
  `;
  expect(subnets(assignAddresses(design(text))).br).toEqual({
    "node-1": "172.19.0.0/16 predicted",
    "node-2": "172.18.0.0/16 predicted",
  });
});

it("the local pools skip a subnet the design gives another network on the same host", () => {
  const text = yaml`
    name: t
    hosts: { node-1: { nics: {} } }
    networks:
      auto: { driver: bridge }
      mine: { driver: bridge, subnet: 172.18.5.0/24 }
    containers:
      a: { host: node-1, image: busybox, networks: { auto: {}, mine: {} } }
  `;
  expect(subnets(assignAddresses(design(text))).auto).toEqual({ "node-1": "172.19.0.0/16 predicted" });
});

it("after 172.31.0.0/16 the local pools continue with 192.168.0.0/20, 192.168.16.0/20", () => {
  const names = Array.from({ length: 16 }, (_, i) => `n${i}`);
  const text = [
    "name: t",
    "hosts: { node-1: { nics: {} } }",
    "networks:",
    ...names.map((name) => `  ${name}: { driver: bridge }`),
    "containers:",
    `  a: { host: node-1, image: busybox, networks: { ${names.map((name) => `${name}: {}`).join(", ")} } }`,
    "",
  ].join("\n");
  const ipam = assignAddresses(design(text));
  expect(names.map((name) => ipam.networks[name]?.perHost["node-1"]?.subnet)).toEqual([
    ...Array.from({ length: 14 }, (_, i) => `172.${18 + i}.0.0/16`),
    "192.168.0.0/20",
    "192.168.16.0/20",
  ]);
});

it("the same design always gets the same addresses", () => {
  const topology = design(TUTORIAL_KV);
  expect(JSON.stringify(assignAddresses(topology))).toBe(JSON.stringify(assignAddresses(topology)));
});
