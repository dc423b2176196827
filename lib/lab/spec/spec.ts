import "server-only";

/** Engines a lab host may run, oldest first (what each means: lib/lab/spec/engines.ts). */
export const LAB_ENGINES = ["20.10", "26"] as const;
export type LabEngine = (typeof LAB_ENGINES)[number];

/**
 * What the embedded lab must build: one emulated host per entry, each with its data NICs,
 * their addresses and their 802.1q sub-interfaces (emulated by a per-host userspace OVS).
 * Built from a topology by `labSpecFromTopology` (lib/lab/spec/from-topology.ts) or for N plain hosts.
 */
export type LabSpec = {
  /** Lab identifier, used in messages and the inventory (`^[a-z0-9][a-z0-9-]*$`). */
  name: string;
  hosts: LabHostSpec[];
  /** A KV store (etcd v2 API) for overlay networks created the pre-swarm way. */
  kv?: LabKvSpec;
};

export type LabHostSpec = {
  /** Host name as in the design, e.g. `node-1`; also the UTS hostname inside the emulated host. */
  name: string;
  nics: LabNicSpec[];
  /** Extra dockerd settings, e.g. for KV-store overlays. */
  dockerd: { clusterStore?: string; clusterAdvertise?: string };
  /**
   * Run the host's own userspace Open vSwitch even without VLANs (for `driver: ovs` networks); hosts with
   * VLANs always get one. Inside the host it answers on the default socket, so plain `ovs-vsctl` works.
   */
  ovs?: boolean;
  /**
   * Docker engine of the host: `20.10` (the system's docker.io; the default when absent) or `26`
   * (Debian 13's, unpacked by scripts/setup-lab.sh). One lab may mix them, as real fleets do.
   */
  docker?: LabEngine;
};

/** True when the host runs its own userspace OVS (it has VLAN sub-interfaces, or the design asks for OVS). */
export function hostNeedsOvs(host: LabHostSpec): boolean {
  return host.ovs === true || host.nics.some((nic) => nic.vlans.length > 0);
}

export type LabNicSpec = {
  /** Interface name inside the host, e.g. `ens33` (at most 15 bytes). */
  name: string;
  /** Address in CIDR form, e.g. `192.168.0.102/24`; absent when the NIC carries only VLANs. */
  address?: string;
  promisc: boolean;
  /** 802.1q sub-interfaces, named `<nic>.<vid>` inside the host. */
  vlans: { vid: number; address?: string }[];
};

export type LabKvSpec = {
  /** Host that runs etcd. */
  host: string;
  /** Address etcd listens on (client port 2379), one of that host's NIC addresses, no prefix. */
  address: string;
  /** Set when the design asked for Consul: the lab serves etcd instead and says so. */
  requested: "etcd" | "consul";
};
