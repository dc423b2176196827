import { describe, expect, it } from "vitest";
import { copyNodes, pasteClip } from "./clipboard";
import { exampleGraph } from "./test-graphs";
import { graphToTopology } from "./to-topology";

describe("copy and paste", () => {
  it("a pasted host brings its NICs, VLANs and containers under new names", () => {
    const base = exampleGraph("macvlan-8021q");
    const { graph, ids } = pasteClip(base, copyNodes(base, ["host:node-1"]));
    expect(ids).toHaveLength(6);
    const design = graphToTopology(graph).topology;
    expect(design.hosts["node-1-copy"]).toEqual(design.hosts["node-1"]);
    expect(design.containers?.["bbox-11-copy"]).toEqual({
      host: "node-1-copy",
      image: "busybox",
      networks: { mac_net11: {} },
    });
  });

  it("a pasted container stays on its host and networks, without the fixed IP", () => {
    const base = exampleGraph("macvlan");
    const { graph } = pasteClip(base, copyNodes(base, ["container:bbox-1"]));
    expect(graphToTopology(graph).topology.containers?.["bbox-1-copy"]).toEqual({
      host: "node-1",
      image: "busybox",
      networks: { mac_net1: {} },
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
