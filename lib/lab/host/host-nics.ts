import "server-only";
import {
  DATA_BRIDGE,
  HOST_MGMT_NIC,
  type HostPaths,
  MGMT_BRIDGE,
  MGMT_PREFIX_LEN,
  SWITCH_NETNS,
  switchMgmtPortName,
  switchPortName,
  vlanIfName,
} from "../paths";
import type { LabHostSpec } from "../spec/spec";
import type { SetupCommand } from "./host-namespaces";

/**
 * Commands wiring one host (0-based `index`) to the switch: the management NIC `mgmt0` on br-mgmt
 * with its 198.18.0.x address, and each design NIC as a veth into br-data, created directly in both
 * namespaces (no temporary names in the root namespace), with its address and promiscuous mode.
 * No default route: the hosts reach only what the design wires.
 */
export function hostNicCommands(
  ip: string,
  host: LabHostSpec,
  index: number,
  paths: HostPaths,
  mgmtAddress: string,
): SetupCommand[] {
  const ns = paths.netns;
  const commands: SetupCommand[] = [];
  const wire = (port: string, nic: string, bridge: string) => {
    commands.push(
      {
        what: `veth ${port} <-> ${nic}`,
        argv: [ip, "link", "add", port, "netns", SWITCH_NETNS, "type", "veth", "peer", "name", nic, "netns", ns],
      },
      {
        what: `plug ${port} into ${bridge}`,
        argv: [ip, "-n", SWITCH_NETNS, "link", "set", port, "master", bridge, "up"],
      },
    );
  };
  wire(switchMgmtPortName(index), HOST_MGMT_NIC, MGMT_BRIDGE);
  commands.push(
    {
      what: `address ${HOST_MGMT_NIC}`,
      argv: [ip, "-n", ns, "addr", "add", `${mgmtAddress}/${MGMT_PREFIX_LEN}`, "dev", HOST_MGMT_NIC],
    },
    { what: `start ${HOST_MGMT_NIC}`, argv: [ip, "-n", ns, "link", "set", HOST_MGMT_NIC, "up"] },
  );
  host.nics.forEach((nic, n) => {
    wire(switchPortName(index, n), nic.name, DATA_BRIDGE);
    if (nic.address) {
      commands.push({ what: `address ${nic.name}`, argv: [ip, "-n", ns, "addr", "add", nic.address, "dev", nic.name] });
    }
    commands.push({
      what: `start ${nic.name}`,
      argv: [ip, "-n", ns, "link", "set", nic.name, ...(nic.promisc ? ["promisc", "on"] : []), "up"],
    });
  });
  return commands;
}

/** Commands giving the VLAN sub-interfaces (OVS internal ports, created before) their addresses and bringing them up. */
export function hostVlanAddressCommands(ip: string, host: LabHostSpec, paths: HostPaths): SetupCommand[] {
  const commands: SetupCommand[] = [];
  for (const nic of host.nics) {
    for (const vlan of nic.vlans) {
      const name = vlanIfName(nic.name, vlan.vid);
      if (vlan.address) {
        commands.push({
          what: `address ${name}`,
          argv: [ip, "-n", paths.netns, "addr", "add", vlan.address, "dev", name],
        });
      }
      commands.push({ what: `start ${name}`, argv: [ip, "-n", paths.netns, "link", "set", name, "up"] });
    }
  }
  return commands;
}
