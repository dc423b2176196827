import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InventorySchema } from "../inventory/schema";
import { contains, parseCidr, parseIp } from "../topology/ip";
import { appletLinks } from "./host/busybox-image";
import { sshFingerprint } from "./host/fingerprint";
import { buildLabInventory, labHostsFromInventory, readInventory, writeInventory } from "./lifecycle/inventory";
import { listMountPoints, mountsToUnmount } from "./os/mounts";
import { describeEmulation, labNotices } from "./spec/emulation";
import { labSpecForHosts } from "./spec/spec-for-hosts";
import { validateLabSpec } from "./spec/validate-spec";
import type { LabHostInfo } from "./types";

const PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBgCbX2l1LkAictVzEmVXMCmoRoHxJ4i6wmTBmyQk3wN fixture";

describe("sshFingerprint", () => {
  it("matches ssh-keygen -lf", () => {
    expect(sshFingerprint(PUBLIC_KEY)).toBe("SHA256:pCybgTn8yQ+ob67uBxu76WVeTORQetK9fkOoVYKlrR8");
  });
  it("refuses text that is not a public key line", () => {
    expect(() => sshFingerprint("not a key")).toThrow(/OpenSSH public key/);
  });
});

describe("labSpecForHosts", () => {
  it("names hosts node-1..node-N with ens33 at 192.168.0.(10+i)/24, promiscuous", () => {
    const spec = labSpecForHosts(3);
    expect(
      spec.hosts.map((host) => [host.name, host.nics[0]?.name, host.nics[0]?.address, host.nics[0]?.promisc]),
    ).toEqual([
      ["node-1", "ens33", "192.168.0.11/24", true],
      ["node-2", "ens33", "192.168.0.12/24", true],
      ["node-3", "ens33", "192.168.0.13/24", true],
    ]);
    expect(spec.kv).toBeUndefined();
    expect(() => labSpecForHosts(0)).toThrow(RangeError);
    expect(() => labSpecForHosts(1.5)).toThrow(RangeError);
  });
});

describe("lab inventory", () => {
  const hosts: LabHostInfo[] = [
    {
      name: "node-2",
      netns: "cn-node-2",
      mgmtAddress: "198.18.0.12",
      dockerSocket: "/run/cn-lab/node-2/docker.sock",
      hostKey: sshFingerprint(PUBLIC_KEY),
      nics: [],
    },
    {
      name: "node-1",
      netns: "cn-node-1",
      mgmtAddress: "198.18.0.11",
      dockerSocket: "/run/cn-lab/node-1/docker.sock",
      hostKey: sshFingerprint(PUBLIC_KEY),
      nics: [],
    },
  ];

  it("reaches every host over SSH as root with the lab key, host key pinned, Docker over SSH", () => {
    const inventory = buildLabInventory({ name: "t", emulated: ["x"], notices: [] }, hosts, "/data/lab/id_ed25519");
    expect(Object.keys(inventory.hosts)).toEqual(["node-1", "node-2"]);
    expect(inventory.hosts["node-1"]).toEqual({
      address: "198.18.0.11",
      ssh: {
        port: 22,
        user: "root",
        key: "/data/lab/id_ed25519",
        hostKey: "SHA256:pCybgTn8yQ+ob67uBxu76WVeTORQetK9fkOoVYKlrR8",
      },
      docker: { endpoint: "ssh" },
    });
    expect(inventory.lab).toEqual({ name: "t", emulated: ["x"], notices: [] });
    expect(labHostsFromInventory(inventory)).toEqual([
      { name: "node-1", address: "198.18.0.11" },
      { name: "node-2", address: "198.18.0.12" },
    ]);
  });

  it("writes YAML that parses back through InventorySchema, mode 0600", () => {
    const dir = mkdtempSync(join(tmpdir(), "cn-inv-test-"));
    try {
      const path = join(dir, "sub", "inventory.yaml");
      const inventory = buildLabInventory({ name: "t", emulated: [], notices: ["n"] }, hosts, "/k");
      writeInventory(path, inventory);
      expect(InventorySchema.parse(parse(readFileSync(path, "utf8")))).toEqual(inventory);
      expect(readInventory(path)).toEqual(inventory);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("emulation notes", () => {
  it("describes VLAN sub-interfaces and Consul served by etcd", () => {
    const spec = labSpecForHosts(2);
    spec.hosts[0]!.nics[0]!.vlans = [{ vid: 10 }];
    spec.kv = { host: "node-1", address: "192.168.0.11", requested: "consul" };
    const emulated = describeEmulation(spec);
    expect(emulated).toContain(
      "node-1: ens33.10 is an OVS internal port tagged 10 on a userspace OVS bridge (datapath_type=netdev) with ens33 as trunk, standing in for an 802.1q sub-interface (this kernel has no 8021q module).",
    );
    expect(emulated.some((line) => line.includes("stands in for Consul"))).toBe(true);
    expect(labNotices(spec)[0]).toMatch(/asks for Consul.*etcd/);
    expect(labNotices(labSpecForHosts(1))).toEqual([]);
  });
});

describe("ipv4 (the lab uses lib/topology/ip.ts, the one IPv4 module)", () => {
  it("parses addresses and interface CIDRs strictly", () => {
    expect(parseIp("192.168.0.1")).toBe(0xc0a80001);
    for (const bad of ["192.168.0", "192.168.0.256", "01.2.3.4", "1.2.3.4 ", "a.b.c.d"])
      expect(parseIp(bad)).toBeUndefined();
    expect(parseCidr("10.0.0.1/8", false)).toMatchObject({ ip: 0x0a000001, cidr: { prefix: 8 } });
    for (const bad of ["10.0.0.1", "10.0.0.1/33", "10.0.0.1/x"]) expect(parseCidr(bad, false)).toBeUndefined();
    expect(contains({ network: 0xc6120000, prefix: 15 }, parseIp("198.19.255.1") ?? 0)).toBe(true);
    expect(contains({ network: 0xc6120000, prefix: 15 }, parseIp("198.20.0.1") ?? 0)).toBe(false);
  });

  it("refuses a lab address with prefix 0", () => {
    const spec = labSpecForHosts(1);
    const host = spec.hosts[0];
    if (!host) throw new Error("no host");
    const bad = {
      ...spec,
      hosts: [{ ...host, nics: [{ name: "ens33", address: "10.0.0.1/0", promisc: false, vlans: [] }] }],
    };
    expect(validateLabSpec(bad).map((issue) => issue.code)).toContain("bad-address");
  });
});

describe("busybox applets", () => {
  it("keeps applet paths, drops busybox itself, traversal and junk", () => {
    expect(appletLinks("bin/sh\nbin/busybox\nusr/bin/[\n../etc/x\n\nbin/sh\nsbin/ip\nbad path\n")).toEqual([
      "bin/sh",
      "sbin/ip",
      "usr/bin/[",
    ]);
  });
});

describe("mount teardown order", () => {
  const mountinfo = [
    "22 1 0:20 / /run rw - tmpfs tmpfs rw",
    "40 22 0:4 / /run/netns/cn-node-1 rw - nsfs nsfs rw",
    "41 22 254:0 /run/cn-lab-ns /run/cn-lab-ns rw - ext4 /dev/vda rw",
    "42 41 0:4 / /run/cn-lab-ns/node-1.mnt rw - nsfs nsfs rw",
    "43 41 0:4 / /run/cn-lab-ns/node-1.uts rw - nsfs nsfs rw",
    "44 22 0:50 / /run/cn-lab/node-1/x\\040y rw - tmpfs tmpfs rw",
    "45 22 0:51 / /run/cn-lab-nsx rw - tmpfs tmpfs rw",
  ].join("\n");

  it("unmounts the deepest mounts under the lab dirs first, and nothing else", () => {
    const points = listMountPoints(mountinfo);
    expect(points).toContain("/run/cn-lab/node-1/x y");
    expect(mountsToUnmount(points, ["/run/cn-lab", "/run/cn-lab-ns", "/var/lib/cn-lab"])).toEqual([
      "/run/cn-lab/node-1/x y",
      "/run/cn-lab-ns/node-1.uts",
      "/run/cn-lab-ns/node-1.mnt",
      "/run/cn-lab-ns",
    ]);
  });
});
