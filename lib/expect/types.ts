import type { Text } from "../i18n/text";

/** Why a cell is expected to reach or not. The probe's diagnosis starts from this code. */
export type ReasonCode =
  | "same-network"
  | "macvlan-same-segment"
  | "macvlan-vlan-mismatch"
  | "bridge-same-host"
  | "bridge-local-only"
  | "routed-bridge"
  | "routed-via-host"
  | "default-route-elsewhere"
  | "address-shadowed"
  | "overlay-isolated"
  | "vlans-not-routed"
  | "no-shared-network"
  | "dns-shared-network"
  | "dns-macvlan-across-hosts"
  | "dns-bridge-across-hosts"
  | "dns-no-shared-network"
  | "dns-not-on-docker-network"
  | "dns-same-host-only"
  | "published-port"
  | "published-no-route"
  | "published-no-service"
  | "path-mtu"
  | "host-shim"
  | "macvlan-own-host"
  | "host-same-segment"
  | "host-own-bridge"
  | "host-nat"
  | "host-no-route";

/**
 * How a cell tests a pair: ping by address or by name, a TCP connect or a UDP request/response to a
 * service's port, or the largest ICMP packet that passes with DF set (the path MTU).
 */
export type CheckKind = "ip" | "name" | "tcp" | "udp" | "mtu";

/** Every kind, in the order a pair's cells are listed. */
export const CHECK_KINDS: readonly CheckKind[] = ["ip", "name", "tcp", "udp", "mtu"];

export type Expectation = "reach" | "blocked";

/** One ordered pair by one means: what should happen, and why. */
export type ExpectCell = {
  from: string;
  to: string;
  by: CheckKind;
  /**
   * The address or name pinged (`ip`, `name`, `mtu`), or `ADDRESS:PORT` (`tcp`, `udp`). An address only
   * known at run time reads `<to>@<network>` (`<to>@<network>:PORT`).
   */
  target: string;
  /** The port connected to (`tcp`, `udp`): the service's, or the host port it is published on. */
  port?: number;
  /** The path MTU expected (`mtu`): 1500 on macvlan and bridges, 1450 on VXLAN, 1462 on GRE. */
  expectedMtu?: number;
  /** The network the target address belongs to (by IP), or through which the name resolves (by name). */
  network?: string;
  expected: Expectation;
  reasonCode: ReasonCode;
  /** Why, as a translatable Text (lib/i18n), rendered in the reader's language at the edges. */
  reason: Text;
};

export type ExpectMatrix = { pairs: ExpectCell[] };
