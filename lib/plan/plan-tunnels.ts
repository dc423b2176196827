import { t } from "../i18n/text";
import { ipCmd, ovsCmd } from "./commands";
import type { PlanContext } from "./context";

// Tunnels between the hosts of an OVS network: OVS's own VXLAN/GRE ports on the kernel datapath, or
// kernel VXLAN/GRE links plugged into the bridge on the userspace (netdev) datapath.

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
    argv: ovsCmd.addPort(tun.bridge, tun.port),
    explain: t`Adds ${tun.port} to ${tun.bridge}, so frames for containers on ${tun.peer} leave through the tunnel.`,
    dependsOn: [...(tun.created ? [tun.created] : []), ...(made ? [made] : [])],
  });
}

/** VXLAN's IANA port; on the userspace datapath each hub link gets its own, counting up from it. */
export const VXLAN_PORT = 4789;

/** The tunnel port named after the peer host, or by index when that name is too long for an interface. */
export function tunnelPort(tunnel: "vxlan" | "gre", peer: string, index: number): string {
  const prefix = tunnel === "vxlan" ? "vx" : "gre";
  const named = `${prefix}-${peer}`;
  return new TextEncoder().encode(named).length <= 15 ? named : `${prefix}-h${index}`;
}
