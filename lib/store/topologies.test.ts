import { expect, test } from "vitest";
import { getRun, startRun } from "./runs";
import { openTestStore } from "./testing";
import {
  createTopology,
  deleteTopology,
  getLatestTopologyVersion,
  getTopology,
  getTopologyByName,
  getTopologyVersion,
  listTopologies,
  listTopologyVersions,
  renameTopology,
  saveTopologyVersion,
  TOPOLOGY_DOCUMENT_MAX_BYTES,
} from "./topologies";

const YAML_V1 = "name: demo\nhosts: {}\n";
const YAML_V2 = "name: demo\nhosts: { node-1: {} }\n";

function created(store: ReturnType<typeof openTestStore>, name: string) {
  const result = createTopology(store, { name });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

test("createTopology returns a plain summary with no version yet", () => {
  const store = openTestStore();
  const topology = created(store, "demo");
  expect(topology).toEqual({
    id: expect.any(String),
    name: "demo",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    latestVersion: null,
  });
  expect(getTopology(store, topology.id)).toEqual(topology);
  expect(getTopologyByName(store, "demo")).toEqual(topology);
  expect(getTopology(store, "nope")).toBeNull();
});

test("createTopology with an initial document stores version 1 atomically", () => {
  const store = openTestStore();
  const result = createTopology(store, { name: "demo", initial: { document: YAML_V1, author: "alice" } });
  expect(result.ok && result.value.latestVersion).toBe(1);
});

test("names are unique and checked", () => {
  const store = openTestStore();
  created(store, "demo");
  expect(createTopology(store, { name: "demo" })).toMatchObject({
    ok: false,
    error: { code: "name-taken", name: "demo" },
  });
  expect(createTopology(store, { name: "  " })).toMatchObject({ ok: false, error: { code: "invalid-name" } });
  expect(createTopology(store, { name: "a\nb" })).toMatchObject({ ok: false, error: { code: "invalid-name" } });
  expect(createTopology(store, { name: "x".repeat(129) })).toMatchObject({
    ok: false,
    error: { code: "invalid-name" },
  });
});

test("saveTopologyVersion numbers versions, bumps updatedAt and skips identical saves", () => {
  const store = openTestStore();
  const topology = created(store, "demo");
  store.clock.advance(1000);
  const v1 = saveTopologyVersion(store, { topologyId: topology.id, document: YAML_V1, author: "alice" });
  expect(v1).toMatchObject({ ok: true, value: { created: true, version: { version: 1, author: "alice" } } });
  const again = saveTopologyVersion(store, { topologyId: topology.id, document: YAML_V1, author: "bob" });
  expect(again).toMatchObject({ ok: true, value: { created: false, version: { version: 1, author: "alice" } } });
  store.clock.advance(1000);
  const v2 = saveTopologyVersion(store, { topologyId: topology.id, document: YAML_V2, author: "bob" });
  expect(v2).toMatchObject({ ok: true, value: { created: true, version: { version: 2 } } });

  expect(getTopology(store, topology.id)).toMatchObject({ latestVersion: 2, updatedAt: "2025-01-01T00:00:02.000Z" });
  expect(listTopologyVersions(store, topology.id).map((v) => v.version)).toEqual([2, 1]);
  expect(getLatestTopologyVersion(store, topology.id)?.document).toBe(YAML_V2);
  if (v1.ok) expect(getTopologyVersion(store, v1.value.version.id)?.document).toBe(YAML_V1);
});

test("saveTopologyVersion refuses unknown topologies and oversized documents", () => {
  const store = openTestStore();
  const topology = created(store, "demo");
  expect(saveTopologyVersion(store, { topologyId: "nope", document: YAML_V1, author: "a" })).toMatchObject({
    ok: false,
    error: { code: "not-found" },
  });
  const huge = "x".repeat(TOPOLOGY_DOCUMENT_MAX_BYTES + 1);
  expect(saveTopologyVersion(store, { topologyId: topology.id, document: huge, author: "a" })).toMatchObject({
    ok: false,
    error: { code: "document-too-large", limit: TOPOLOGY_DOCUMENT_MAX_BYTES },
  });
});

test("listTopologies sorts by name and carries the latest version", () => {
  const store = openTestStore();
  const b = created(store, "beta");
  created(store, "alpha");
  saveTopologyVersion(store, { topologyId: b.id, document: YAML_V1, author: "a" });
  expect(listTopologies(store).map((t) => [t.name, t.latestVersion])).toEqual([
    ["alpha", null],
    ["beta", 1],
  ]);
});

test("renameTopology keeps names unique", () => {
  const store = openTestStore();
  const a = created(store, "a");
  created(store, "b");
  expect(renameTopology(store, a.id, "b")).toMatchObject({ ok: false, error: { code: "name-taken" } });
  expect(renameTopology(store, a.id, "c")).toMatchObject({ ok: true, value: { name: "c" } });
  expect(renameTopology(store, "nope", "d")).toMatchObject({ ok: false, error: { code: "not-found" } });
});

test("deleteTopology removes versions but keeps runs, with their version reference cleared", () => {
  const store = openTestStore();
  const topology = created(store, "demo");
  const saved = saveTopologyVersion(store, { topologyId: topology.id, document: YAML_V1, author: "a" });
  if (!saved.ok) throw new Error("save failed");
  const run = startRun(store, { kind: "apply", who: "a", topologyVersionId: saved.value.version.id });
  if (!run.ok) throw new Error("start failed");
  expect(deleteTopology(store, topology.id)).toEqual({ ok: true, value: { id: topology.id } });
  expect(listTopologyVersions(store, topology.id)).toEqual([]);
  expect(getRun(store, run.value.id)?.topologyVersionId).toBeNull();
  expect(deleteTopology(store, topology.id)).toMatchObject({ ok: false, error: { code: "not-found" } });
});
