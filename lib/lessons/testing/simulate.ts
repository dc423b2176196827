import type { Observed } from "../../plan/observed";
import type { Topology } from "../../topology/schema";
import { designVlanNetwork } from "../faults";
import type { Fault } from "../schema";

/**
 * What the hosts report after a fault was injected, written from what the commands do (not from
 * `faultCommands`), so tests can check detection and repair against it.
 */
export function observeWithFault(fault: Fault, topology: Topology, observed: Observed): Observed {
  const copy = structuredClone(observed);
  const hostOf = (container: string) => topology.containers?.[container]?.host ?? "";
  switch (fault.kind) {
    case "link-down": {
      const link = copy[fault.host]?.links.find((candidate) => candidate.name === fault.nic);
      if (link) link.up = false;
      break;
    }
    case "route-removed": {
      const network = topology.networks?.[fault.network];
      const mine = network?.driver === "bridge" ? network.subnets?.[fault.host] : undefined;
      const snapshot = copy[fault.host];
      if (snapshot) snapshot.routes = snapshot.routes.filter((route) => route.dst === "default" || route.dst === mine);
      break;
    }
    case "container-detached": {
      const container = copy[hostOf(fault.container)]?.docker.containers.find((c) => c.name === fault.container);
      if (container) delete container.networks[fault.network];
      break;
    }
    case "wrong-vlan": {
      const container = copy[hostOf(fault.container)]?.docker.containers.find((c) => c.name === fault.container);
      const right = designVlanNetwork(topology, fault.container, fault.network);
      if (container && right) {
        delete container.networks[right];
        container.networks[fault.network] = { ip: "172.16.12.2", aliases: [] };
      }
      break;
    }
    case "link-loss": {
      const snapshot = copy[fault.host];
      if (snapshot)
        snapshot.impairments = [
          ...(snapshot.impairments ?? []),
          {
            point: { kind: "host", host: fault.host, iface: fault.nic },
            impairment: { kind: "loss", percent: fault.percent },
          },
        ];
      break;
    }
  }
  return copy;
}
