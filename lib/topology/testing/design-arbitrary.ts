import fc from "fast-check";
import type { Topology } from "../schema";

/**
 * Random VALID designs small enough for the embedded lab, for differential testing (issue 10: the
 * expected matrix is a model of Docker; fuzz/lab.ts tests that model against Docker itself).
 *
 * Unlike {@link designArb} (arbitraries.ts), which explores the validator with designs that are often
 * invalid, every design drawn here passes validation (fuzz/design-arbitrary.test.ts checks thousands of
 * seeds) and stays within the lab's budget: 2–5 hosts, 1–4 networks, 2–10 containers.
 *
 * What it draws, within the rules the validator enforces:
 * - hosts `node-1`… each with one data NIC (names differ between hosts, as on real machines) addressed
 *   on the shared underlay 192.168.0.0/24, optionally a second, unaddressed NIC, and 802.1q VLANs on the
 *   data NIC where a macvlan network wants them (sometimes with an address of their own);
 * - networks: bridge (with or without subnet and gateway), routed bridge, macvlan on a NIC, macvlan over
 *   a VLAN (now and then with a different VLAN on one host), overlay (swarm, or a KV store when the
 *   engine is 20.10: one control per design), OVS (vxlan or gre);
 * - containers on 1–3 networks, with fixed addresses (always on macvlan and OVS, where Docker or
 *   ovs-docker need them; at will elsewhere when the network has a subnet) or engine-given ones, and
 *   aliases on Docker networks.
 * One macvlan per parent per host: the first untagged macvlan takes the data NIC, the second the
 * second NIC, any further one becomes a macvlan over a VLAN. Fixed addresses on swarm overlays sit
 * high in the subnet (.200+), away from the addresses swarm hands out for its load balancers.
 */

/** The Docker engine the design runs on: KV-store overlays only exist before Docker 23. */
export type FuzzEngine = "20.10" | "26";

export type FuzzLimits = {
  engine: FuzzEngine;
  /** At most this many hosts (2–5; default 5). */
  maxHosts?: number;
  /** At most this many containers (default 10). */
  maxContainers?: number;
  /** At most this many networks (default 4). */
  maxNetworks?: number;
  /** OVS tunnel kinds to draw (default both; the lab's kernel has no GRE devices: vxlan only there). */
  tunnels?: readonly ("vxlan" | "gre")[];
};

export const FUZZ_KINDS = ["bridge", "routed", "macvlan", "macvlan-vlan", "swarm", "kv", "ovs"] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

const NIC_NAMES = ["ens33", "eth0", "enp0s3", "ens32"] as const;
const SECOND_NIC = "ens34";
const UNDERLAY = "192.168.0";

type RawNetwork = {
  kind: FuzzKind;
  subnet: boolean;
  gateway: "none" | "first" | "last";
  tunnel: "vxlan" | "gre";
  /** For macvlan over a VLAN: this host index (mod hosts) gets a VLAN of its own (the segments differ). */
  oddHost: number | undefined;
};

type RawContainer = {
  host: number;
  networks: number[];
  fixed: boolean[];
  alias: boolean[];
};

type RawDesign = {
  hosts: number;
  nics: string[];
  vlanAddress: boolean[];
  networks: RawNetwork[];
  kv: boolean;
  containers: RawContainer[];
};

/** Random valid lab-sized designs for `limits.engine`; shrinking works (the mapping is pure). */
export function fuzzDesignArb(limits: FuzzLimits): fc.Arbitrary<Topology> {
  const maxHosts = Math.min(5, Math.max(2, limits.maxHosts ?? 5));
  const maxContainers = Math.max(2, limits.maxContainers ?? 10);
  const maxNetworks = Math.max(1, limits.maxNetworks ?? 4);
  const kinds = FUZZ_KINDS.filter((kind) => kind !== "kv" || limits.engine === "20.10");
  const raw: fc.Arbitrary<RawDesign> = fc.record({
    hosts: fc.integer({ min: 2, max: maxHosts }),
    nics: fc.array(fc.constantFrom(...NIC_NAMES), { minLength: 5, maxLength: 5 }),
    vlanAddress: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    networks: fc.array(
      fc.record({
        kind: fc.constantFrom(...kinds),
        subnet: fc.boolean(),
        gateway: fc.constantFrom("none", "first", "last"),
        tunnel: fc.constantFrom(...(limits.tunnels ?? (["vxlan", "gre"] as const))),
        oddHost: fc.option(fc.nat(4), { nil: undefined, freq: 6 }),
      }),
      { minLength: 1, maxLength: maxNetworks },
    ),
    kv: fc.boolean(),
    containers: fc.array(
      fc.record({
        host: fc.nat(4),
        networks: fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 }),
        fixed: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        alias: fc.array(
          fc.nat(3).map((n) => n === 0),
          { minLength: 3, maxLength: 3 },
        ),
      }),
      { minLength: 2, maxLength: maxContainers },
    ),
  });
  return raw.map((design) => buildDesign(design, limits.engine));
}

/** The designs of one fuzz run: `runs` designs drawn from `seed`, the same ones on every machine. */
export function fuzzDesigns(seed: number, runs: number, limits: FuzzLimits): Topology[] {
  return fc.sample(fuzzDesignArb(limits), { seed, numRuns: runs });
}

type NetworkMap = NonNullable<Topology["networks"]>;
type Nics = Topology["hosts"][string]["nics"];

function buildDesign(raw: RawDesign, engine: FuzzEngine): Topology {
  const hostNames = Array.from({ length: raw.hosts }, (_, i) => `node-${i + 1}`);
  const nicOf = hostNames.map((_, i) => raw.nics[i] ?? "ens33");
  const nics: Nics[] = hostNames.map((_, i) => ({
    [nicOf[i] ?? "ens33"]: { address: `${UNDERLAY}.${11 + i}/24` },
  }));
  const networks: NetworkMap = {};
  const kinds: FuzzKind[] = [];
  let untagged = 0;
  let vlans = 0;
  const useKv = engine === "20.10" && raw.kv;
  raw.networks.forEach((n, k) => {
    let kind = n.kind;
    if (kind === "kv" && engine !== "20.10") kind = "swarm";
    if (kind === "swarm" || kind === "kv") kind = useKv ? "kv" : "swarm";
    if (kind === "macvlan" && untagged >= 2) kind = "macvlan-vlan";
    const name = `${SHORT[kind]}${k + 1}`;
    const own = `10.${40 + k}.0`;
    const gateway =
      n.gateway === "first" ? { gateway: `${own}.1` } : n.gateway === "last" ? { gateway: `${own}.254` } : {};
    switch (kind) {
      case "bridge":
        networks[name] = { driver: "bridge", ...(n.subnet ? { subnet: `${own}.0/24`, ...gateway } : {}) };
        break;
      case "routed":
        networks[name] = {
          driver: "bridge",
          cross_host: "routed",
          subnets: Object.fromEntries(hostNames.map((host, i) => [host, `10.${100 + k}.${i + 1}.0/24`])),
        };
        break;
      case "macvlan": {
        const second = untagged === 1;
        untagged++;
        const parent: Record<string, string> = {};
        hostNames.forEach((host, i) => {
          const nicName = second ? SECOND_NIC : (nicOf[i] ?? "ens33");
          const hostNics = nics[i] ?? {};
          hostNics[nicName] = { ...(hostNics[nicName] ?? {}), promisc: true };
          parent[host] = nicName;
        });
        networks[name] = { driver: "macvlan", subnet: `${own}.0/24`, ...gateway, parent };
        break;
      }
      case "macvlan-vlan": {
        const vid = 10 * (vlans + 1);
        const odd = n.oddHost === undefined ? undefined : n.oddHost % raw.hosts;
        const withAddress = raw.vlanAddress[vlans] === true;
        vlans++;
        const parent: Record<string, string> = {};
        hostNames.forEach((host, i) => {
          const nicName = nicOf[i] ?? "ens33";
          const hostVid = i === odd ? vid + 5 : vid;
          const hostNics = nics[i] ?? {};
          const nic = hostNics[nicName] ?? {};
          nic.promisc = true;
          nic.vlans = {
            ...(nic.vlans ?? {}),
            [hostVid]: withAddress ? { address: `192.168.${hostVid}.${11 + i}/24` } : {},
          };
          hostNics[nicName] = nic;
          parent[host] = `${nicName}.${hostVid}`;
        });
        networks[name] = { driver: "macvlan", subnet: `${own}.0/24`, ...gateway, parent };
        break;
      }
      case "swarm":
        networks[name] = {
          driver: "overlay",
          control: "swarm",
          ...(n.subnet ? { subnet: `${own}.0/24`, ...gateway } : {}),
        };
        break;
      case "kv":
        networks[name] = {
          driver: "overlay",
          control: { kv: "etcd://node-1:2379" },
          ...(n.subnet ? { subnet: `${own}.0/24`, ...gateway } : {}),
        };
        break;
      case "ovs":
        networks[name] = {
          driver: "ovs",
          subnet: `${own}.0/24`,
          ...gateway,
          tunnel: n.tunnel,
          vni: 100 + k,
        };
        break;
    }
    kinds.push(kind);
  });
  if (untagged >= 2)
    hostNames.forEach((_, i) => {
      const hostNics = nics[i];
      if (hostNics && !hostNics[SECOND_NIC]) hostNics[SECOND_NIC] = { promisc: true };
    });

  const names = Object.keys(networks);
  const containers: NonNullable<Topology["containers"]> = {};
  raw.containers.forEach((c, index) => {
    const name = `c${index + 1}`;
    const host = hostNames[c.host % raw.hosts] ?? "node-1";
    const hostIndex = c.host % raw.hosts;
    const attached: NonNullable<Topology["containers"]>[string]["networks"] = {};
    c.networks.forEach((pick, j) => {
      const network = names[pick % names.length];
      const kind = kinds[pick % names.length];
      if (network === undefined || kind === undefined || network in attached) return;
      const definition = networks[network];
      const k = pick % names.length;
      const subnet = definition && "subnet" in definition ? definition.subnet : undefined;
      const mustFix = kind === "macvlan" || kind === "macvlan-vlan" || kind === "ovs";
      const fix = mustFix || (c.fixed[j] === true && (subnet !== undefined || kind === "routed"));
      let ip: string | undefined;
      if (fix && kind === "routed") ip = `10.${100 + k}.${hostIndex + 1}.${10 + index}`;
      else if (fix && kind === "swarm") ip = `10.${40 + k}.0.${200 + index}`;
      else if (fix && subnet) ip = `10.${40 + k}.0.${10 + index}`;
      const alias = c.alias[j] === true && kind !== "ovs";
      attached[network] = { ...(ip ? { ip } : {}), ...(alias ? { aliases: [`${name}-${SHORT[kind]}`] } : {}) };
    });
    containers[name] = { host, image: "busybox", networks: attached };
  });

  return {
    name: "fuzz",
    hosts: Object.fromEntries(hostNames.map((host, i) => [host, { nics: nics[i] ?? {} }])),
    networks,
    containers,
  };
}

const SHORT: Record<FuzzKind, string> = {
  bridge: "br",
  routed: "rt",
  macvlan: "mv",
  "macvlan-vlan": "vl",
  swarm: "sw",
  kv: "kv",
  ovs: "ovs",
};
