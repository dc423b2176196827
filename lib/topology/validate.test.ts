import { describe, expect, it } from "vitest";
import { checkTopologyText } from "./check";
import type { IssueCode, IssuePath, Severity } from "./issues";
import { yaml } from "./testing/text";

/**
 * One failing and one passing design per issue code. The table is keyed by IssueCode, so a new code
 * without a case is a compile error here. `fix` turns the failing text into the passing one with the
 * smallest edit a user would make; the passing design must then have no errors at all.
 */
type Case = {
  title: string;
  severity: Severity;
  path: IssuePath;
  fails: string;
  fix: [from: string, to: string] | { text: string };
};

type EmittedCode = IssueCode;

const TWO_HOSTS = `hosts:
  node-1: { nics: { ens33: { address: 192.168.0.101/24, promisc: true } } }
  node-2: { nics: { ens33: { address: 192.168.0.102/24, promisc: true } } }`;

const manyHosts = (count: number) =>
  `name: t\nhosts:\n${Array.from({ length: count }, (_, i) => `  h${i}: { nics: {} }`).join("\n")}\n`;

const CASES: Record<EmittedCode, Case[]> = {
  "yaml-syntax": [
    {
      title: "an unclosed flow map is reported at the line and column where YAML gives up",
      severity: "error",
      path: [],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: {} } }
      `,
      fix: ["{} } }", "{} } } }"],
    },
  ],
  "too-large": [
    {
      title: "a file over 1 MiB is refused before parsing",
      severity: "error",
      path: [],
      fails: `name: t\nhosts: {}\n# ${"x".repeat(1_048_576)}\n`,
      fix: { text: "name: t\nhosts: {}\n" },
    },
    {
      title: "a command argument over 4096 characters is refused",
      severity: "error",
      path: ["containers", "c1", "command", 0],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: {} } } }
        networks: { n: { driver: bridge } }
        containers:
          c1: { host: node-1, image: busybox, networks: { n: {} }, command: [${"a".repeat(4097)}] }
      `,
      fix: [`[${"a".repeat(4097)}]`, `[${"a".repeat(4096)}]`],
    },
  ],
  "too-many": [
    {
      title: "more than 500 hosts in one design is refused",
      severity: "error",
      path: ["hosts"],
      fails: manyHosts(501),
      fix: { text: manyHosts(500) },
    },
    {
      title: "more than 64 NICs on one host is refused",
      severity: "error",
      path: ["hosts", "node-1", "nics"],
      fails: `name: t\nhosts:\n  node-1:\n    nics:\n${Array.from({ length: 65 }, (_, i) => `      eth${i}: {}`).join("\n")}\n`,
      fix: ["      eth64: {}\n", ""],
    },
  ],
  "invalid-type": [
    {
      title: "hosts written as a list instead of a map",
      severity: "error",
      path: ["hosts"],
      fails: "name: t\nhosts: [node-1]\n",
      fix: ["[node-1]", "{ node-1: { nics: {} } }"],
    },
  ],
  required: [
    {
      title: "a design without hosts",
      severity: "error",
      path: ["hosts"],
      fails: "name: t\n",
      fix: { text: "name: t\nhosts: {}\n" },
    },
    {
      title: "a container without an image",
      severity: "error",
      path: ["containers", "c1", "image"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, networks: { n: {} } } }
      `,
      fix: ["host: node-1,", "host: node-1, image: busybox,"],
    },
  ],
  "unknown-key": [
    {
      title: "a misspelt key is refused with a 'did you mean' hint",
      severity: "error",
      path: ["hosts", "node-1", "nics", "ens33", "promsc"],
      fails: "name: t\nhosts: { node-1: { nics: { ens33: { promsc: true } } } }\n",
      fix: ["promsc", "promisc"],
    },
  ],
  "invalid-value": [
    {
      title: "an unknown driver",
      severity: "error",
      path: ["networks", "n", "driver"],
      fails: "name: t\nhosts: {}\nnetworks: { n: { driver: vxlan } }\n",
      fix: ["vxlan", "bridge"],
    },
  ],
  "invalid-name": [
    {
      title: "a network named like a shell command is refused, naming the field",
      severity: "error",
      path: ["networks", "x; touch /tmp/pwned"],
      fails: `name: t\nhosts: {}\nnetworks: { "x; touch /tmp/pwned": { driver: bridge } }\n`,
      fix: ['"x; touch /tmp/pwned"', "x_touch"],
    },
  ],
  "invalid-ip": [
    {
      title: "a gateway that is not an IPv4 address",
      severity: "error",
      path: ["networks", "n", "gateway"],
      fails:
        "name: t\nhosts: {}\nnetworks: { n: { driver: bridge, subnet: 172.16.11.0/24, gateway: 172.16.11.256 } }\n",
      fix: ["172.16.11.256", "172.16.11.1"],
    },
  ],
  "invalid-cidr": [
    {
      title: "a subnet written with host bits set",
      severity: "error",
      path: ["networks", "n", "subnet"],
      fails: "name: t\nhosts: {}\nnetworks: { n: { driver: bridge, subnet: 172.16.11.1/24 } }\n",
      fix: ["172.16.11.1/24", "172.16.11.0/24"],
    },
  ],
  "invalid-image": [
    {
      title: "an image reference with spaces and capitals",
      severity: "error",
      path: ["containers", "c1", "image"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: "BusyBox latest", networks: { n: {} } } }
      `,
      fix: ['"BusyBox latest"', "busybox:latest"],
    },
  ],
  "invalid-argument": [
    {
      title: "a command argument with a newline",
      severity: "error",
      path: ["containers", "c1", "command", 2],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: { n: {} }, command: [sh, -c, "sleep 1\\nid"] } }
      `,
      fix: ['"sleep 1\\nid"', '"sleep 1; id"'],
    },
  ],
  "invalid-kv-url": [
    {
      title: "a KV store given as an http URL",
      severity: "error",
      path: ["networks", "ov", "control", "kv"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { ov: { driver: overlay, control: { kv: "http://node-1:2379" } } }
      `,
      fix: ["http://", "etcd://"],
    },
  ],
  "duplicate-name": [
    {
      title: "the same container name twice in one map (YAML duplicate key)",
      severity: "error",
      path: [],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers:
          bbox-1: { host: node-1, image: busybox, networks: { n: {} } }
          bbox-1: { host: node-1, image: busybox, networks: { n: {} } }
      `,
      fix: [
        "  bbox-1: { host: node-1, image: busybox, networks: { n: {} } }\n",
        "  bbox-0: { host: node-1, image: busybox, networks: { n: {} } }\n",
      ],
    },
    {
      title: "a NIC named like the VLAN sub-interface of another NIC",
      severity: "error",
      path: ["hosts", "node-1", "nics", "ens33", "vlans", "10"],
      fails: 'name: t\nhosts: { node-1: { nics: { "ens33.10": {}, ens33: { vlans: { 10: {} } } } } }\n',
      fix: ['"ens33.10": {}, ', ""],
    },
  ],
  "vlan-id-range": [
    {
      title: "VLAN 4095 is reserved by 802.1q",
      severity: "error",
      path: ["hosts", "node-1", "nics", "ens33", "vlans", "4095"],
      fails: "name: t\nhosts: { node-1: { nics: { ens33: { vlans: { 4095: {} } } } } }\n",
      fix: ["4095", "4094"],
    },
  ],
  "unknown-host": [
    {
      title: "a container on a host the design does not have",
      severity: "error",
      path: ["containers", "c1", "host"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-9, image: busybox, networks: { n: {} } } }
      `,
      fix: ["node-9", "node-2"],
    },
    {
      title: "a macvlan parent on a host the design does not have",
      severity: "error",
      path: ["networks", "m", "parent", "node-9"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33, node-9: ens33 } } }
      `,
      fix: [", node-9: ens33", ""],
    },
    {
      title: "a routed bridge subnet for a host the design does not have",
      severity: "error",
      path: ["networks", "b", "subnets", "node-9"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks:
          b: { driver: bridge, cross_host: routed, subnets: { node-1: 172.20.1.0/24, node-9: 172.20.2.0/24 } }
      `,
      fix: ["node-9", "node-2"],
    },
  ],
  "unknown-network": [
    {
      title: "a container attached to a network the design does not have",
      severity: "error",
      path: ["containers", "c1", "networks", "nope"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: { nope: {} } } }
      `,
      fix: ["{ nope: {} }", "{ n: {} }"],
    },
  ],
  "unknown-parent": [
    {
      title: "a macvlan parent sub-interface that is not declared on the host",
      severity: "error",
      path: ["networks", "m", "parent", "node-1"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: { promisc: true, vlans: { 10: {} } } } } }
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33.30 } } }
      `,
      fix: ["ens33.30", "ens33.10"],
    },
  ],
  "parent-in-use": [
    {
      title: "a second macvlan network on the same NIC (Docker: 'is already using parent interface ens33')",
      severity: "error",
      path: ["networks", "mac_net2", "parent", "node-1"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: { promisc: true, vlans: { 10: {}, 20: {} } } } } }
        networks:
          mac_net1: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33 } }
          mac_net2: { driver: macvlan, subnet: 10.0.1.0/24, parent: { node-1: ens33 } }
      `,
      fix: {
        text: yaml`
          name: t
          hosts: { node-1: { nics: { ens33: { promisc: true, vlans: { 10: {}, 20: {} } } } } }
          networks:
            mac_net1: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33.10 } }
            mac_net2: { driver: macvlan, subnet: 10.0.1.0/24, parent: { node-1: ens33.20 } }
        `,
      },
    },
  ],
  "parent-not-promisc": [
    {
      title: "a macvlan parent NIC that is not promiscuous is a warning on the NIC",
      severity: "warning",
      path: ["hosts", "node-1", "nics", "ens33", "promisc"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: { vlans: { 10: {} } } } } }
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33.10 } } }
      `,
      fix: ["{ vlans", "{ promisc: true, vlans"],
    },
  ],
  "subnet-overlap": [
    {
      title: "two networks on one host with overlapping subnets",
      severity: "error",
      path: ["networks", "b", "subnet"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks:
          a: { driver: bridge, subnet: 172.20.0.0/16 }
          b: { driver: bridge, subnet: 172.20.1.0/24 }
        containers:
          c1: { host: node-1, image: busybox, networks: { a: {} } }
          c2: { host: node-1, image: busybox, networks: { b: {} } }
      `,
      fix: ["172.20.1.0/24", "172.21.1.0/24"],
    },
    {
      title: "a routed bridge whose hosts' subnets overlap",
      severity: "error",
      path: ["networks", "b", "subnets", "node-2"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks:
          b: { driver: bridge, cross_host: routed, subnets: { node-1: 172.20.0.0/16, node-2: 172.20.2.0/24 } }
      `,
      fix: ["172.20.0.0/16", "172.20.1.0/24"],
    },
    {
      title: "a subnet inside docker0's 172.17.0.0/16, which Docker refuses as an overlapping pool",
      severity: "error",
      path: ["networks", "a", "subnet"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { a: { driver: bridge, subnet: 172.17.5.0/24 } }
        containers: { c1: { host: node-1, image: busybox, networks: { a: {} } } }
      `,
      fix: ["172.17.5.0/24", "172.22.5.0/24"],
    },
  ],
  "subnet-required": [
    {
      title: "a gateway without a subnet (Docker takes --gateway only with --subnet)",
      severity: "error",
      path: ["networks", "n", "gateway"],
      fails: "name: t\nhosts: {}\nnetworks: { n: { driver: bridge, gateway: 172.16.11.1 } }\n",
      fix: ["gateway:", "subnet: 172.16.11.0/24, gateway:"],
    },
    {
      title: "a fixed IP on a network without a subnet (Docker takes --ip only on user subnets)",
      severity: "error",
      path: ["containers", "c1", "networks", "n", "ip"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: { n: { ip: 172.18.0.5 } } } }
      `,
      fix: ["driver: bridge", "driver: bridge, subnet: 172.18.0.0/24"],
    },
  ],
  "gateway-outside-subnet": [
    {
      title: "a gateway outside the subnet",
      severity: "error",
      path: ["networks", "n", "gateway"],
      fails: "name: t\nhosts: {}\nnetworks: { n: { driver: bridge, subnet: 10.0.0.0/24, gateway: 10.0.1.1 } }\n",
      fix: ["10.0.1.1", "10.0.0.1"],
    },
  ],
  "ip-outside-subnet": [
    {
      title: "a container address outside its network's subnet",
      severity: "error",
      path: ["containers", "c1", "networks", "m", "ip"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, gateway: 10.0.0.1, parent: { node-1: ens33 } } }
        containers: { c1: { host: node-1, image: busybox, networks: { m: { ip: 10.0.1.11 } } } }
      `,
      fix: ["10.0.1.11", "10.0.0.11"],
    },
    {
      title: "a macvlan ip_range outside the subnet",
      severity: "error",
      path: ["networks", "m", "ip_range"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, ip_range: 10.0.1.0/25, parent: { node-1: ens33 } } }
      `,
      fix: ["10.0.1.0/25", "10.0.0.128/25"],
    },
  ],
  "ip-is-gateway": [
    {
      title: "a container given the gateway's address",
      severity: "error",
      path: ["containers", "c1", "networks", "m", "ip"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, gateway: 10.0.0.1, parent: { node-1: ens33 } } }
        containers: { c1: { host: node-1, image: busybox, networks: { m: { ip: 10.0.0.1 } } } }
      `,
      fix: ["ip: 10.0.0.1 ", "ip: 10.0.0.11 "],
    },
  ],
  "ip-reserved": [
    {
      title: "a container given the broadcast address",
      severity: "error",
      path: ["containers", "c1", "networks", "m", "ip"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33 } } }
        containers: { c1: { host: node-1, image: busybox, networks: { m: { ip: 10.0.0.255 } } } }
      `,
      fix: ["10.0.0.255", "10.0.0.254"],
    },
  ],
  "duplicate-ip": [
    {
      title: "two containers on one macvlan network with the same address on different hosts",
      severity: "error",
      path: ["containers", "bbox-2", "networks", "m", "ip"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33, node-2: ens33 } } }
        containers:
          bbox-1: { host: node-1, image: busybox, networks: { m: { ip: 10.0.0.11 } } }
          bbox-2: { host: node-2, image: busybox, networks: { m: { ip: 10.0.0.11 } } }
      `,
      fix: ["m: { ip: 10.0.0.11 } } }\n", "m: { ip: 10.0.0.12 } } }\n"],
    },
    {
      title: "two hosts whose VLAN sub-interfaces have the same address (a pasted host)",
      severity: "error",
      path: ["hosts", "node-2", "nics", "ens33", "vlans", "10", "address"],
      fails: yaml`
        name: t
        hosts:
          node-1: { nics: { ens33: { vlans: { 10: { address: 192.168.1.10/24 } } } } }
          node-2: { nics: { ens33: { vlans: { 10: { address: 192.168.1.10/24 } } } } }
      `,
      fix: [
        "node-2: { nics: { ens33: { vlans: { 10: { address: 192.168.1.10/24",
        "node-2: { nics: { ens33: { vlans: { 10: { address: 192.168.1.11/24",
      ],
    },
  ],
  "subnet-too-small": [
    {
      title: "a /30 has room for one container besides the gateway",
      severity: "error",
      path: ["networks", "n", "subnet"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge, subnet: 10.0.0.0/30 } }
        containers:
          c1: { host: node-1, image: busybox, networks: { n: {} } }
          c2: { host: node-1, image: busybox, networks: { n: {} } }
      `,
      fix: ["10.0.0.0/30", "10.0.0.0/29"],
    },
  ],
  "host-not-on-network": [
    {
      title: "a container on a host where its macvlan network has no parent",
      severity: "error",
      path: ["containers", "c2", "networks", "m"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33 } } }
        containers:
          c1: { host: node-1, image: busybox, networks: { m: { ip: 10.0.0.11 } } }
          c2: { host: node-2, image: busybox, networks: { m: { ip: 10.0.0.12 } } }
      `,
      fix: ["{ node-1: ens33 }", "{ node-1: ens33, node-2: ens33 }"],
    },
  ],
  "no-networks": [
    {
      title: "a container on no network is a warning",
      severity: "warning",
      path: ["containers", "c1", "networks"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: {} } }
      `,
      fix: ["networks: {} }", "networks: { n: {} } }"],
    },
  ],
  "overlay-no-control": [
    {
      title: "an overlay that names no control plane",
      severity: "error",
      path: ["networks", "ov", "control"],
      fails: "name: t\nhosts: {}\nnetworks: { ov: { driver: overlay } }\n",
      fix: ["driver: overlay", "driver: overlay, control: swarm"],
    },
  ],
  "overlay-kv-removed": [
    {
      title: "a KV-store overlay warns that Docker 23.0 removed --cluster-store",
      severity: "warning",
      path: ["networks", "ov", "control"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { ov: { driver: overlay, control: { kv: "etcd://node-1:2379" } } }
      `,
      fix: ['{ kv: "etcd://node-1:2379" }', "swarm"],
    },
  ],
  "kv-host-unknown": [
    {
      title: "a KV store on a host that is neither in the design nor an address",
      severity: "error",
      path: ["networks", "ov", "control", "kv"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { ov: { driver: overlay, control: { kv: "etcd://node-9:2379" } } }
      `,
      fix: ["node-9", "node-1"],
    },
  ],
  "mixed-overlay-control": [
    {
      title: "one host on a swarm overlay and a KV-store overlay at once",
      severity: "error",
      path: ["networks", "ov2", "control"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks:
          ov1: { driver: overlay, control: swarm }
          ov2: { driver: overlay, control: { kv: "etcd://node-2:2379" } }
        containers:
          c1: { host: node-1, image: busybox, networks: { ov1: {}, ov2: {} } }
      `,
      fix: ['{ kv: "etcd://node-2:2379" }', "swarm"],
    },
  ],
  "macvlan-no-dns-across-hosts": [
    {
      title: "macvlan containers on two hosts get a note that names do not resolve across hosts",
      severity: "info",
      path: ["networks", "m"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33, node-2: ens33 } } }
        containers:
          bbox-1: { host: node-1, image: busybox, networks: { m: { ip: 10.0.0.11 } } }
          bbox-2: { host: node-2, image: busybox, networks: { m: { ip: 10.0.0.12 } } }
      `,
      fix: ["bbox-2: { host: node-2", "bbox-2: { host: node-1"],
    },
  ],
  "macvlan-no-subnet": [
    {
      title: "a macvlan network without a subnet is a warning",
      severity: "warning",
      path: ["networks", "m"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { m: { driver: macvlan, parent: { node-1: ens33 } } }
      `,
      fix: ["driver: macvlan,", "driver: macvlan, subnet: 10.0.0.0/24,"],
    },
  ],
  "routed-bridge-subnets": [
    {
      title: "a routed bridge with one shared subnet instead of one per host",
      severity: "error",
      path: ["networks", "b", "subnet"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { b: { driver: bridge, cross_host: routed, subnet: 172.20.0.0/16 } }
      `,
      fix: ["subnet: 172.20.0.0/16", "subnets: { node-1: 172.20.1.0/24, node-2: 172.20.2.0/24 }"],
    },
    {
      title: "per-host subnets on a bridge that is not routed",
      severity: "error",
      path: ["networks", "b", "subnets"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { b: { driver: bridge, subnets: { node-1: 172.20.1.0/24, node-2: 172.20.2.0/24 } } }
      `,
      fix: ["driver: bridge,", "driver: bridge, cross_host: routed,"],
    },
  ],
  "no-underlay-path": [
    {
      title: "a routed bridge between hosts whose NICs share no subnet",
      severity: "error",
      path: ["hosts", "node-2", "nics"],
      fails: yaml`
        name: t
        hosts:
          node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
          node-2: { nics: { ens33: { address: 192.168.9.102/24 } } }
        networks:
          b: { driver: bridge, cross_host: routed, subnets: { node-1: 172.20.1.0/24, node-2: 172.20.2.0/24 } }
      `,
      fix: ["192.168.9.102/24", "192.168.0.102/24"],
    },
    {
      title: "a KV store on a host without any address",
      severity: "error",
      path: ["hosts", "node-3", "nics"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
          node-3: { nics: { ens33: {} } }
        networks: { ov: { driver: overlay, control: { kv: "etcd://node-3:2379" } } }
      `,
      fix: ["ens33: {} }", "ens33: { address: 192.168.0.103/24 } }"],
    },
    {
      title: "a host alone on a swarm overlay with no address to advertise (swarm init needs one)",
      severity: "error",
      path: ["hosts", "node-1", "nics"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: {} } } }
        networks: { ov: { driver: overlay, control: swarm } }
        containers: { bbox-1: { host: node-1, image: busybox, networks: { ov: {} } } }
      `,
      fix: ["ens33: {}", "ens33: { address: 192.168.0.102/24 }"],
    },
    {
      title: "a host on a KV-store overlay that shares no subnet with the KV store's host",
      severity: "error",
      path: ["hosts", "node-2", "nics"],
      fails: yaml`
        name: t
        hosts:
          node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
          node-2: { nics: { ens33: { address: 192.168.7.102/24 } } }
        networks: { ov: { driver: overlay, control: { kv: "etcd://node-1:2379" } } }
        containers: { bbox-1: { host: node-2, image: busybox, networks: { ov: {} } } }
      `,
      fix: ["192.168.7.102/24", "192.168.0.102/24"],
    },
  ],
  "third-party-driver": [
    {
      title: "a weave network notes that its software must be installed",
      severity: "info",
      path: ["networks", "w", "driver"],
      fails: "name: t\nhosts: {}\nnetworks: { w: { driver: weave } }\n",
      fix: ["driver: weave", "driver: overlay, control: swarm"],
    },
  ],
  "swarm-ip-runtime": [
    {
      title: "containers on a swarm overlay without fixed addresses get a note that swarm picks them",
      severity: "info",
      path: ["networks", "ov"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { ov: { driver: overlay, control: swarm } }
        containers: { bbox-1: { host: node-1, image: busybox, networks: { ov: {} } } }
      `,
      fix: {
        text: yaml`
          name: t
          ${TWO_HOSTS}
          networks: { ov: { driver: overlay, control: swarm, subnet: 10.0.9.0/24, ip_range: 10.0.9.128/25 } }
          containers: { bbox-1: { host: node-1, image: busybox, networks: { ov: { ip: 10.0.9.11 } } } }
        `,
      },
    },
  ],
  "swarm-fixed-address": [
    {
      title: "fixed addresses on a swarm overlay without an ip_range are warned about swarm's load-balancer address",
      severity: "warning",
      path: ["networks", "ov"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { ov: { driver: overlay, control: swarm, subnet: 10.0.9.0/24 } }
        containers: { bbox-1: { host: node-1, image: busybox, networks: { ov: { ip: 10.0.9.11 } } } }
      `,
      fix: ["subnet: 10.0.9.0/24", "subnet: 10.0.9.0/24, ip_range: 10.0.9.128/25"],
    },
    {
      title: "a fixed address inside the swarm overlay's ip_range is warned about",
      severity: "warning",
      path: ["containers", "bbox-1", "networks", "ov", "ip"],
      fails: yaml`
        name: t
        ${TWO_HOSTS}
        networks: { ov: { driver: overlay, control: swarm, subnet: 10.0.9.0/24, ip_range: 10.0.9.0/25 } }
        containers: { bbox-1: { host: node-1, image: busybox, networks: { ov: { ip: 10.0.9.11 } } } }
      `,
      fix: ["ip_range: 10.0.9.0/25", "ip_range: 10.0.9.128/25"],
    },
  ],
  "invalid-port": [
    {
      title: "a service port above 65535",
      severity: "error",
      path: ["containers", "c1", "services", 0, "port"],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: { n: {} }, services: [{ proto: tcp, port: 80000 }] } }
      `,
      fix: ["port: 80000", "port: 80"],
    },
  ],
  "invalid-publish": [
    {
      title: "a published port range",
      severity: "error",
      path: ["containers", "c1", "publish", 0],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: { n: {} }, publish: ["8080-8081:80/tcp"] } }
      `,
      fix: ["8080-8081:80/tcp", "8080:80/tcp"],
    },
    {
      title: "an address the host does not have",
      severity: "error",
      path: ["containers", "c1", "publish", 0],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: { ens33: { address: 192.168.0.101/24 } } } }
        networks: { n: { driver: bridge } }
        containers: { c1: { host: node-1, image: busybox, networks: { n: {} }, publish: ["192.168.0.99:8080:80/tcp"] } }
      `,
      fix: ["192.168.0.99:8080", "192.168.0.101:8080"],
    },
  ],
  "publish-conflict": [
    {
      title: "one host port published by two containers of a host",
      severity: "error",
      path: ["containers", "c2", "publish", 0],
      fails: yaml`
        name: t
        hosts: { node-1: { nics: {} } }
        networks: { n: { driver: bridge } }
        containers:
          c1: { host: node-1, image: busybox, networks: { n: {} }, publish: ["8080:80/tcp"] }
          c2: { host: node-1, image: busybox, networks: { n: {} }, publish: ["8080:8000/tcp"] }
      `,
      fix: ["8080:8000/tcp", "8081:8000/tcp"],
    },
  ],
  "shim-network": [
    {
      title: "a shim on a bridge network",
      severity: "error",
      path: ["hosts", "node-1", "shims", 0, "network"],
      fails: yaml`
        name: t
        hosts:
          node-1: { nics: { ens33: { address: 192.168.0.101/24, promisc: true } }, shims: [{ network: br, name: shim0, ip: 10.0.0.250 }] }
        networks:
          br: { driver: bridge }
          mac: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33 } }
        containers: { c1: { host: node-1, image: busybox, networks: { mac: { ip: 10.0.0.11 } } } }
      `,
      fix: ["network: br,", "network: mac,"],
    },
  ],
};

function fixed(c: Case): string {
  if (!Array.isArray(c.fix)) return c.fix.text;
  const [from, to] = c.fix;
  if (!c.fails.includes(from)) throw new Error(`case '${c.title}': '${from}' is not in its design`);
  return c.fails.replace(from, to);
}

const rows = Object.entries(CASES).flatMap(([code, cases]) =>
  cases.map((c) => ({ name: `${code}: ${c.title}`, code: code as IssueCode, c })),
);

describe("every issue code", () => {
  it.each(rows)("$name: reported with its path and severity", ({ code, c }) => {
    const { issues } = checkTopologyText(c.fails);
    const matching = issues.filter((issue) => issue.code === code);
    expect(matching.map(({ path, severity }) => ({ path, severity }))).toContainEqual({
      path: c.path,
      severity: c.severity,
    });
    for (const issue of matching) {
      expect(issue.message.en.length).toBeGreaterThan(10);
      expect(issue.hint.en.length).toBeGreaterThan(10);
      if (code !== "too-large" || c.path.length > 0) expect(issue.line).toBeGreaterThan(0);
    }
  });

  it.each(rows)("$name: gone once fixed, and the fixed design is valid", ({ code, c }) => {
    const result = checkTopologyText(fixed(c));
    expect(result.issues.map((issue) => issue.code)).not.toContain(code);
    expect(result.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

it("a misspelt key's hint names the key it most likely meant and what is allowed", () => {
  const { issues } = checkTopologyText(
    "name: t\nhosts: { node-1: { nics: { ens33: { promsc: true } } } }\nnetwroks: {}\n",
  );
  expect(
    issues.map(({ code, path, hint, line, column }) => ({ code, path, hint: hint.en, line, column })),
  ).toMatchInlineSnapshot(`
      [
        {
          "code": "unknown-key",
          "column": 37,
          "hint": "Did you mean 'promisc'? Allowed here: address, promisc, vlans.",
          "line": 2,
          "path": [
            "hosts",
            "node-1",
            "nics",
            "ens33",
            "promsc",
          ],
        },
        {
          "code": "unknown-key",
          "column": 1,
          "hint": "Did you mean 'networks'? Allowed here: name, description, hosts, networks, containers.",
          "line": 3,
          "path": [
            "netwroks",
          ],
        },
      ]
    `);
});

it("errors are errors, notes are not: a design with only warnings and notes is ok", () => {
  const result = checkTopologyText(CASES["macvlan-no-subnet"][0]?.fails ?? "");
  expect(result.issues.map((issue) => issue.severity)).toEqual(["warning"]);
  expect(result.ok).toBe(true);
});

it("the host-bits hint names the subnet the user most likely meant", () => {
  const { issues } = checkTopologyText(CASES["invalid-cidr"][0]?.fails ?? "");
  expect(issues[0]?.hint.en).toContain("Did you mean 172.16.11.0/24?");
});

it("parent-in-use quotes Docker's own refusal from the tutorial", () => {
  const { issues } = checkTopologyText(CASES["parent-in-use"][0]?.fails ?? "");
  expect(issues.find((issue) => issue.code === "parent-in-use")?.message.en).toContain(
    "network mac_net1 is already using parent interface ens33",
  );
});
