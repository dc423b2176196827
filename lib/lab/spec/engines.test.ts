import { describe, expect, it } from "vitest";
import { dockerdArgv, sshdConfig } from "../host/daemon-argv";
import { buildLabInventory } from "../lifecycle/inventory";
import { hostPaths } from "../paths";
import type { LabHostInfo } from "../types";
import { engineApiVersion, parseEngineChoice, withEngines } from "./engines";
import { labSpecForHosts } from "./spec-for-hosts";
import { validateLabSpec } from "./validate-spec";

const paths = hostPaths("node-2");

describe("lab Docker engines", () => {
  it("runs Debian 13's unpacked dockerd 26 with its own docker-proxy and docker-init, never a cluster store", () => {
    const argv = dockerdArgv({ dockerd: "/usr/sbin/dockerd" }, paths, "cn-node-2", {}, "26");
    expect(argv[0]).toBe("/opt/cn-engines/docker-26/usr/sbin/dockerd");
    expect(argv.slice(-2)).toEqual([
      "--userland-proxy-path=/opt/cn-engines/docker-26/usr/sbin/docker-proxy",
      "--init-path=/opt/cn-engines/docker-26/usr/bin/docker-init",
    ]);
    const kv = dockerdArgv({ dockerd: "dockerd" }, paths, "cn-node-2", { clusterStore: "etcd://10.0.0.1:2379" }, "26");
    expect(kv.some((arg) => arg.startsWith("--cluster-"))).toBe(false);
    expect(dockerdArgv({ dockerd: "/usr/sbin/dockerd" }, paths, "cn-node-2", {}, "20.10")[0]).toBe("/usr/sbin/dockerd");
  });

  it("points SSH sessions at the host's engine's API version", () => {
    expect(engineApiVersion("20.10")).toBe("1.41");
    expect(sshdConfig({ listenAddress: "198.18.0.12", paths, engine: "26" })).toContain(" DOCKER_API_VERSION=1.45 ");
    expect(sshdConfig({ listenAddress: "198.18.0.12", paths })).toContain(" DOCKER_API_VERSION=1.41 ");
  });

  it("parses --docker for every host or by host, and says what is wrong", () => {
    expect(parseEngineChoice("26")).toBe("26");
    expect(parseEngineChoice("node-1=20.10,node-2=26")).toEqual({ "node-1": "20.10", "node-2": "26" });
    expect(parseEngineChoice("27")).toEqual({ error: "--docker '27' is not one of 20.10, 26" });
    expect(parseEngineChoice("node-1=25")).toEqual({ error: "--docker node-1=25: '25' is not one of 20.10, 26" });
    expect(parseEngineChoice("=26")).toEqual({ error: "--docker '=26' must look like HOST=ENGINE, e.g. node-1=26" });
    expect(parseEngineChoice("a=26,a=26")).toEqual({ error: "--docker names host 'a' twice" });
  });

  it("mixes engines in one lab and refuses a by-host choice naming a host the lab lacks", () => {
    const mixed = labSpecForHosts(2, "mix", { "node-2": "26" });
    expect(mixed.hosts.map((host) => host.docker)).toEqual([undefined, "26"]);
    expect(labSpecForHosts(2, "all", "26").hosts.map((host) => host.docker)).toEqual(["26", "26"]);
    expect(() => withEngines(mixed, { "node-3": "26" })).toThrow("--docker names 'node-3', not a host of lab 'mix'");
    expect(validateLabSpec(mixed)).toEqual([]);
  });

  it("refuses a KV store on a Docker 26 host, naming the host and pointing to swarm", () => {
    const spec = labSpecForHosts(2, "kv", { "node-2": "26" });
    spec.hosts[1]!.dockerd = { clusterStore: "etcd://192.168.0.11:2379", clusterAdvertise: "ens33:2376" };
    const issues = validateLabSpec(spec);
    expect(issues.map((issue) => `${issue.code}@${issue.path.join(".")}`)).toEqual([
      "kv-needs-docker-20.10@hosts.1.docker",
    ]);
    expect(issues[0]?.message).toContain("host 'node-2' runs Docker 26");
    expect(issues[0]?.message).toContain("control: swarm");
    spec.hosts[0]!.docker = "25" as never;
    expect(validateLabSpec(spec).map((issue) => issue.code)).toContain("bad-docker");
  });

  it("lists hosts that do not run 20.10 in the inventory's lab section", () => {
    const host = (name: string, docker: "20.10" | "26"): LabHostInfo => ({
      name,
      netns: `cn-${name}`,
      mgmtAddress: name === "node-1" ? "198.18.0.11" : "198.18.0.12",
      dockerSocket: `/run/cn-lab/${name}/docker.sock`,
      hostKey: `SHA256:${"A".repeat(43)}`,
      docker,
      nics: [],
    });
    const inventory = buildLabInventory(
      { name: "t", emulated: [], notices: [] },
      [host("node-2", "26"), host("node-1", "20.10")],
      "/k",
    );
    expect(inventory.lab?.docker).toEqual({ "node-2": "26" });
    const plain = buildLabInventory({ name: "t", emulated: [], notices: [] }, [host("node-1", "20.10")], "/k");
    expect(plain.lab?.docker).toBeUndefined();
  });
});
