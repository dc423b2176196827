import { t } from "../i18n/text";
import { entries, networkHosts } from "../topology/model";
import type { Topology } from "../topology/schema";
import { ipCmd, ovsCmd } from "./commands";
import type { PlanContext } from "./context";

// Tunnels between the hosts of an OVS network: the port names, and on the userspace (netdev)
// datapath kernel VXLAN/GRE links plugged into the bridge.

type KernelTunnel = {
  host: string;
  bridge: string;
  port: string;
  tunnel: "vxlan" | "gre";
  key: number;
  remote: string;
  local: string;
  dev: string;
  peer: string;
  /** UDP port of a VXLAN link: 4789 for the hub's first link, one more for each further one. */
  dstport: number;
  created: string | undefined;
  existing: boolean;
};

/**
 * Userspace OVS (the lab: no OVS kernel module) does not send its own VXLAN/GRE ports out of a NIC it
 * does not own, so the tunnel is the kernel's: a vxlan (or gretap) device to the peer, added to the
 * bridge as a plain port. Same frames on the wire. The kernel takes one VXLAN device per VNI and UDP
 * port, so the hub's links to its second, third … host use UDP ports 4790, 4791 …
 */
export function planKernelTunnel(ctx: PlanContext, tun: KernelTunnel): void {
  if (tun.tunnel === "gre") {
    // Measured: the lab's kernel has no GRE devices ('ip link add … type gretap' says "Unknown device
    // type"), and userspace OVS only tunnels over a NIC it owns. Say so instead of planning a failing step.
    ctx.conflict({
      host: tun.host,
      resourceId: `link:${tun.port}@${tun.host}`,
      message: t`the lab cannot build GRE tunnel ${tun.port} of ${tun.bridge}: its kernel has no GRE (gretap) devices, and userspace OVS only tunnels over a NIC it owns`,
      hint: t`On the lab, use tunnel: vxlan for this OVS network (the same bridges, VXLAN frames on the wire); GRE works on hosts with the OVS kernel module.`,
    });
    return;
  }
  const links = ctx.snapshot(tun.host).links;
  const link = links.find((candidate) => candidate.name === tun.port);
  const linkId = `link:${tun.port}@${tun.host}`;
  const made = link
    ? undefined
    : ctx.add({
        phase: "ovs",
        host: tun.host,
        kind: "create-tunnel-link",
        resourceId: linkId,
        action: "+",
        cause: t`missing`,
        missing: true,
        argv: ipCmd.addTunnelLink(tun.port, tun.tunnel, tun.key, tun.remote, tun.local, tun.dev, tun.dstport),
        explain: t`Creates the kernel ${tun.tunnel === "vxlan" ? "VXLAN" : "GRE"} device ${tun.port} toward ${tun.peer} (${tun.remote}): frames put into it travel inside ${tun.tunnel === "vxlan" ? t`UDP port ${tun.dstport}` : "GRE"} packets over ${tun.dev}.`,
      });
  if (!link?.up)
    ctx.add({
      phase: "ovs",
      host: tun.host,
      kind: "set-link-up",
      resourceId: linkId,
      action: "~",
      cause: link ? t`down` : t`new`,
      argv: ipCmd.up(tun.port),
      explain: t`Brings ${tun.port} up.`,
      dependsOn: made ? [made] : [],
    });
  if (tun.existing) return;
  ctx.add({
    phase: "ovs",
    host: tun.host,
    kind: "add-ovs-tunnel",
    resourceId: `ovs:${tun.bridge}:${tun.port}@${tun.host}`,
    action: "+",
    cause: t`missing`,
    missing: true,
    argv: ovsCmd.addPort(tun.bridge, tun.port),
    explain: t`Adds ${tun.port} to ${tun.bridge}, so frames for containers on ${tun.peer} leave through the tunnel.`,
    dependsOn: [...(tun.created ? [tun.created] : []), ...(made ? [made] : [])],
  });
}

/** VXLAN's IANA port; on the userspace datapath each hub link gets its own, counting up from it. */
export const VXLAN_PORT = 4789;

/**
 * The tunnel port (and, on the lab, kernel device) of OVS network `network` on `host` toward `peer`
 * (`index`: the peer's position among the network's hosts): `vx-node-2`. When several OVS networks join
 * the same two hosts it also carries the network's key (`vx100-node-2`): port and device names are per
 * host, not per bridge, so they would otherwise both ask for `vx-node-2`. A design with one OVS network
 * keeps the plain name, so hosts applied before keep their tunnel (a second, renamed tunnel to the same
 * peer on the same bridge would loop broadcasts). Pure; the test snapshots use it too.
 */
export function ovsTunnelPort(topology: Topology, network: string, host: string, peer: string, index: number): string {
  const definition = topology.networks?.[network];
  if (definition?.driver !== "ovs") return "";
  const shared =
    entries(topology.networks).filter(([name, other]) => {
      if (other.driver !== "ovs") return false;
      const hosts = networkHosts(topology, name);
      return hosts.includes(host) && hosts.includes(peer);
    }).length > 1;
  const prefix = `${definition.tunnel === "gre" ? "gre" : "vx"}${shared ? (definition.vni ?? 100) : ""}`;
  const named = `${prefix}-${peer}`;
  return new TextEncoder().encode(named).length <= 15 ? named : `${prefix}-h${index}`;
}
