import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import { checkGraph, type GraphCheck } from "@/lib/graph/check-graph";
import { type Clip, copyNodes, pasteClip } from "@/lib/graph/clipboard";
import { checkConnection } from "@/lib/graph/connect";
import { type HostCounts, hostCounts, initialCollapsed } from "@/lib/graph/detail";
import { type AddRequest, addNode, connect, removeElements } from "@/lib/graph/edit";
import { graphFromText } from "@/lib/graph/from-text";
import { fitHosts, layoutNodes, positionsOf } from "@/lib/graph/layout";
import { networkColourSlots } from "@/lib/graph/network-colour";
import type { CanvasEdge, CanvasNode, Graph } from "@/lib/graph/types";
import { type Text, t } from "@/lib/i18n/text";
import { type Issue, serializeTopology } from "@/lib/topology";

export type Level = "error" | "warning" | "info";
/** A refusal or notice; `text` is rendered in the UI's locale where the toast is shown. */
export type Toast = { id: number; text: Text; tone: "error" | "info" };
export type SaveState = {
  /** `draft`: edits with errors, kept in this browser and not saved as a version until fixed or saved on purpose. */
  status: "saved" | "dirty" | "draft" | "saving" | "refused" | "failed";
  message?: string;
  /** How many errors keep a draft from being saved. */
  errors?: number;
  version?: number;
};

export type YamlState = {
  text: string;
  /** The text was typed and not drawn yet (it has errors, or references the canvas cannot draw). */
  pending: boolean;
  issues: Issue[];
  /** Text with errors that a canvas edit replaced, so the user can get it back. */
  backup?: string;
};

export type EditorState = {
  topologyId: string;
  graph: Graph;
  check: GraphCheck;
  /** The worst issue level per element id (a primitive, so node components re-render only when it changes). */
  levels: Record<string, Level>;
  /** Display name per node id (VLANs as NIC.VID). */
  names: Record<string, string>;
  /** Host name per child node id. */
  hostNames: Record<string, string>;
  /** Containers and interfaces per host id (what a collapsed host shows). */
  counts: Record<string, HostCounts>;
  /** Hosts drawn collapsed (view state, never part of the design). */
  collapsed: Record<string, true>;
  /** Networks drawn as bars with drops (view state kept per topology in this browser, never part of the design). */
  bus: boolean;
  /** Colour slot per network node id (lib/graph/network-colour), by the networks' order. */
  netColours: Record<string, number>;
  /** What a save stores: the YAML drawn from the graph, or the user's own text once it is drawn. */
  document: string;
  savedDocument: string;
  save: SaveState;
  yaml: YamlState;
  selectedIds: string[];
  past: Graph[];
  future: Graph[];
  clip: Clip | null;
  toast: Toast | null;
  tab: string;
  fitRequest: number;
  /** A node the canvas should bring into view (one added with the keyboard, or an issue's). */
  reveal: { id: string; n: number; zoom?: number } | null;
};

export type EditorActions = {
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  /** Replaces the graph after an edit (undoable), re-checking it and re-drawing the YAML. */
  commit(graph: Graph, options?: { history?: boolean; coalesce?: string }): void;
  add(request: AddRequest): string | undefined;
  connectEnds(ends: { source: string; target: string }): void;
  remove(nodeIds: string[], edgeIds: string[]): void;
  markDragStart(): void;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  select(id: string | null): void;
  autoLayout(): void;
  revealNode(id: string): void;
  /** Collapses or expands one host (a collapsed host is one box with its counts). */
  toggleHost(id: string): void;
  /** Collapses every host (true) or expands every host (false). */
  collapseAll(collapse: boolean): void;
  /** Draws networks as buses (true) or as nodes (false). */
  setBus(on: boolean): void;
  /** A found element: its host expanded, selected, zoomed to, and open in the inspector. */
  focusNode(id: string): void;
  setYamlText(text: string): void;
  applyYamlText(): void;
  restoreYamlBackup(): void;
  showToast(text: Text, tone?: Toast["tone"]): void;
  setTab(tab: string): void;
  setSave(save: SaveState, savedDocument?: string): void;
};

export type EditorStore = ReturnType<typeof createEditorStore>;

const HISTORY = 100;

function levelsOf(check: GraphCheck): Record<string, Level> {
  const rank: Record<Level, number> = { error: 0, warning: 1, info: 2 };
  const levels: Record<string, Level> = {};
  for (const issue of check.issues) {
    if (!issue.elementId) continue;
    const current = levels[issue.elementId];
    if (!current || rank[issue.severity] < rank[current]) levels[issue.elementId] = issue.severity;
  }
  return levels;
}

/** Display name of every node (VLANs as NIC.VID) and the host name of every child: O(1) lookups for node components. */
function namesOf(graph: Graph): { names: Record<string, string>; hostNames: Record<string, string> } {
  const names: Record<string, string> = {};
  const hostNames: Record<string, string> = {};
  for (const node of graph.nodes) if (node.type !== "vlan") names[node.id] = node.data.name;
  for (const edge of graph.edges) {
    if (edge.type !== "trunk") continue;
    const vlan = graph.nodes.find((n) => n.id === edge.target);
    if (vlan?.type === "vlan") names[vlan.id] = `${names[edge.source] ?? "?"}.${vlan.data.vid}`;
  }
  for (const node of graph.nodes) {
    if (node.type === "vlan" && names[node.id] === undefined) names[node.id] = `?.${node.data.vid}`;
    if (node.parentId) hostNames[node.id] = names[node.parentId] ?? "";
  }
  return { names, hostNames };
}

/** The colour slot of every network node: by order, so the first eight networks never share a colour. */
function coloursOf(graph: Graph): Record<string, number> {
  const networks = graph.nodes.filter((node) => node.type === "network");
  const slots = networkColourSlots(networks.map((node) => node.id));
  return Object.fromEntries(networks.map((node) => [node.id, slots.get(node.id) ?? 0]));
}

function derive(graph: Graph) {
  const check = checkGraph(graph);
  return {
    graph,
    check,
    levels: levelsOf(check),
    ...namesOf(graph),
    netColours: coloursOf(graph),
    counts: hostCounts(graph.nodes),
    document: serializeTopology(check.valid ?? check.topology),
  };
}

function selectedOf(graph: Graph): string[] {
  return [
    ...graph.nodes.filter((n) => n.selected).map((n) => n.id),
    ...graph.edges.filter((e) => e.selected).map((e) => e.id),
  ];
}

/**
 * The editor's state, one store per mounted editor (held by EditorProvider, never a module
 * singleton). The graph is what the user edits; the design, its issues and its YAML are derived
 * from it with lib/graph and lib/topology after every change that is not a pure move.
 */
export function createEditorStore(init: {
  topologyId: string;
  graph: Graph;
  savedDocument: string;
  text?: string;
  /** View options saved for this topology (components/editor/storage.ts). */
  view?: { bus?: boolean };
}) {
  const initial = derive(init.graph);
  let toastId = 0;
  let lastCoalesce: { key: string; at: number } | null = null;
  return createStore<EditorState & EditorActions>()((set, get) => {
    const commit = (graph: Graph, options: { history?: boolean; coalesce?: string } = {}) => {
      const state = get();
      const now = Date.now();
      const coalesced =
        options.coalesce !== undefined && lastCoalesce?.key === options.coalesce && now - lastCoalesce.at < 1500;
      lastCoalesce = options.coalesce !== undefined ? { key: options.coalesce, at: now } : null;
      const next = derive(graph);
      const yaml: YamlState = state.yaml.pending
        ? { text: next.document, pending: false, issues: [], backup: state.yaml.text }
        : { text: next.document, pending: false, issues: [] };
      set({
        ...next,
        yaml,
        selectedIds: selectedOf(graph),
        ...(options.history !== false &&
          !coalesced && { past: [...state.past, state.graph].slice(-HISTORY), future: [] }),
      });
    };
    const toast = (text: Text, tone: Toast["tone"] = "error") => set({ toast: { id: ++toastId, text, tone } });

    return {
      topologyId: init.topologyId,
      ...initial,
      document: init.text ?? initial.document,
      savedDocument: init.savedDocument,
      save: { status: (init.text ?? initial.document) === init.savedDocument ? "saved" : "dirty" },
      yaml: { text: init.text ?? initial.document, pending: false, issues: [] },
      selectedIds: [],
      past: [],
      future: [],
      clip: null,
      toast: null,
      tab: "inspector",
      fitRequest: 0,
      reveal: null,
      collapsed: initialCollapsed(init.graph),
      bus: init.view?.bus === true,

      onNodesChange(changes) {
        const { graph } = get();
        const removals = changes.filter((c) => c.type === "remove").map((c) => c.id);
        if (removals.length > 0) {
          get().remove(removals, []);
          return;
        }
        const nodes = applyNodeChanges(changes, graph.nodes);
        const moved = changes.some((c) => c.type === "position" && c.dragging === false);
        const next = { ...graph, nodes: moved ? fitHosts(nodes) : nodes };
        const selection = changes.some((c) => c.type === "select");
        set({ graph: next, ...(selection && { selectedIds: selectedOf(next) }) });
      },
      onEdgesChange(changes) {
        const { graph } = get();
        const removals = changes.filter((c) => c.type === "remove").map((c) => c.id);
        if (removals.length > 0) {
          get().remove([], removals);
          return;
        }
        const next = { ...graph, edges: applyEdgeChanges(changes, graph.edges) };
        set({ graph: next, selectedIds: selectedOf(next) });
      },
      commit,
      add(request) {
        const result = addNode(get().graph, request);
        if (!result.ok) {
          toast(result.reason);
          return undefined;
        }
        const graph = {
          ...result.graph,
          nodes: result.graph.nodes.map((n) =>
            n.id === result.nodeId ? { ...n, selected: true } : n.selected ? { ...n, selected: false } : n,
          ),
          edges: result.graph.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        };
        commit(graph);
        return result.nodeId;
      },
      connectEnds(ends) {
        const check = checkConnection(get().graph, ends);
        if (!check.ok) {
          toast(check.reason);
          return;
        }
        commit(connect(get().graph, check));
      },
      remove(nodeIds, edgeIds) {
        const { graph } = get();
        const next = removeElements(graph, nodeIds, edgeIds);
        if (next.nodes.length === graph.nodes.length && next.edges.length === graph.edges.length) return;
        commit(next);
      },
      markDragStart() {
        const state = get();
        set({ past: [...state.past, state.graph].slice(-HISTORY), future: [] });
      },
      undo() {
        const state = get();
        const previous = state.past[state.past.length - 1];
        if (!previous) return;
        commit(previous, { history: false });
        set({ past: state.past.slice(0, -1), future: [state.graph, ...state.future].slice(0, HISTORY) });
      },
      redo() {
        const state = get();
        const next = state.future[0];
        if (!next) return;
        commit(next, { history: false });
        set({ past: [...state.past, state.graph].slice(-HISTORY), future: state.future.slice(1) });
      },
      copy() {
        const { graph } = get();
        const ids = graph.nodes.filter((n) => n.selected).map((n) => n.id);
        if (ids.length === 0) return;
        set({ clip: copyNodes(graph, ids) });
        toast(ids.length === 1 ? t`Copied ${ids.length} element.` : t`Copied ${ids.length} elements.`, "info");
      },
      paste() {
        const { clip, graph } = get();
        if (!clip) return;
        const host = graph.nodes.find((n) => n.selected && n.type === "host");
        commit(pasteClip(graph, clip, 32, host?.id).graph);
      },
      select(id) {
        const { graph } = get();
        const next = {
          ...graph,
          nodes: graph.nodes.map((n) =>
            n.id === id ? (n.selected ? n : { ...n, selected: true }) : n.selected ? { ...n, selected: false } : n,
          ),
          edges: graph.edges.map((e) =>
            e.id === id ? (e.selected ? e : { ...e, selected: true }) : e.selected ? { ...e, selected: false } : e,
          ),
        };
        set({ graph: next, selectedIds: selectedOf(next) });
      },
      autoLayout() {
        const { graph } = get();
        commit({ ...graph, nodes: layoutNodes(graph.nodes, graph.edges) });
        set((s) => ({ fitRequest: s.fitRequest + 1 }));
      },
      revealNode(id) {
        set((s) => ({ reveal: { id, n: (s.reveal?.n ?? 0) + 1 } }));
      },
      toggleHost(id) {
        set((s) => {
          const { [id]: was, ...rest } = s.collapsed;
          return { collapsed: was ? rest : { ...rest, [id]: true } };
        });
      },
      collapseAll(collapse) {
        const hosts = get().graph.nodes.filter((node) => node.type === "host");
        set({ collapsed: collapse ? Object.fromEntries(hosts.map((node) => [node.id, true as const])) : {} });
      },
      setBus(on) {
        set({ bus: on, fitRequest: get().fitRequest + 1 });
      },
      focusNode(id) {
        const node = get().graph.nodes.find((candidate) => candidate.id === id);
        if (!node) return;
        if (node.parentId && get().collapsed[node.parentId]) get().toggleHost(node.parentId);
        get().select(id);
        set((s) => ({ tab: "inspector", reveal: { id, n: (s.reveal?.n ?? 0) + 1, zoom: 1 } }));
      },
      setYamlText(text) {
        set((s) => ({ yaml: { ...s.yaml, text, pending: true } }));
      },
      applyYamlText() {
        const state = get();
        if (!state.yaml.pending) return;
        const text = state.yaml.text;
        const result = graphFromText(text, positionsOf(state.graph));
        if (!result.ok) {
          set({ yaml: { ...state.yaml, issues: result.issues } });
          return;
        }
        const next = derive({ ...result.graph, nodes: result.graph.nodes });
        set({
          ...next,
          document: text,
          yaml: { text, pending: false, issues: result.issues },
          selectedIds: [],
          past: [...state.past, state.graph].slice(-HISTORY),
          future: [],
        });
      },
      restoreYamlBackup() {
        const { yaml } = get();
        if (yaml.backup === undefined) return;
        set({ yaml: { text: yaml.backup, pending: true, issues: [] } });
        get().applyYamlText();
      },
      showToast: toast,
      setTab(tab) {
        set({ tab });
      },
      setSave(save, savedDocument) {
        set(savedDocument !== undefined ? { save, savedDocument } : { save });
      },
    };
  });
}
