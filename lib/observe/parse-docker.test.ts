import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  containerIds,
  parseDockerContainers,
  parseDockerInfo,
  parseDockerNetworks,
  parseDockerVersion,
} from "./parse-docker";

const json = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"));

describe("parseDockerInfo", () => {
  it("reads a swarm manager and a worker (captured from the lab)", () => {
    expect(parseDockerInfo(json("lab-swarm-manager-docker-info.out"))).toEqual({
      swarm: {
        state: "active",
        nodeId: "t34f3plq7b9ghm16rvnlx70y2",
        clusterId: "w3ze44wkursut3w05u12340ee",
        manager: true,
        managerAddr: "192.168.0.102",
      },
    });
    expect(parseDockerInfo(json("lab-swarm-worker-docker-info.out"))).toEqual({
      swarm: { state: "active", nodeId: "wcyry6gdet69pawakyo3nosls", manager: false, managerAddr: "192.168.0.102" },
    });
  });

  it("reads the pre-swarm cluster store and treats anything but an active node as inactive", () => {
    expect(
      parseDockerInfo({
        ClusterStore: "etcd://192.168.0.101:2379",
        ClusterAdvertise: "192.168.0.102:2376",
        Swarm: { LocalNodeState: "pending" },
      }),
    ).toEqual({
      swarm: { state: "inactive" },
      clusterStore: "etcd://192.168.0.101:2379",
      clusterAdvertise: "192.168.0.102:2376",
    });
    expect(parseDockerInfo({ Swarm: { LocalNodeState: "active", NodeID: "x; reboot" } })).toEqual({
      swarm: { state: "inactive" },
    });
    expect(parseDockerInfo("nonsense")).toEqual({ swarm: { state: "inactive" } });
  });
});

describe("parseDockerNetworks", () => {
  it("reads subnets, gateways, options, labels and scope of overlay and bridge networks", () => {
    const networks = parseDockerNetworks(json("lab-swarm-manager-docker-networks.out"));
    expect(networks.map((n) => n.name)).toEqual([
      "bridge",
      "docker_gwbridge",
      "host",
      "ingress",
      "none",
      "ov_net1",
      "ov_net2",
    ]);
    expect(networks.find((n) => n.name === "ov_net1")).toEqual({
      id: "ilj5xwu4ggfy3hmxz58eaj1c9",
      name: "ov_net1",
      driver: "overlay",
      scope: "swarm",
      subnet: "10.0.1.0/24",
      gateway: "10.0.1.1",
      attachable: true,
      labels: { "crossnet.topology": "overlay-isolation" },
    });
    expect(networks.find((n) => n.name === "docker_gwbridge")).toMatchObject({
      bridgeName: "docker_gwbridge",
      subnet: "172.18.0.0/16",
    });
  });

  it("reads a macvlan parent and drops networks with hostile names or options", () => {
    const id = "a".repeat(64);
    const networks = parseDockerNetworks([
      {
        Name: "mac_net11",
        Id: id,
        Driver: "macvlan",
        Scope: "local",
        IPAM: { Config: [{ Subnet: "172.16.11.0/24", Gateway: "172.16.11.1" }] },
        Options: { parent: "ens33.10" },
        Labels: null,
      },
      { Name: "$(id)", Id: id, Driver: "bridge", Scope: "local" },
      {
        Name: "ok",
        Id: id,
        Driver: "bridge",
        Scope: "local",
        Options: { parent: "-oProxyCommand=x" },
        IPAM: { Config: [{ Subnet: "10.0.0.1" }] },
      },
    ]);
    expect(networks).toEqual([
      {
        id,
        name: "mac_net11",
        driver: "macvlan",
        scope: "local",
        subnet: "172.16.11.0/24",
        gateway: "172.16.11.1",
        parent: "ens33.10",
        labels: {},
      },
      { id, name: "ok", driver: "bridge", scope: "local", labels: {} },
    ]);
  });
});

describe("parseDockerContainers", () => {
  it("reads inspect results: name, image, state, labels, per-network address and aliases without the short id", () => {
    const containers = parseDockerContainers(json("lab-swarm-manager-docker-inspect.out"));
    expect(containers.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        name: "bbox-1",
        image: "busybox",
        running: true,
        labels: { "crossnet.topology": "overlay-isolation" },
        networks: { ov_net1: { ip: "10.0.1.2", aliases: [] } },
      },
      {
        name: "bbox-3",
        image: "busybox",
        running: true,
        labels: { "crossnet.topology": "overlay-isolation" },
        networks: { ov_net1: { ip: "10.0.1.6", aliases: [] }, ov_net2: { ip: "10.0.2.2", aliases: [] } },
      },
    ]);
  });

  it("gives the ids to inspect from the container list", () => {
    const ids = containerIds(json("lab-swarm-manager-docker-containers.out"));
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => /^[a-f0-9]{64}$/.test(id))).toBe(true);
    expect(containerIds([{ Id: "../../x" }, null])).toEqual([]);
  });

  it("keeps set aliases, drops malformed values", () => {
    const id = "b".repeat(64);
    const containers = parseDockerContainers([
      {
        Id: id,
        Name: "/web",
        Config: { Image: "busybox", Labels: { "crossnet.topology": "t", "bad\u0000": "x" } },
        State: { Running: false },
        NetworkSettings: {
          Networks: {
            net1: { IPAddress: "", Aliases: ["web-alias", "bbbbbbbbbbbb", "`id`"] },
            "x y": { IPAddress: "10.0.0.2" },
          },
        },
      },
      { Id: id, Name: "/$(reboot)", Config: { Image: "busybox" } },
    ]);
    expect(containers).toEqual([
      {
        id,
        name: "web",
        image: "busybox",
        running: false,
        labels: { "crossnet.topology": "t" },
        networks: { net1: { aliases: ["web-alias"] } },
      },
    ]);
  });
});

describe("parseDockerVersion", () => {
  it("keeps the engine version and API version a daemon reports, as it spells them", () => {
    expect(parseDockerVersion({ Version: "26.1.5+dfsg1", ApiVersion: "1.45", MinAPIVersion: "1.24" })).toEqual({
      version: "26.1.5+dfsg1",
      apiVersion: "1.45",
    });
    expect(parseDockerVersion({ Version: "20.10.24+dfsg1", ApiVersion: "1.41" })).toEqual({
      version: "20.10.24+dfsg1",
      apiVersion: "1.41",
    });
  });

  it("drops answers that are not well formed (untrusted input)", () => {
    for (const raw of [
      undefined,
      [],
      { Version: "26.1.5" },
      { ApiVersion: "1.45" },
      { Version: "26.1.5; rm -rf /", ApiVersion: "1.45" },
      { Version: "26.1.5", ApiVersion: "v1.45" },
      { Version: "x".repeat(100), ApiVersion: "1.45" },
    ]) {
      expect(parseDockerVersion(raw)).toBeUndefined();
    }
  });
});
