import { describe, expect, it } from "vitest";
import { updateNodeData } from "@/lib/graph/edit";
import { exampleGraph } from "@/lib/graph/test-graphs";
import { render } from "@/lib/i18n/text";
import { serializeTopology } from "@/lib/topology";
import { createEditorStore } from "./editor-store";

function storeFor(name = "macvlan") {
  const graph = exampleGraph(name);
  const store = createEditorStore({ topologyId: "t1", graph, savedDocument: "" });
  return store;
}

describe("editor store", () => {
  it("re-checks and re-draws the YAML after an edit, and undo/redo walk back and forth", () => {
    const store = storeFor();
    store.getState().add({ kind: "host" });
    expect(store.getState().yaml.text).toContain("node-3:");
    expect(store.getState().document).toBe(store.getState().yaml.text);
    store.getState().undo();
    expect(store.getState().yaml.text).not.toContain("node-3:");
    store.getState().redo();
    expect(store.getState().yaml.text).toContain("node-3:");
  });

  it("typing in one field is one undo step", () => {
    const store = storeFor();
    for (const name of ["n", "no", "nod", "node-9"]) {
      const graph = store.getState().graph;
      store
        .getState()
        .commit(updateNodeData(graph, "host:node-1", { kind: "host", name }), { coalesce: "host:node-1:name" });
    }
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph.meta.name).toBe("macvlan");
    expect(store.getState().names["host:node-1"]).toBe("node-1");
  });

  it("YAML with errors keeps the canvas and the text; a canvas edit keeps that text as a backup", () => {
    const store = storeFor();
    const before = store.getState().graph;
    store.getState().setYamlText("name: macvlan\nhosts: {\n");
    store.getState().applyYamlText();
    expect(store.getState().graph).toBe(before);
    expect(store.getState().yaml).toMatchObject({ text: "name: macvlan\nhosts: {\n", pending: true });
    expect(store.getState().yaml.issues[0]).toMatchObject({ code: "yaml-syntax" });
    store.getState().add({ kind: "host" });
    expect(store.getState().yaml.backup).toBe("name: macvlan\nhosts: {\n");
    store.getState().restoreYamlBackup();
    expect(store.getState().yaml.text).toBe("name: macvlan\nhosts: {\n");
  });

  it("valid YAML redraws the canvas, keeps positions by name, and is saved as typed (comments too)", () => {
    const store = storeFor();
    const moved = {
      ...store.getState().graph,
      nodes: store
        .getState()
        .graph.nodes.map((n) => (n.id === "host:node-1" ? { ...n, position: { x: 999, y: 111 } } : n)),
    };
    store.getState().commit(moved);
    const text = `# mine\n${serializeTopology({ ...store.getState().check.topology, description: "edited" })}`;
    store.getState().setYamlText(text);
    store.getState().applyYamlText();
    expect(store.getState().yaml.pending).toBe(false);
    expect(store.getState().graph.meta.description).toBe("edited");
    expect(store.getState().graph.nodes.find((n) => n.id === "host:node-1")?.position).toEqual({ x: 999, y: 111 });
    expect(store.getState().document).toBe(text);
  });

  it("refused connections become a toast with the reason", () => {
    const store = storeFor();
    store.getState().connectEnds({ source: "container:bbox-1", target: "container:bbox-2" });
    const toast = store.getState().toast;
    expect(toast && render(toast.text, "en")).toContain("Containers reach each other through a network");
    expect(toast && render(toast.text, "zh-CN")).not.toContain("Containers reach each other");
  });

  it("removing a host takes its children, as one undo step", () => {
    const store = storeFor();
    store.getState().remove(["host:node-1"], []);
    expect(store.getState().graph.nodes.some((n) => n.parentId === "host:node-1")).toBe(false);
    store.getState().undo();
    expect(store.getState().graph.nodes.some((n) => n.id === "container:bbox-1")).toBe(true);
  });
});

describe("level of detail in the editor", () => {
  it("a found container is selected, its collapsed host expanded, zoomed to and open in the inspector", () => {
    const store = storeFor("macvlan-8021q");
    store.getState().collapseAll(true);
    expect(store.getState().collapsed["host:node-2"]).toBe(true);
    store.getState().setTab("yaml");
    store.getState().focusNode("container:bbox-21");
    const state = store.getState();
    expect(state.collapsed["host:node-2"]).toBeUndefined();
    expect(state.collapsed["host:node-1"]).toBe(true);
    expect(state.selectedIds).toEqual(["container:bbox-21"]);
    expect(state.tab).toBe("inspector");
    expect(state.reveal).toMatchObject({ id: "container:bbox-21", zoom: 1 });
  });

  it("collapsing is a view: the design, its YAML and its history do not change", () => {
    const store = storeFor("macvlan-8021q");
    const before = store.getState().document;
    store.getState().toggleHost("host:node-1");
    expect(store.getState().collapsed).toEqual({ "host:node-1": true });
    expect(store.getState().document).toBe(before);
    expect(store.getState().past).toHaveLength(0);
    store.getState().toggleHost("host:node-1");
    expect(store.getState().collapsed).toEqual({});
  });

  it("each network gets its own colour slot, and the hosts their counts", () => {
    const state = storeFor("macvlan-8021q").getState();
    expect(state.netColours).toEqual({ "network:mac_net11": 0, "network:mac_net12": 1 });
    expect(state.counts["host:node-1"]).toEqual({ containers: 2, interfaces: 3 });
  });
});
