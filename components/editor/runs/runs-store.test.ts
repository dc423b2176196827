import { expect, it } from "vitest";
import type { DriftMark } from "@/lib/drift/drift";
import { t } from "@/lib/i18n/text";
import { probeCell } from "@/lib/matrix/testing";
import type { ApplyResultView } from "@/lib/views/apply-log";
import { createRunsStore } from "./runs-store";

const result = (marks: Record<string, DriftMark>): ApplyResultView => ({
  kind: "apply",
  status: "partial",
  converged: false,
  refused: null,
  unreachable: [],
  conflicts: [],
  failures: [],
  counts: { ok: 1, failed: 1, unknown: 0, skipped: 0 },
  durationMs: 10,
  remaining: null,
  drift: { inSync: false, marks, items: [], counts: { missing: 1, changed: 0, extra: 0, conflict: 0, unreachable: 0 } },
});

it("inventories: the lab's is picked by default, a chosen one is kept across reloads", () => {
  const store = createRunsStore("t");
  const lab = { id: "a", name: "lab", hosts: ["node-1"], lab: true, problem: null };
  const office = { id: "b", name: "office", hosts: ["node-1"], lab: false, problem: null };
  store.getState().setInventories([office, lab], null, null);
  expect(store.getState().inventoryId).toBe("a");
  store.getState().setInventory("b");
  store.getState().setInventories([office, lab], null, null);
  expect(store.getState().inventoryId).toBe("b");
});

it("an apply's events fill its log; its end marks the drift left on the canvas", () => {
  const store = createRunsStore("t");
  store.getState().startApply({ id: "r1", kind: "apply", version: 2, live: true });
  store.getState().receive("r1", { type: "apply", event: { type: "phase", phase: "run" } });
  store.getState().receive("other", { type: "apply", event: { type: "phase", phase: "verify" } });
  expect(store.getState().apply.log.phase).toBe("run");
  store.getState().receive("r1", {
    type: "end",
    outcome: { kind: "apply", result: result({ "container:bbox-2": { state: "missing", reasons: [t`missing`] } }) },
  });
  expect(store.getState().apply.run?.live).toBe(false);
  expect(store.getState().apply.log.result?.status).toBe("partial");
  expect(store.getState().overlay.drift["container:bbox-2"]?.state).toBe("missing");
});

it("a ping run fills the matrix; at its end the failed pairs become canvas paths; a re-run keeps the passes", () => {
  const store = createRunsStore("t");
  store.getState().startTest({ id: "p1", kind: "ping", version: 1, live: true }, { rerun: false });
  const pass = probeCell({ from: "bbox-1", to: "bbox-2" });
  const fail = probeCell({ from: "bbox-2", to: "bbox-1", verdict: "fail", actual: "blocked" });
  for (const cell of [pass, fail]) store.getState().receive("p1", { type: "probe", event: { type: "cell", cell } });
  expect(store.getState().overlay.failed).toEqual({});
  store.getState().receive("p1", {
    type: "end",
    outcome: {
      kind: "ping",
      result: { summary: { pass: 1, fail: 1, durationMs: 5 }, cancelled: false, unreachable: [], error: null },
    },
  });
  expect(Object.keys(store.getState().overlay.failed)).toContain("container:bbox-2");
  store.getState().startTest({ id: "p2", kind: "ping", version: 1, live: true }, { rerun: true });
  expect(store.getState().test.matrix.order).toHaveLength(1);
  expect(store.getState().overlay.failed).toEqual({});
});

it("a run whose stream is gone says so", () => {
  const store = createRunsStore("t");
  store.getState().startApply({ id: "r1", kind: "destroy", version: 1, live: true });
  store.getState().receive("r1", { type: "gone", status: "done" });
  expect(store.getState().apply.log.error).toContain("gone");
  expect(store.getState().apply.run?.live).toBe(false);
});
