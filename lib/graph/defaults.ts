import type { Driver } from "@/lib/topology";
import type { NetworkSpec } from "./types";

/** The spec a new network of each driver starts with: what the tutorial would type first. */
export function defaultSpec(driver: Driver): NetworkSpec {
  switch (driver) {
    case "bridge":
      return { driver };
    case "macvlan":
      return { driver };
    case "overlay":
      return { driver, control: "swarm" };
    case "ovs":
      return { driver, subnet: "10.10.0.0/24", tunnel: "vxlan" };
    case "flannel":
      return { driver };
    case "weave":
      return { driver };
    case "calico":
      return { driver };
  }
}

/** A spec for another driver, keeping the subnet and gateway when the new driver has them. */
export function switchDriver(spec: NetworkSpec, driver: Driver): NetworkSpec {
  if (spec.driver === driver) return spec;
  const next = defaultSpec(driver);
  const subnet = "subnet" in spec ? spec.subnet : undefined;
  const gateway = "gateway" in spec ? spec.gateway : undefined;
  const withSubnet = subnet !== undefined ? { ...next, subnet } : next;
  if (gateway !== undefined && driver !== "flannel" && driver !== "weave" && driver !== "calico")
    return { ...withSubnet, gateway } as NetworkSpec;
  return withSubnet as NetworkSpec;
}

/** Short labels for the palette and the node badges. */
export const DRIVER_LABELS: Record<Driver, string> = {
  bridge: "Bridge",
  macvlan: "Macvlan",
  overlay: "Overlay",
  ovs: "Open vSwitch",
  flannel: "Flannel",
  weave: "Weave",
  calico: "Calico",
};
