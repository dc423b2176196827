import { describe, expect, it } from "vitest";
import { checkGraph } from "./check-graph";
import { copyNodes, pasteClip } from "./clipboard";
import { exampleGraph } from "./test-graphs";
import { graphToTopology } from "./to-topology";

describe("copy and paste", () => {
  it("a pasted host brings its NICs, VLANs and containers under new names and new addresses", () => {
    const base = exampleGraph("macvlan-8021q");
    const { graph, ids } = pasteClip(base, copyNodes(base, ["host:node-1"]));
    expect(ids).toHaveLength(6);
    const design = graphToTopology(graph).topology;
    expect(design.hosts["node-1-copy"]).toEqual({
      nics: {
        ens33: { promisc: true, vlans: { 10: { address: "192.168.1.11/24" }, 20: { address: "192.168.2.11/24" } } },
      },
    });
    expect(design.containers?.["bbox-11-copy"]).toEqual({
      host: "node-1-copy",
      image: "busybox",
      networks: { mac_net11: { ip: "172.16.11.13" } },
    });
  });

  it("a pasted host leaves the Issues panel nothing to say about duplicate addresses", () => {
    const base = exampleGraph("macvlan-8021q");
    const { graph } = pasteClip(base, copyNodes(base, ["host:node-1"]));
    const { issues } = checkGraph(graph);
    expect(issues.filter((issue) => issue.code === "duplicate-ip")).toEqual([]);
    expect(issues.filter((issue) => issue.severity === "error")).toEqual([]);
    expect(graphToTopology(graph).topology.networks?.mac_net11).toMatchObject({
      parent: { "node-1": "ens33.10", "node-2": "ens32.10", "node-1-copy": "ens33.10" },
    });
  });

  it("a pasted container stays on its host and networks, at the next free address", () => {
    const base = exampleGraph("macvlan");
    const { graph } = pasteClip(base, copyNodes(base, ["container:bbox-1"]));
    expect(graphToTopology(graph).topology.containers?.["bbox-1-copy"]).toEqual({
      host: "node-1",
      image: "busybox",
      networks: { mac_net1: { ip: "10.0.0.13" } },
    });
  });

  it("pasting twice gives -copy2", () => {
    const base = exampleGraph("macvlan");
    const clip = copyNodes(base, ["network:mac_net1"]);
    const once = pasteClip(base, clip).graph;
    const twice = pasteClip(once, clip).graph;
    expect(Object.keys(graphToTopology(twice).topology.networks ?? {})).toEqual([
      "mac_net1",
      "mac_net1-copy",
      "mac_net1-copy2",
    ]);
  });
});
