import type { Driver } from "@/lib/topology";
import { formatCidr, formatIp, parseCidr } from "@/lib/topology/ip";

/** One input of a network's spec in the inspector. `key` is the field in the design document. */
export type SpecField =
  | { key: string; label: string; input: "text"; placeholder?: string }
  | { key: string; label: string; input: "number"; min: number; max: number }
  | { key: string; label: string; input: "select"; options: readonly string[] }
  | { key: string; label: string; input: "checkbox" };

const subnet: SpecField = { key: "subnet", label: "Subnet", input: "text", placeholder: "172.16.11.0/24" };
const gateway: SpecField = { key: "gateway", label: "Gateway", input: "text", placeholder: "172.16.11.1" };
const etcd: SpecField = { key: "etcd", label: "etcd", input: "text", placeholder: "etcd://node-1:2379" };

/**
 * The spec fields of each driver, in the order the form shows them (the schema's). Fields handled
 * by dedicated controls (macvlan `parent`, overlay `control`, bridge `subnets`) are not listed.
 */
export const SPEC_FIELDS: Record<Driver, readonly SpecField[]> = {
  bridge: [
    subnet,
    gateway,
    { key: "cross_host", label: "Across hosts", input: "select", options: ["", "none", "routed"] },
    { key: "bridge", label: "Linux bridge name", input: "text", placeholder: "(network name)" },
  ],
  macvlan: [
    subnet,
    gateway,
    { key: "ip_range", label: "IP range", input: "text", placeholder: "172.16.11.128/25" },
    { key: "mode", label: "Mode", input: "select", options: ["", "bridge", "private", "vepa", "passthru"] },
  ],
  overlay: [
    subnet,
    gateway,
    { key: "ip_range", label: "IP range", input: "text", placeholder: "10.0.9.128/25" },
    { key: "attachable", label: "Attachable", input: "checkbox" },
    { key: "encrypted", label: "Encrypted", input: "checkbox" },
  ],
  ovs: [
    subnet,
    gateway,
    { key: "bridge", label: "OVS bridge name", input: "text", placeholder: "(network name)" },
    { key: "tunnel", label: "Tunnel", input: "select", options: ["", "vxlan", "gre"] },
    { key: "vni", label: "VNI / GRE key", input: "number", min: 1, max: 16777215 },
  ],
  flannel: [
    subnet,
    etcd,
    { key: "backend", label: "Backend", input: "select", options: ["", "vxlan", "host-gw", "udp"] },
  ],
  weave: [subnet],
  calico: [subnet, etcd],
};

/**
 * The placeholder a spec field shows for this network: a gateway or IP range is suggested from the
 * network's own subnet (the first address; the upper half), never another network's example, and
 * nothing is suggested before there is a subnet. Other fields keep their fixed example.
 */
export function specPlaceholder(field: SpecField, spec: { subnet?: string | undefined }): string | undefined {
  if (field.input !== "text") return undefined;
  if (field.key !== "gateway" && field.key !== "ip_range") return field.placeholder;
  const subnet = spec.subnet ? parseCidr(spec.subnet, false) : undefined;
  if (!subnet || subnet.cidr.prefix >= 30) return undefined;
  if (field.key === "gateway") return formatIp(subnet.cidr.network + 1);
  const half = subnet.cidr.prefix + 1;
  return formatCidr({ network: subnet.cidr.network + 2 ** (32 - half), prefix: half });
}
