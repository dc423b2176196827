import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTopologyText } from "../../topology/parse";
import type { Topology } from "../../topology/schema";
import { LabError } from "../errors";
import { labNameOf, labSpecFromTopology } from "./from-topology";
import { validateLabSpec } from "./validate-spec";

const examples = join(__dirname, "..", "..", "..", "examples");

function design(text: string): Topology {
  const parsed = parseTopologyText(text);
  if (!parsed.topology) throw new Error(JSON.stringify(parsed.issues));
  return parsed.topology;
}

const example = (file: string) => design(readFileSync(join(examples, file), "utf8"));

describe("labSpecFromTopology", () => {
  it("maps hosts, NIC names, promiscuous flags and VLAN sub-interfaces (macvlan over 802.1q)", () => {
    const spec = labSpecFromTopology(example("macvlan-8021q.yaml"));
    expect(spec).toEqual({
      name: "macvlan-8021q",
      hosts: [
        {
          name: "node-1",
          nics: [
            {
              name: "ens33",
              promisc: true,
              vlans: [
                { vid: 10, address: "192.168.1.10/24" },
                { vid: 20, address: "192.168.2.10/24" },
              ],
            },
          ],
          dockerd: {},
        },
        {
          name: "node-2",
          nics: [
            {
              name: "ens32",
              promisc: true,
              vlans: [
                { vid: 10, address: "192.168.1.20/24" },
                { vid: 20, address: "192.168.2.20/24" },
              ],
            },
          ],
          dockerd: {},
        },
      ],
    });
    expect(validateLabSpec(spec)).toEqual([]);
  });

  it("puts etcd on the KV host and points every dockerd at it (overlay through a KV store)", () => {
    const spec = labSpecFromTopology(example("overlay-kv.yaml"));
    expect(spec.kv).toEqual({ host: "node-1", address: "192.168.0.101", requested: "etcd" });
    expect(spec.hosts.map((host) => [host.name, host.dockerd])).toEqual([
      ["node-1", { clusterStore: "etcd://192.168.0.101:2379", clusterAdvertise: "ens32:2376" }],
      ["node-2", { clusterStore: "etcd://192.168.0.101:2379", clusterAdvertise: "ens32:2376" }],
      ["node-3", { clusterStore: "etcd://192.168.0.101:2379", clusterAdvertise: "ens32:2376" }],
    ]);
    expect(validateLabSpec(spec)).toEqual([]);
  });

  it("serves a Consul request with etcd on port 2379 and records it, also when the store is named by IP", () => {
    const spec = labSpecFromTopology(
      design(`
name: Consul_Overlay.v1
hosts:
  a: { nics: { eth1: { address: 10.1.0.1/24 } } }
  b: { nics: { eth1: { address: 10.1.0.2/24 } } }
networks:
  ov: { driver: overlay, control: { kv: "consul://10.1.0.2:8500" } }
`),
    );
    expect(spec.name).toBe("consul-overlay-v1");
    expect(spec.kv).toEqual({ host: "b", address: "10.1.0.2", requested: "consul" });
    expect(spec.hosts[0]?.dockerd).toEqual({ clusterStore: "etcd://10.1.0.2:2379", clusterAdvertise: "eth1:2376" });
  });

  it("advertises the NIC that faces the KV host when a host has several", () => {
    const spec = labSpecFromTopology(
      design(`
name: two-nets
hosts:
  a: { nics: { eth0: { address: 10.9.0.1/24 }, eth1: { address: 10.1.0.1/24 } } }
  b: { nics: { eth1: { address: 10.1.0.2/24 } } }
networks:
  ov: { driver: overlay, control: { kv: "etcd://b:2379" } }
`),
    );
    expect(spec.hosts[0]?.dockerd).toEqual({ clusterStore: "etcd://10.1.0.2:2379", clusterAdvertise: "eth1:2376" });
  });

  it("refuses a KV store outside the design with a clear error", () => {
    const topology = design(`
name: outside
hosts:
  a: { nics: { eth1: { address: 10.1.0.1/24 } } }
networks:
  ov: { driver: overlay, control: { kv: "etcd://10.1.0.9:2379" } }
`);
    expect(() => labSpecFromTopology(topology)).toThrow(LabError);
    expect(() => labSpecFromTopology(topology)).toThrow(/not a host \(or a host address\) of the design/);
  });

  it("gives the hosts of an OVS network their own Open vSwitch", () => {
    const spec = labSpecFromTopology(example("ovs-vxlan.yaml"));
    expect(spec.hosts.map((host) => [host.name, host.ovs])).toEqual([
      ["node-1", true],
      ["node-2", true],
    ]);
    expect(labSpecFromTopology(example("macvlan.yaml")).hosts.every((host) => host.ovs === undefined)).toBe(true);
  });

  it("turns any design name into a valid lab name", () => {
    expect(labNameOf("Tutorial 4.3: macvlan")).toBe("tutorial-4-3-macvlan");
    expect(labNameOf("---")).toBe("lab");
    expect(labNameOf("x".repeat(80))).toHaveLength(63);
  });

  it("maps every example design to a spec the lab accepts", () => {
    for (const file of [
      "macvlan.yaml",
      "macvlan-8021q.yaml",
      "overlay-kv.yaml",
      "overlay-swarm.yaml",
      "bridge-routed.yaml",
      "ovs-vxlan.yaml",
      "overlay-isolation.yaml",
    ]) {
      expect(validateLabSpec(labSpecFromTopology(example(file))), file).toEqual([]);
    }
  });
});
