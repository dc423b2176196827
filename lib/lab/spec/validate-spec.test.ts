import { describe, expect, it } from "vitest";
import type { LabSpec } from "./spec";
import { labSpecForHosts } from "./spec-for-hosts";
import { validateLabSpec } from "./validate-spec";

const vlanSpec = (): LabSpec => ({
  name: "vlans",
  hosts: [
    {
      name: "node-1",
      nics: [{ name: "ens33", promisc: true, vlans: [{ vid: 10, address: "192.168.1.10/24" }] }],
      dockerd: {},
    },
    {
      name: "node-2",
      nics: [{ name: "ens32", promisc: true, vlans: [{ vid: 10, address: "192.168.1.20/24" }] }],
      dockerd: {},
    },
  ],
});

const codes = (spec: LabSpec) => validateLabSpec(spec).map((issue) => `${issue.code}@${issue.path.join(".")}`);

describe("validateLabSpec", () => {
  it("accepts plain hosts and VLAN designs", () => {
    expect(validateLabSpec(labSpecForHosts(4))).toEqual([]);
    expect(validateLabSpec(vlanSpec())).toEqual([]);
  });

  it("refuses names that could be options, shell syntax or too long", () => {
    const spec = vlanSpec();
    spec.name = "Bad Name";
    spec.hosts[0]!.name = "-oProxyCommand=x";
    spec.hosts[1]!.name = "x".repeat(33);
    expect(codes(spec)).toEqual(["bad-name@name", "bad-host-name@hosts.0.name", "bad-host-name@hosts.1.name"]);
  });

  it("refuses NIC names the kernel or the lab cannot take", () => {
    const spec = labSpecForHosts(1);
    const nic = spec.hosts[0]!.nics[0]!;
    for (const name of ["mgmt0", "lo", "docker0", "$(id)", "ens33.10", "a234567890123456", "veth0", "br-x"]) {
      nic.name = name;
      expect(codes(spec), name).toEqual(["bad-nic-name@hosts.0.nics.0.name"]);
    }
  });

  it("refuses sub-interface names over 15 bytes and VLAN ids outside 1-4094", () => {
    const spec = vlanSpec();
    spec.hosts[0]!.nics[0]!.name = "enp0s31f6abcd";
    spec.hosts[1]!.nics[0]!.vlans = [{ vid: 0 }, { vid: 4095 }, { vid: 4094 }, { vid: 4094 }];
    expect(codes(spec)).toEqual([
      "bad-nic-name@hosts.0.nics.0.vlans.0.vid",
      "bad-vlan-id@hosts.1.nics.0.vlans.0.vid",
      "bad-vlan-id@hosts.1.nics.0.vlans.1.vid",
      "duplicate-vlan@hosts.1.nics.0.vlans.3.vid",
    ]);
  });

  it("refuses bad, duplicate, loopback and management-range addresses", () => {
    const spec = labSpecForHosts(4);
    spec.hosts[0]!.nics[0]!.address = "192.168.0.300/24";
    spec.hosts[1]!.nics[0]!.address = "192.168.0.13/24";
    spec.hosts[3]!.nics[0]!.address = "198.19.1.1/24";
    spec.hosts[2]!.nics.push({ name: "ens34", address: "127.0.0.2/8", promisc: false, vlans: [] });
    expect(codes(spec)).toEqual([
      "bad-address@hosts.0.nics.0.address",
      "duplicate-address@hosts.2.nics.0.address",
      "reserved-address@hosts.2.nics.1.address",
      "reserved-address@hosts.3.nics.0.address",
    ]);
  });

  it("refuses duplicate hosts and NICs", () => {
    const spec = labSpecForHosts(2);
    spec.hosts[1]!.name = "node-1";
    spec.hosts[1]!.nics[0]!.address = "192.168.0.99/24";
    spec.hosts[0]!.nics.push({ name: "ens33", promisc: false, vlans: [] });
    expect(codes(spec)).toEqual(["duplicate-nic@hosts.0.nics.1.name", "duplicate-host@hosts.1.name"]);
  });

  it("checks the KV store's host and address and the dockerd cluster flags", () => {
    const spec = labSpecForHosts(2);
    spec.kv = { host: "node-1", address: "192.168.0.12", requested: "etcd" };
    spec.hosts[1]!.dockerd = { clusterStore: "etcd://x; rm -rf /:2379", clusterAdvertise: "-ens33:2376" };
    expect(codes(spec)).toEqual([
      "bad-cluster-store@hosts.1.dockerd.clusterStore",
      "bad-cluster-advertise@hosts.1.dockerd.clusterAdvertise",
      "bad-kv-address@kv.address",
    ]);
    spec.kv = { host: "node-9", address: "192.168.0.11", requested: "consul" };
    expect(codes(spec)).toContain("unknown-kv-host@kv.host");
  });

  it("refuses an empty lab and more hosts than the management network holds", () => {
    expect(codes({ name: "empty", hosts: [] })).toEqual(["no-hosts@hosts"]);
    const big = labSpecForHosts(200);
    big.hosts.push({ ...big.hosts[0]!, name: "node-201", nics: [] });
    expect(codes(big)).toEqual(["too-many-hosts@hosts"]);
  });
});
