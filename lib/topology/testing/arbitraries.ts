import fc from "fast-check";
import type { Topology } from "../schema";

/**
 * fast-check arbitraries for designs: random hosts with NICs, VLANs and underlay addresses, networks of
 * every driver (bridge, routed bridge, macvlan over a VLAN, overlay by swarm or KV store, ovs, flannel,
 * weave, calico) and containers attached to them. The designs are built coherently (distinct subnets,
 * one parent per macvlan per host, one overlay control per design) so most of them are valid; some
 * are not (a host without an underlay address, a routed bridge on one host), which is fine: callers
 * look at `checkTopologyText(...).ok`.
 */

/** Names that are also members of Object.prototype: valid names that must not find inherited members. */
export const PROTOTYPE_NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty"] as const;

const hostName = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
);
const nicName = fc.stringMatching(/^(eth|ens|enp)[0-9]{1,3}$/);
const networkName = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,10}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
);
const containerName = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_.-]{1,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
);
const image = fc.constantFrom("busybox", "busybox:1.36", "alpine:3.20", "registry.example.com/team/app:1.0");
const commandArgs = fc.array(fc.constantFrom("sh", "-c", "sleep 1000", "$(id)", "x; touch /tmp/pwned", "--help", "é"), {
  maxLength: 3,
});

type Driver = "bridge" | "routed" | "macvlan" | "overlay" | "ovs" | "flannel" | "weave" | "calico";
const DRIVERS: Driver[] = ["bridge", "routed", "macvlan", "overlay", "ovs", "flannel", "weave", "calico"];

export type DesignLimits = { hosts?: number; networks?: number; containers?: number };

/** A random design as plain data (what a YAML or JSON file holds). */
export function designArb(limits: DesignLimits = {}): fc.Arbitrary<Topology> {
  const maxHosts = limits.hosts ?? 4;
  const maxNetworks = limits.networks ?? 4;
  const maxContainers = limits.containers ?? 6;
  return fc
    .record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      description: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      hosts: fc.uniqueArray(
        fc.record({ name: hostName, nic: nicName, second: fc.option(nicName, { nil: undefined }) }),
        {
          minLength: 1,
          maxLength: maxHosts,
          selector: (host) => host.name,
        },
      ),
      underlay: fc.array(fc.boolean(), { minLength: maxHosts, maxLength: maxHosts }),
      control: fc.constantFrom("swarm", "etcd", "consul"),
      networks: fc.uniqueArray(
        fc.record({
          name: networkName,
          driver: fc.constantFrom(...DRIVERS),
          subnet: fc.boolean(),
          gateway: fc.boolean(),
          promisc: fc.boolean(),
          flag: fc.boolean(),
          tunnel: fc.constantFrom("vxlan", "gre"),
        }),
        { maxLength: maxNetworks, selector: (network) => network.name },
      ),
      containers: fc.uniqueArray(
        fc.record({
          name: containerName,
          host: fc.nat(),
          image,
          networks: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
          fixed: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
          alias: fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { nil: undefined }),
          command: fc.option(commandArgs, { nil: undefined }),
        }),
        { maxLength: maxContainers, selector: (container) => container.name },
      ),
    })
    .map((raw) => {
      const hosts: Topology["hosts"] = {};
      raw.hosts.forEach((host, i) => {
        const primary: Topology["hosts"][string]["nics"][string] = {};
        if (raw.underlay[i] !== false || i === 0) primary.address = `192.168.0.${i + 1}/24`;
        const nics: Topology["hosts"][string]["nics"] = { [host.nic]: primary };
        if (host.second && host.second !== host.nic) nics[host.second] = {};
        hosts[host.name] = { nics };
      });
      const hostNames = raw.hosts.map((host) => host.name);
      const networks: NonNullable<Topology["networks"]> = {};
      raw.networks.forEach((n, k) => {
        networks[n.name] = networkOf(n, k, raw.control, raw.hosts, hosts);
      });
      const networkNames = Object.keys(networks);
      const containers: NonNullable<Topology["containers"]> = {};
      raw.containers.forEach((c, index) => {
        const host = hostNames[c.host % hostNames.length] ?? "";
        const attached: NonNullable<Topology["containers"]>[string]["networks"] = {};
        c.networks.forEach((pick, j) => {
          const name = networkNames[pick % Math.max(networkNames.length, 1)];
          if (name === undefined || name in attached) return;
          const network = networks[name];
          const subnet = network && "subnet" in network ? network.subnet : undefined;
          const pinned = network?.driver === "macvlan" || network?.driver === "ovs" || c.fixed[j] === true;
          attached[name] = {
            ...(subnet && pinned ? { ip: addressIn(subnet, 10 + index) } : {}),
            ...(c.alias && j === 0 ? { aliases: [c.alias] } : {}),
          };
        });
        containers[c.name] = {
          host,
          image: c.image,
          networks: attached,
          ...(c.command ? { command: c.command } : {}),
        };
      });
      return {
        name: raw.name,
        ...(raw.description !== undefined ? { description: raw.description } : {}),
        hosts,
        networks,
        containers,
      } satisfies Topology;
    });
}

type RawNetwork = {
  driver: Driver;
  subnet: boolean;
  gateway: boolean;
  promisc: boolean;
  flag: boolean;
  tunnel: "vxlan" | "gre";
};

function networkOf(
  n: RawNetwork,
  k: number,
  control: string,
  rawHosts: { name: string; nic: string }[],
  hosts: Topology["hosts"],
): NonNullable<Topology["networks"]>[string] {
  const own = `10.${10 + k}.0.0/24`;
  const gateway = `10.${10 + k}.0.1`;
  switch (n.driver) {
    case "bridge":
      return {
        driver: "bridge",
        ...(n.subnet ? { subnet: `172.${20 + k}.0.0/16`, ...(n.gateway ? { gateway: `172.${20 + k}.0.1` } : {}) } : {}),
        ...(n.flag ? { bridge: `br-n${k}` } : {}),
      };
    case "routed":
      return {
        driver: "bridge",
        cross_host: "routed",
        subnets: Object.fromEntries(rawHosts.map((host, i) => [host.name, `10.${100 + k}.${i}.0/24`])),
      };
    case "macvlan": {
      const vid = 100 + k;
      const parent: Record<string, string> = {};
      for (const host of rawHosts) {
        const nic = hosts[host.name]?.nics[host.nic];
        if (!nic) continue;
        nic.vlans = { ...(nic.vlans ?? {}), [vid]: {} };
        if (n.promisc) nic.promisc = true;
        parent[host.name] = `${host.nic}.${vid}`;
      }
      return {
        driver: "macvlan",
        ...(n.subnet ? { subnet: own, ...(n.gateway ? { gateway } : {}) } : {}),
        parent,
        ...(n.flag ? { mode: "bridge" as const } : {}),
      };
    }
    case "overlay": {
      const store = rawHosts[0]?.name ?? "node-1";
      return {
        driver: "overlay",
        control:
          control === "swarm"
            ? "swarm"
            : { kv: control === "etcd" ? `etcd://${store}:2379` : `consul://${store}:8500` },
        ...(n.subnet ? { subnet: own, ...(n.gateway ? { gateway } : {}) } : {}),
        ...(n.flag ? { encrypted: true } : {}),
      };
    }
    case "ovs":
      return {
        driver: "ovs",
        subnet: own,
        ...(n.gateway ? { gateway } : {}),
        ...(n.flag ? { bridge: `br-ovs${k}` } : {}),
        tunnel: n.tunnel,
        vni: 100 + k,
      };
    case "flannel":
      return { driver: "flannel", ...(n.subnet ? { subnet: `10.${60 + k}.0.0/16` } : {}), backend: "vxlan" };
    case "weave":
      return { driver: "weave", ...(n.subnet ? { subnet: own } : {}) };
    case "calico":
      return { driver: "calico", ...(n.subnet ? { subnet: own } : {}) };
  }
}

function addressIn(subnet: string, host: number): string {
  const base = subnet.split("/")[0]?.split(".") ?? [];
  return [base[0], base[1], base[2], String(host)].join(".");
}

/**
 * Strings an attacker would put in a design: shell metacharacters, command substitution, option
 * injection, control characters, NUL, a lone surrogate, bidi overrides, over-long names, and any
 * Unicode at all.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "x; touch /tmp/pwned",
    "$(touch /tmp/pwned)",
    "`touch /tmp/pwned`",
    "-oProxyCommand=touch /tmp/pwned",
    "--privileged",
    "-",
    "a\nb",
    "a\rb",
    "a\u0000b",
    "\ud800",
    "\u202etxt.exe",
    "\u001b[2J",
    "abcdefghijklmnop",
    "a b",
    "'",
    '"',
    "\\",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell expansion is the hostile input
    "${IFS}",
    "*",
    "~root",
    "",
    "__proto__",
    "constructor",
    "toString",
    "1.2.3.4/33",
    "10.0.0.0/8 --privileged",
    "etcd://$(id):2379",
  ),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc
    .tuple(fc.constantFrom("eth0", "node-1", "busybox", "10.0.0.1"), fc.string({ unit: "binary-ascii", maxLength: 6 }))
    .map(([valid, tail]) => valid + tail),
);

/** Every string in a document, keys included, in a fixed walk order. */
export function stringSlots(doc: unknown): number {
  let count = 0;
  walk(doc, () => {
    count++;
    return undefined;
  });
  return count;
}

/** A copy of `doc` with its `index`-th string (key or value, in {@link stringSlots}' order) replaced by `value`. */
export function injectString<T>(doc: T, index: number, value: string): T {
  let seen = 0;
  return walk(structuredClone(doc), (text) => (seen++ === index ? value : text)) as T;
}

function walk(value: unknown, visit: (text: string) => string | undefined): unknown {
  if (typeof value === "string") return visit(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => walk(item, visit));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const newKey = visit(key) ?? key;
      Object.defineProperty(out, newKey, {
        value: walk(item, visit),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
