import "server-only";
import { type Cidr, contains, parseCidr } from "../../topology/ip";
import type { LabSpecIssue } from "../errors";
import { HOST_MGMT_NIC, MAX_HOST_NAME, MAX_LAB_HOSTS, vlanIfName } from "../paths";
import { ENGINE_26_DIR, engineOf, isLabEngine, LAB_ENGINES } from "./engines";
import type { LabSpec } from "./spec";

const LAB_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const HOST_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const NIC_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const CLUSTER_STORE = /^(etcd|consul):\/\/[A-Za-z0-9.-]+:\d{1,5}$/;
const CLUSTER_ADVERTISE = /^[A-Za-z0-9][A-Za-z0-9_.-]*:\d{1,5}$/;
const MAX_IFNAME = 15;

/** Interface names a host already uses (lab or Docker), so a design may not take them. */
const RESERVED_NICS = new Set(["lo", HOST_MGMT_NIC, "docker0", "docker_gwbridge", "ovs-netdev", "ovs-system"]);
const RESERVED_NIC_PREFIXES = ["cnovs", "veth", "br-", "vx-"];

const MGMT_NET: Cidr = { network: 0xc6120000, prefix: 15 }; // 198.18.0.0/15
const LOOPBACK_NET: Cidr = { network: 0x7f000000, prefix: 8 }; // 127.0.0.0/8

/**
 * Every problem of a lab spec, as data (empty when the spec can be built). Checks names against the
 * kernel's and the lab's limits, addresses, VLAN ids, duplicates, the KV store's host and address, and
 * each host's Docker engine (a KV store needs 20.10's --cluster-store).
 */
export function validateLabSpec(spec: LabSpec): LabSpecIssue[] {
  const issues: LabSpecIssue[] = [];
  const add = (code: string, path: (string | number)[], message: string) => issues.push({ code, path, message });

  if (!LAB_NAME.test(spec.name)) {
    add("bad-name", ["name"], "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
  }
  if (spec.hosts.length === 0) add("no-hosts", ["hosts"], "a lab needs at least one host");
  if (spec.hosts.length > MAX_LAB_HOSTS) {
    add("too-many-hosts", ["hosts"], `at most ${MAX_LAB_HOSTS} hosts (the management network has room for that many)`);
  }

  const hostNames = new Set<string>();
  const addressOwners = new Map<number, string>();
  const hostAddresses = new Map<string, Set<string>>();

  const checkAddress = (text: string, path: (string | number)[], owner: string, mine: Set<string>) => {
    const parsed = parseCidr(text, false);
    if (!parsed || parsed.cidr.prefix < 1) {
      add("bad-address", path, `'${text}' is not an IPv4 address with a prefix length, e.g. 192.168.0.11/24`);
      return;
    }
    const address = text.slice(0, text.indexOf("/"));
    if (contains(MGMT_NET, parsed.ip)) {
      add("reserved-address", path, `${text} is inside 198.18.0.0/15, which the lab keeps for its management network`);
    }
    if (contains(LOOPBACK_NET, parsed.ip)) add("reserved-address", path, `${text} is a loopback address`);
    const previous = addressOwners.get(parsed.ip);
    if (previous) add("duplicate-address", path, `${address} is already used by ${previous}`);
    else addressOwners.set(parsed.ip, owner);
    mine.add(address);
  };

  spec.hosts.forEach((host, h) => {
    const hostPath = ["hosts", h];
    if (!HOST_NAME.test(host.name) || host.name.length > MAX_HOST_NAME) {
      add(
        "bad-host-name",
        [...hostPath, "name"],
        `'${host.name}' must be at most ${MAX_HOST_NAME} characters of letters, digits, '_', '.', '-', starting with a letter or digit`,
      );
    }
    if (hostNames.has(host.name)) add("duplicate-host", [...hostPath, "name"], `host '${host.name}' appears twice`);
    hostNames.add(host.name);
    const mine = new Set<string>();
    hostAddresses.set(host.name, mine);

    const ifNames = new Set<string>();
    host.nics.forEach((nic, n) => {
      const nicPath = [...hostPath, "nics", n];
      const nameProblem = checkIfName(nic.name);
      if (nameProblem) add("bad-nic-name", [...nicPath, "name"], nameProblem);
      if (ifNames.has(nic.name))
        add("duplicate-nic", [...nicPath, "name"], `NIC '${nic.name}' appears twice on ${host.name}`);
      ifNames.add(nic.name);
      if (nic.address !== undefined)
        checkAddress(nic.address, [...nicPath, "address"], `${host.name} ${nic.name}`, mine);

      const vids = new Set<number>();
      nic.vlans.forEach((vlan, v) => {
        const vlanPath = [...nicPath, "vlans", v];
        if (!Number.isInteger(vlan.vid) || vlan.vid < 1 || vlan.vid > 4094) {
          add("bad-vlan-id", [...vlanPath, "vid"], `VLAN id ${vlan.vid} must be an integer from 1 to 4094`);
        }
        if (vids.has(vlan.vid))
          add("duplicate-vlan", [...vlanPath, "vid"], `VLAN ${vlan.vid} appears twice on ${nic.name}`);
        vids.add(vlan.vid);
        const ifName = vlanIfName(nic.name, vlan.vid);
        if (Buffer.byteLength(ifName) > MAX_IFNAME) {
          add(
            "bad-nic-name",
            [...vlanPath, "vid"],
            `sub-interface name '${ifName}' is longer than ${MAX_IFNAME} bytes`,
          );
        }
        if (vlan.address !== undefined) {
          checkAddress(vlan.address, [...vlanPath, "address"], `${host.name} ${ifName}`, mine);
        }
      });
    });

    const { clusterStore, clusterAdvertise } = host.dockerd;
    if (host.docker !== undefined && !isLabEngine(host.docker)) {
      add(
        "bad-docker",
        [...hostPath, "docker"],
        `'${String(host.docker)}' is not a lab Docker engine: use one of ${LAB_ENGINES.join(", ")}`,
      );
    } else if (engineOf(host) !== "20.10" && (clusterStore !== undefined || spec.kv?.host === host.name)) {
      add(
        "kv-needs-docker-20.10",
        [...hostPath, "docker"],
        `host '${host.name}' runs Docker ${engineOf(host)} (${ENGINE_26_DIR}), which has no --cluster-store (removed in Docker 23): a KV-store overlay needs Docker 20.10 on every host it spans. Run this lab with --docker 20.10, or use control: swarm in the design`,
      );
    }
    if (clusterStore !== undefined && !CLUSTER_STORE.test(clusterStore)) {
      add("bad-cluster-store", [...hostPath, "dockerd", "clusterStore"], "must look like etcd://192.168.0.11:2379");
    }
    if (clusterAdvertise !== undefined && !CLUSTER_ADVERTISE.test(clusterAdvertise)) {
      add("bad-cluster-advertise", [...hostPath, "dockerd", "clusterAdvertise"], "must look like ens33:2376");
    }
  });

  if (spec.kv) {
    const owned = hostAddresses.get(spec.kv.host);
    if (!owned) add("unknown-kv-host", ["kv", "host"], `host '${spec.kv.host}' is not in the lab`);
    else if (!owned.has(spec.kv.address)) {
      add("bad-kv-address", ["kv", "address"], `${spec.kv.address} is not an address of ${spec.kv.host}`);
    }
  }
  return issues;
}

/** Why `name` cannot be an interface name in a host, or null if it can. */
function checkIfName(name: string): string | null {
  if (!NIC_NAME.test(name)) {
    return `'${name}' must use only letters, digits, '_', '-', starting with a letter or digit (sub-interfaces are declared as vlans)`;
  }
  if (Buffer.byteLength(name) > MAX_IFNAME) return `'${name}' is longer than ${MAX_IFNAME} bytes (the kernel's limit)`;
  if (RESERVED_NICS.has(name) || RESERVED_NIC_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    return `'${name}' is reserved inside lab hosts (management NIC, Docker or the lab's OVS bridges)`;
  }
  return null;
}
