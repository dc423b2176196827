import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLinks } from "./parse-links";
import { parseOvs } from "./parse-ovs";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");

describe("parseLinks", () => {
  it("reads kinds, flags, parents and addresses from real ip -j output", () => {
    const links = parseLinks(fixture("scratch-ip-link.out"), fixture("scratch-ip-addr.out"));
    expect(links).toEqual([
      { name: "br_net", kind: "bridge", promisc: false, up: true, addresses: ["172.17.1.1/24"] },
      { name: "ens33", kind: "veth", promisc: true, up: true, addresses: ["192.168.0.102/24"] },
      { name: "lo", kind: "other", promisc: false, up: false, addresses: [] },
      { name: "mv0", kind: "macvlan", parent: "ens33", promisc: false, up: false, addresses: [] },
      { name: "peer0", kind: "veth", promisc: false, up: true, addresses: [] },
      { name: "vx0", kind: "vxlan", promisc: false, up: false, addresses: [] },
    ]);
  });

  it("reads 802.1q devices with their parent and VLAN id", () => {
    const link = JSON.stringify([
      {
        ifname: "ens33.10",
        link: "ens33",
        flags: ["UP"],
        link_type: "ether",
        linkinfo: { info_kind: "vlan", info_data: { protocol: "802.1Q", id: 10 } },
      },
    ]);
    expect(parseLinks(link, "[]")).toEqual([
      { name: "ens33.10", kind: "vlan", parent: "ens33", vid: 10, promisc: false, up: true, addresses: [] },
    ]);
  });

  it("treats tagged OVS internal ports as VLAN sub-interfaces of the bridge's trunk port", () => {
    const ovs = parseOvs(fixture("scratch-ovs-vsctl.out"));
    const link = JSON.stringify([
      { ifname: "ens33.10", flags: ["BROADCAST", "UP"], link_type: "ether", linkinfo: { info_kind: "tun" } },
      { ifname: "br-ens33", flags: [], link_type: "ether", linkinfo: { info_kind: "tun" } },
      { ifname: "tap9", flags: [], link_type: "ether", linkinfo: { info_kind: "tun" } },
    ]);
    expect(parseLinks(link, "[]", ovs)).toEqual([
      { name: "br-ens33", kind: "ovs-internal", promisc: false, up: false, addresses: [] },
      { name: "ens33.10", kind: "ovs-internal", parent: "ens33", vid: 10, promisc: false, up: true, addresses: [] },
      { name: "tap9", kind: "other", promisc: false, up: false, addresses: [] },
    ]);
  });

  it("drops what a host could use to inject: bad names, bad addresses, malformed JSON", () => {
    const link = JSON.stringify([
      { ifname: "$(reboot)", flags: ["UP"] },
      { ifname: "-oProxy", flags: [] },
      { ifname: "waytoolongname16", flags: [] },
      { ifname: "ok0", flags: "UP", link: "x;y", linkinfo: { info_kind: "vlan", info_data: { id: 99999 } } },
    ]);
    const addr = JSON.stringify([
      {
        ifname: "ok0",
        addr_info: [
          { family: "inet", local: "10.0.0.1; id", prefixlen: 24 },
          { family: "inet", local: "10.0.0.2", prefixlen: 33 },
        ],
      },
    ]);
    expect(parseLinks(link, addr)).toEqual([{ name: "ok0", kind: "vlan", promisc: false, up: false, addresses: [] }]);
    expect(parseLinks("not json", "{")).toEqual([]);
  });
});
