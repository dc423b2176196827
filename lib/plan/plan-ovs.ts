import { t } from "../i18n/text";
import { entries, underlayPath } from "../topology/model";
import { ovsCmd } from "./commands";
import type { PlanContext } from "./context";
import { ovsTunnelPort, planKernelTunnel, VXLAN_PORT } from "./plan-tunnels";

/**
 * An OVS bridge per host, joined in a star: the network's first host (the hub) has a tunnel port to
 * every other host, each other host one to the hub. A full mesh of tunnels is a loop once three hosts
 * take part (OVS floods a broadcast from one tunnel into the others, and it comes back around); a star
 * is a tree, and the hub switches frames between the other hosts.
 */
export function planOvs(ctx: PlanContext): void {
  const datapath = ctx.options.ovsDatapath ?? "system";
  for (const [name, network] of entries(ctx.topology.networks)) {
    if (network.driver !== "ovs") continue;
    const bridge = network.bridge ?? name;
    const tunnel = network.tunnel ?? "vxlan";
    const hosts = ctx.networkHosts(name);
    for (const host of hosts) {
      if (!ctx.reachable(host)) continue;
      const observed = ctx.snapshot(host).ovs.find((candidate) => candidate.name === bridge);
      const resourceId = `ovs:${bridge}@${host}`;
      const created = observed
        ? undefined
        : ctx.add({
            phase: "ovs",
            host,
            kind: "create-ovs-bridge",
            resourceId,
            action: "+",
            cause: t`missing`,
            missing: true,
            argv: ovsCmd.addBridge(bridge, datapath),
            explain:
              datapath === "netdev"
                ? t`Creates the Open vSwitch bridge ${bridge} in OVS's userspace datapath (this machine has no OVS kernel module).`
                : t`Creates the Open vSwitch bridge ${bridge}, a virtual switch the containers of '${name}' plug into.`,
          });
      hosts.forEach((peer, index) => {
        if (peer === host || (host !== hosts[0] && peer !== hosts[0])) return;
        const spoke = host === hosts[0] ? index : hosts.indexOf(host);
        const path = underlayPath(ctx.topology.hosts[host], ctx.topology.hosts[peer]);
        if (!path) return;
        const key = network.vni ?? 100;
        const port = ovsTunnelPort(ctx.topology, name, host, peer, index);
        const existing = observed?.ports.find((candidate) => candidate.name === port);
        if (datapath === "netdev") {
          planKernelTunnel(ctx, {
            host,
            bridge,
            port,
            tunnel,
            key,
            remote: path.toAddress,
            local: path.fromAddress,
            dev: path.fromIface,
            peer,
            dstport: VXLAN_PORT + spoke - 1,
            created,
            existing: Boolean(existing),
          });
          return;
        }
        if (existing && existing.remoteIp === path.toAddress) return;
        ctx.add({
          phase: "ovs",
          host,
          kind: "add-ovs-tunnel",
          resourceId: `ovs:${bridge}:${port}@${host}`,
          action: existing ? "~" : "+",
          cause: existing ? t`tunnel endpoint differs` : t`missing`,
          missing: !existing,
          argv: ovsCmd.addTunnel(bridge, port, tunnel, path.toAddress, key),
          explain: t`Adds a ${tunnel.toUpperCase()} tunnel port from ${bridge} to ${peer} (${path.toAddress}): frames for containers on ${peer} travel inside UDP/IP packets between the hosts.`,
          dependsOn: created ? [created] : [],
        });
      });
    }
  }
}
