import { describe, expect, it } from "vitest";
import { hostPaths } from "../paths";
import { labSpecForHosts } from "../spec/spec-for-hosts";
import { hostMountCommands } from "./host-namespaces";
import { hostNicCommands, hostVlanAddressCommands } from "./host-nics";

const tools = { nsenter: "nsenter", mount: "mount", mkdir: "mkdir", ln: "ln" };
const paths = hostPaths("node-2");

describe("host setup commands", () => {
  it("stages /sys/fs/cgroup and /run before moving them, and mounts sysfs in the host's netns", () => {
    const commands = hostMountCommands(tools, paths, true).map((command) => command.argv.join(" "));
    expect(commands).toEqual([
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n --rbind /sys/fs/cgroup /run/cn-lab-ns/node-2.cgroup",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt --net=/run/netns/cn-node-2 -- mount -n -t sysfs cn-sysfs /sys",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n --move /run/cn-lab-ns/node-2.cgroup /sys/fs/cgroup",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n -t tmpfs -o mode=0755,size=64m cn-run /run/cn-lab-ns/node-2.run",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mkdir -p /run/cn-lab-ns/node-2.run/cn-lab /run/cn-lab-ns/node-2.run/sshd /run/cn-lab-ns/node-2.run/lock",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n --rbind /run/cn-lab /run/cn-lab-ns/node-2.run/cn-lab",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- ln -s /run/cn-lab/node-2/docker.sock /run/cn-lab-ns/node-2.run/docker.sock",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- ln -s /run/cn-lab/node-2/ovs /run/cn-lab-ns/node-2.run/openvswitch",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n --move /run/cn-lab-ns/node-2.run /run",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n --bind /var/lib/cn-lab/node-2/resolv.conf /etc/resolv.conf",
      "nsenter --mount=/run/cn-lab-ns/node-2.mnt -- mount -n --bind /var/lib/cn-lab/node-2/etc-docker /etc/docker",
    ]);
    expect(hostMountCommands(tools, paths, false)).toHaveLength(10);
  });

  it("wires the management NIC and each data NIC straight into their namespaces", () => {
    const host = labSpecForHosts(2).hosts[1]!;
    const commands = hostNicCommands("ip", host, 1, paths, "198.18.0.12").map((command) => command.argv.join(" "));
    expect(commands).toEqual([
      "ip link add cn-h2-m netns cn-sw type veth peer name mgmt0 netns cn-node-2",
      "ip -n cn-sw link set cn-h2-m master br-mgmt up",
      "ip -n cn-node-2 addr add 198.18.0.12/24 dev mgmt0",
      "ip -n cn-node-2 link set mgmt0 up",
      "ip link add cn-h2-n0 netns cn-sw type veth peer name ens33 netns cn-node-2",
      "ip -n cn-sw link set cn-h2-n0 master br-data up",
      "ip -n cn-node-2 addr add 192.168.0.12/24 dev ens33",
      "ip -n cn-node-2 link set ens33 promisc on up",
    ]);
    expect(commands.some((command) => command.includes("default"))).toBe(false);
  });

  it("addresses and starts VLAN sub-interfaces", () => {
    const host = {
      name: "node-2",
      nics: [{ name: "ens32", promisc: true, vlans: [{ vid: 10, address: "192.168.1.20/24" }, { vid: 20 }] }],
      dockerd: {},
    };
    expect(hostVlanAddressCommands("ip", host, paths).map((command) => command.argv.join(" "))).toEqual([
      "ip -n cn-node-2 addr add 192.168.1.20/24 dev ens32.10",
      "ip -n cn-node-2 link set ens32.10 up",
      "ip -n cn-node-2 link set ens32.20 up",
    ]);
  });
});
