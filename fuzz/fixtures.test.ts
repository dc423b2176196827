import { describe, expect, it } from "vitest";
import { expectMatrix } from "../lib/expect/expect";
import type { ExpectCell } from "../lib/expect/types";
import { render } from "../lib/i18n/text";
import { planTopology } from "../lib/plan/plan";
import { displayCommand } from "../lib/plan/render";
import { appliedSnapshot } from "../lib/plan/testing/applied-snapshot";
import { fixtureNames, loadFixture } from "./fixtures";

function cell(name: string, from: string, to: string, target: string): ExpectCell {
  const found = expectMatrix(loadFixture(name)).pairs.find(
    (candidate) =>
      candidate.from === from && candidate.to === to && candidate.by === "ip" && candidate.target === target,
  );
  if (!found) throw new Error(`${name}: no cell ${from} → ${to} ${target}`);
  return found;
}

describe("the fuzz regression fixtures, without the lab", () => {
  it.each(fixtureNames())("%s is valid and re-plans to nothing once applied", (name) => {
    const design = loadFixture(name);
    const options = { ovsDatapath: "netdev" as const, kvProvided: true };
    expect(planTopology(design, appliedSnapshot(design, options), options).steps).toEqual([]);
  });

  it("address-shadowed: c3's address is c1's own, and c2 finds c1 at it", () => {
    expect(cell("address-shadowed", "c1", "c3", "172.18.0.2")).toMatchObject({
      expected: "reach",
      reasonCode: "address-shadowed",
    });
    expect(render(cell("address-shadowed", "c2", "c3", "172.18.0.2").reason, "en")).toContain("c1 answers, not c3");
  });

  it("routed-via-host: a bridge container and an overlay-only one reach the routed bridge on the other host", () => {
    expect(cell("routed-via-host", "c1", "c3", "10.102.2.10").reasonCode).toBe("routed-via-host");
    expect(render(cell("routed-via-host", "c2", "c3", "10.102.2.10").reason, "en")).toContain("docker_gwbridge");
    expect(cell("routed-via-host", "c3", "c1", "10.40.0.2").expected).toBe("blocked");
  });

  it("default-route-macvlan: mv1 sorts before rt3, so c1 reaches nobody across hosts on rt3", () => {
    expect(cell("default-route-macvlan", "c1", "c2", "10.102.2.10")).toMatchObject({
      expected: "blocked",
      reasonCode: "default-route-elsewhere",
    });
    expect(cell("default-route-macvlan", "c3", "c2", "10.102.2.10").expected).toBe("reach");
  });

  it("default-route-join-order: c2, c5 and c8 all reach c1 through rt3's gateway, whatever their join order", () => {
    for (const from of ["c2", "c5", "c8"])
      expect(cell("default-route-join-order", from, "c1", "10.102.1.2"), from).toMatchObject({
        expected: "reach",
        reasonCode: "routed-bridge",
      });
  });

  it("routed-arp-flux: rt1 lets peers' packets in on every NIC of the host, not only on the underlay one", () => {
    const accepts = planTopology(loadFixture("routed-arp-flux"), {})
      .steps.filter((step) => step.kind === "add-rule" && step.argv.includes("DOCKER-USER"))
      .map((step) => `${step.host}: ${displayCommand(step.argv)}`);
    for (const host of ["node-1", "node-2"])
      for (const nic of ["ens33", "ens34"])
        expect(accepts.some((line) => line.startsWith(`${host}:`) && line.includes(`-i ${nic} -o rt1`))).toBe(true);
    expect(accepts.some((line) => /-i (br-|docker0|rt1)/.test(line))).toBe(false);
    expect(cell("routed-arp-flux", "c2", "c1", "10.100.2.2").expected).toBe("reach");
  });

  it("gwbridge-own-address is valid and plans the overlay and the bridge", () => {
    const kinds = planTopology(loadFixture("gwbridge-own-address"), {}).steps.map((step) => step.kind);
    expect(kinds).toContain("create-network");
  });

  it("ovs-three-hosts: tunnels form a star from node-1", () => {
    const links = planTopology(loadFixture("ovs-three-hosts"), {}, { ovsDatapath: "netdev" })
      .steps.filter((step) => step.kind === "create-tunnel-link")
      .map((step) => `${step.host}: ${displayCommand(step.argv)}`);
    expect(links.filter((link) => link.startsWith("node-2") || link.startsWith("node-3"))).toHaveLength(4);
    expect(links.every((link) => link.startsWith("node-1") || link.includes("remote 192.168.0.11"))).toBe(true);
  });

  it("ovs-next-to-overlay: ovs-docker never makes an ethN", () => {
    const attach = planTopology(loadFixture("ovs-next-to-overlay"), {}, { ovsDatapath: "netdev" }).steps.filter(
      (step) => step.kind === "attach-ovs-port",
    );
    expect(attach).toHaveLength(3);
    for (const step of attach) expect(step.argv.slice(0, 4)).toEqual(["ovs-docker", "add-port", "ovs1", "ovs1"]);
  });
});

it("kv-networks-created-together: kv2 (on node-2) is created only after kv1 (on node-1)", () => {
  const steps = planTopology(loadFixture("kv-networks-created-together"), {}).steps;
  const create = (name: string) =>
    steps.find((step) => step.kind === "create-network" && step.resourceId.startsWith(`network:${name}@`));
  expect([create("kv1")?.host, create("kv2")?.host]).toEqual(["node-1", "node-2"]);
  expect(create("kv2")?.dependsOn).toContain(create("kv1")?.id);
});
