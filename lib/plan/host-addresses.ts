import { entries, findInterface } from "../topology/model";
import type { PlanContext } from "./context";

// Where a design host is reached: the addresses and interfaces the cluster mechanisms (KV store, swarm)
// advertise. Pure lookups in the design.

/** The first address the design gives `host` (a NIC's, else a VLAN's), without its prefix. */
export function firstAddress(ctx: PlanContext, host: string): string | undefined {
  for (const [, nic] of entries(ctx.topology.hosts[host]?.nics)) {
    if (nic.address) return nic.address.split("/")[0];
    for (const [, vlan] of entries(nic.vlans)) if (vlan.address) return vlan.address.split("/")[0];
  }
  return undefined;
}

/** Docker reports --cluster-advertise resolved to an address: accept either form. */
export function addressOfIface(ctx: PlanContext, host: string, iface: string): string | undefined {
  const found = findInterface(ctx.topology.hosts[host], iface);
  return found?.address?.split("/")[0];
}

/** The interface `host` advertises on: the first with an address (a NIC, else a VLAN), else the first NIC. */
export function firstIface(ctx: PlanContext, host: string): string {
  for (const [name, nic] of entries(ctx.topology.hosts[host]?.nics)) {
    if (nic.address) return name;
    for (const [vid, vlan] of entries(nic.vlans)) if (vlan.address) return `${name}.${vid}`;
  }
  return Object.keys(ctx.topology.hosts[host]?.nics ?? {})[0] ?? "eth0";
}
