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
  | "dns-same-host-only";

export type Expectation = "reach" | "blocked";

/** One ordered pair by one means: what should happen, and why. */
export type ExpectCell = {
  from: string;
  to: string;
  by: "ip" | "name";
  /** The address or name pinged. An address only known at run time reads `<to>@<network>`. */
  target: string;
  /** The network the target address belongs to (by IP), or through which the name resolves (by name). */
  network?: string;
  expected: Expectation;
  reasonCode: ReasonCode;
  reason: string;
  /** The reason as a translatable Text (lib/i18n); `reason` is its English. */
  reasonText?: Text;
};

export type ExpectMatrix = { pairs: ExpectCell[] };
