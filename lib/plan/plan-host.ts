import { t } from "../i18n/text";
import { addressOf, parseCidr } from "../topology/ip";
import { entries, interfacesOf, underlayPath, vlanName } from "../topology/model";
import type { BridgeNetwork, Host } from "../topology/schema";
import { forwardAcceptSpec, ipCmd, iptablesCmd, natReturnSpec } from "./commands";
import type { PlanContext } from "./context";
import type { ObservedRule } from "./observed";

/** NIC preparation: promiscuous mode, 802.1q sub-interfaces, addresses. Returns step ids per interface. */
export function planInterfaces(ctx: PlanContext, host: string): void {
  const definition = ctx.topology.hosts[host];
  if (!definition) return;
  const snapshot = ctx.snapshot(host);
  const link = (name: string) => snapshot.links.find((candidate) => candidate.name === name);
  for (const [nicName, nic] of entries(definition.nics)) {
    const observed = link(nicName);
    const resourceId = `nic:${nicName}@${host}`;
    if (nic.promisc && !observed?.promisc)
      ctx.add({
        phase: "host",
        host,
        kind: "set-promisc",
        resourceId,
        action: "~",
        cause: t`not promiscuous`,
        argv: ipCmd.promiscOn(nicName),
        explain: t`Puts ${nicName} in promiscuous mode so it accepts frames for the MAC addresses of macvlan containers, not only its own.`,
      });
    if (observed && !observed.up)
      ctx.add({
        phase: "host",
        host,
        kind: "set-link-up",
        resourceId,
        action: "~",
        cause: t`down`,
        argv: ipCmd.up(nicName),
        explain: t`Brings ${nicName} up.`,
      });
    if (nic.address && !observed?.addresses.includes(nic.address))
      ctx.add({
        phase: "host",
        host,
        kind: "add-address",
        resourceId,
        action: "~",
        cause: t`address missing`,
        argv: ipCmd.addAddress(nic.address, nicName),
        explain: t`Gives ${nicName} its address ${nic.address} on the hosts' network.`,
      });
    for (const [vidText, vlan] of entries(nic.vlans)) {
      const vid = Number(vidText);
      const name = vlanName(nicName, vid);
      const sub = link(name);
      const vlanId = `vlan:${name}@${host}`;
      let created: string | undefined;
      if (!sub)
        created = ctx.add({
          phase: "host",
          host,
          kind: "create-vlan",
          resourceId: vlanId,
          action: "+",
          cause: t`missing`,
          missing: true,
          argv: ipCmd.addVlan(nicName, name, vid),
          explain: t`Creates the 802.1q sub-interface ${name}: frames sent through it leave ${nicName} tagged with VLAN ${vid}, and tagged frames arriving on ${nicName} come out of it. (The tutorial wrote ifcfg-${name} with VLAN=yes and ran ifup.)`,
        });
      if (!sub?.up)
        ctx.add({
          phase: "host",
          host,
          kind: "set-link-up",
          resourceId: vlanId,
          action: "~",
          cause: sub ? t`down` : t`new`,
          argv: ipCmd.up(name),
          explain: t`Brings ${name} up.`,
          dependsOn: created ? [created] : [],
        });
      if (vlan.address && !sub?.addresses.includes(vlan.address))
        ctx.add({
          phase: "host",
          host,
          kind: "add-address",
          resourceId: vlanId,
          action: "~",
          cause: sub ? t`address missing` : t`new`,
          argv: ipCmd.addAddress(vlan.address, name),
          explain: t`Gives ${name} the address ${vlan.address} in VLAN ${vid}'s own IP network.`,
          dependsOn: created ? [created] : [],
        });
    }
  }
}

export type RoutedBridge = { name: string; network: BridgeNetwork; bridge: string };

export function bridgeNameOf(name: string, network: BridgeNetwork): string {
  return network.bridge ?? name;
}

/** Static routes, forwarding and the FORWARD / NAT-exemption rules that join routed bridges across hosts. */
export function planRouting(ctx: PlanContext, host: string): void {
  const snapshot = ctx.snapshot(host);
  const label = ctx.topology.name;
  for (const [name, network] of entries(ctx.topology.networks)) {
    if (network.driver !== "bridge" || network.cross_host !== "routed") continue;
    const hosts = ctx.networkHosts(name);
    const mine = network.subnets?.[host];
    if (!hosts.includes(host) || !mine) continue;
    const bridge = bridgeNameOf(name, network);
    if (!snapshot.ipForward)
      ctx.add({
        phase: "host",
        host,
        kind: "set-ip-forward",
        resourceId: `sysctl:ip_forward@${host}`,
        action: "~",
        cause: t`forwarding off`,
        argv: ipCmd.ipForward(),
        explain: t`Lets the host forward packets between its NIC and its container bridge (Docker usually turns this on).`,
      });
    for (const peer of hosts) {
      const theirs = network.subnets?.[peer];
      if (peer === host || !theirs) continue;
      const path = underlayPath(ctx.topology.hosts[host], ctx.topology.hosts[peer]);
      if (!path) continue;
      const hasRoute = snapshot.routes.some((route) => route.dst === theirs && route.via === path.toAddress);
      if (!hasRoute)
        ctx.add({
          phase: "host",
          host,
          kind: "add-route",
          resourceId: `route:${theirs}@${host}`,
          action: "+",
          cause: t`missing`,
          missing: true,
          argv: ipCmd.addRoute(theirs, path.toAddress),
          explain: t`Sends traffic for ${peer}'s containers (${theirs}) to ${peer} itself (${path.toAddress}), which delivers it to its bridge.`,
        });
      const nat = natReturnSpec(mine, theirs, label);
      const existing = findRule(snapshot.rules, "nat", "POSTROUTING", nat);
      const natId = `rule:nat-return-${theirs}@${host}`;
      const created = `network:${name}@${host}/create-network`;
      const removed = existing?.shadowed
        ? ctx.add({
            phase: "networks",
            host,
            kind: "del-rule",
            resourceId: natId,
            action: "-",
            cause: t`below Docker's masquerade rule`,
            argv: iptablesCmd.remove("nat", "POSTROUTING", nat),
            explain: t`Docker put its MASQUERADE rule for ${mine} above this exemption (it does when it starts), so the exemption never matches: remove it to insert it again on top.`,
            dependsOn: [created],
          })
        : undefined;
      if (!existing || existing.shadowed)
        ctx.add({
          phase: "networks",
          host,
          kind: "add-rule",
          resourceId: natId,
          action: "+",
          cause: existing ? t`below Docker's masquerade rule` : t`missing`,
          missing: !existing,
          argv: iptablesCmd.insert("nat", "POSTROUTING", nat),
          explain: t`Exempts traffic from ${mine} to ${theirs} from Docker's masquerade, so ${peer} sees the real container address and can answer it. Inserted after the bridge exists, above Docker's own MASQUERADE rule for it.`,
          dependsOn: [created, ...(removed ? [removed] : [])],
        });
    }
    if (hosts.length > 1) {
      const peer = hosts.find((candidate) => candidate !== host);
      const path = peer ? underlayPath(ctx.topology.hosts[host], ctx.topology.hosts[peer]) : undefined;
      if (!path) continue;
      for (const iface of ingressInterfaces(ctx.topology.hosts[host], path.fromIface)) {
        const accept = forwardAcceptSpec(iface, bridge, label);
        if (hasRule(snapshot.rules, "filter", "DOCKER-USER", accept)) continue;
        const primary = iface === path.fromIface;
        ctx.add({
          phase: "networks",
          host,
          kind: "add-rule",
          resourceId: primary ? `rule:forward-${bridge}@${host}` : `rule:forward-${bridge}-${iface}@${host}`,
          action: "+",
          cause: t`missing`,
          missing: true,
          argv: iptablesCmd.insert("filter", "DOCKER-USER", accept),
          explain: primary
            ? t`Docker's FORWARD policy drops traffic from outside into its bridges; this DOCKER-USER rule lets packets arriving on ${path.fromIface} into bridge ${bridge}.`
            : t`Peers' packets for bridge ${bridge} can arrive on ${iface} instead of ${path.fromIface}: Linux answers ARP for ${path.fromIface}'s address on every interface on the same wire (ARP flux), and the first answer wins. This DOCKER-USER rule lets them in too.`,
          dependsOn: [`network:${name}@${host}/create-network`],
        });
      }
    }
  }
}

/**
 * The host interfaces peers' packets for a routed bridge may arrive on: the underlay interface first,
 * then every other NIC, VLAN sub-interface and macvlan shim of the host. With Linux's default
 * `arp_ignore=0`, any of them on the same wire answers ARP for the underlay address and the peer keeps
 * whichever answer came first (fuzz seed 4015 design 7: node-4's ens34 answered for ens33's address,
 * so an ACCEPT keyed to ens33 alone let Docker's FORWARD policy drop the packets, in a random subset
 * of cells). Docker's own bridges are never in this list, so its isolation between bridges stays.
 */
export function ingressInterfaces(definition: Host | undefined, underlay: string): string[] {
  const names = [underlay];
  if (!definition) return names;
  for (const iface of interfacesOf(definition)) if (!names.includes(iface.name)) names.push(iface.name);
  for (const shim of definition.shims ?? []) if (!names.includes(shim.name)) names.push(shim.name);
  return names;
}

export function hasRule(rules: ObservedRule[], table: ObservedRule["table"], chain: string, spec: string[]): boolean {
  return findRule(rules, table, chain, spec) !== undefined;
}

export function findRule(
  rules: ObservedRule[],
  table: ObservedRule["table"],
  chain: string,
  spec: string[],
): ObservedRule | undefined {
  return rules.find((rule) => rule.table === table && rule.chain === chain && sameSpec(rule.spec, spec));
}

function sameSpec(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** `192.168.0.102/24` or a bare address → the bare address. */
export function bareAddress(text: string): string {
  return parseCidr(text, false) ? addressOf(text) : text;
}
