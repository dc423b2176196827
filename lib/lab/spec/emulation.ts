import "server-only";
import { DATA_BRIDGE, hostNetns, MGMT_GATEWAY, MGMT_LINK, MGMT_SUBNET, SWITCH_NETNS, vlanIfName } from "../paths";
import { DEFAULT_LAB_ENGINE, ENGINE_26_DIR, engineOf } from "./engines";
import type { LabSpec } from "./spec";

/**
 * One sentence per thing the lab emulates and how, for the inventory's `lab.emulated` and `lab status`.
 * Pure: same spec, same sentences.
 */
export function describeEmulation(spec: LabSpec): string[] {
  const lines = [
    `Each host is a set of Linux namespaces on this machine (network ${hostNetns("<host>")}, UTS with the design's host name, a mount namespace with its own /run, /sys and /etc/resolv.conf) running its own dockerd, containerd and sshd; all hosts share this machine's kernel.`,
    `The hosts' data NICs are veth pairs into one Linux bridge ${DATA_BRIDGE} in namespace ${SWITCH_NETNS}, standing in for the physical switch; it forwards 802.1Q-tagged frames.`,
    `Management network ${MGMT_SUBNET}: mgmt0 in each host, ${MGMT_GATEWAY} on ${MGMT_LINK} on this machine; a prohibit route keeps 198.18.0.0/15 off the real uplink; hosts have no default route.`,
    "Each host's /etc/resolv.conf points at a local dnsmasq (127.0.0.1) that answers NXDOMAIN at once: the lab has no upstream DNS, so unknown names fail fast on user-defined networks (macvlan, bridge, overlay) instead of timing out; on the default bridge they still time out, as on any host without DNS.",
    "The busybox image is imported from Debian's busybox-static on every host (no registry in the lab).",
  ];
  const engines = spec.hosts.map((host) => `${host.name} ${engineOf(host)}`);
  lines.push(
    spec.hosts.every((host) => engineOf(host) === DEFAULT_LAB_ENGINE)
      ? "Every host's dockerd is the system's docker.io 20.10."
      : `Docker engines: ${engines.join(", ")} (20.10 is the system's docker.io; 26 is Debian 13's docker.io unpacked in ${ENGINE_26_DIR}, with the system's containerd and runc).`,
  );
  for (const host of spec.hosts) {
    for (const nic of host.nics) {
      for (const vlan of nic.vlans) {
        lines.push(
          `${host.name}: ${vlanIfName(nic.name, vlan.vid)} is an OVS internal port tagged ${vlan.vid} on a userspace OVS bridge (datapath_type=netdev) with ${nic.name} as trunk, standing in for an 802.1q sub-interface (this kernel has no 8021q module).`,
        );
      }
    }
  }
  for (const host of spec.hosts) {
    if (host.ovs) {
      lines.push(
        `${host.name}: Open vSwitch is the host's own userspace instance (use datapath_type=netdev bridges; this kernel has no OVS module), on the default socket /run/openvswitch/db.sock inside the host.`,
      );
    }
  }
  if (spec.kv) {
    lines.push(
      spec.kv.requested === "consul"
        ? `etcd 3.4 (v2 API) on ${spec.kv.host} ${spec.kv.address}:2379 stands in for Consul.`
        : `etcd 3.4 (v2 API) on ${spec.kv.host} ${spec.kv.address}:2379 is the KV store of the overlay networks.`,
    );
  }
  return lines;
}

/** Things the user should know about this lab (e.g. Consul replaced by etcd). */
export function labNotices(spec: LabSpec): string[] {
  const notices: string[] = [];
  if (spec.kv?.requested === "consul") {
    notices.push(
      `The design asks for Consul as the KV store; the lab runs etcd 3.4 with the v2 API on ${spec.kv.host} instead, and the hosts' dockerd use --cluster-store=etcd://${spec.kv.address}:2379.`,
    );
  }
  if (spec.kv || spec.hosts.some((host) => host.dockerd.clusterStore)) {
    notices.push(
      "dockerd --cluster-store/--cluster-advertise (overlay networks without swarm) was removed in Docker 23.0; the lab's dockerd 20.10 still has it.",
    );
  }
  return notices;
}
