import { expect, test } from "vitest";
import {
  createInventory,
  deleteInventory,
  getInventory,
  getInventoryByName,
  INVENTORY_DOCUMENT_MAX_BYTES,
  listInventories,
  updateInventory,
} from "./inventories";
import { openTestStore } from "./testing";

const DOC =
  "hosts:\n  node-1:\n    address: 198.18.0.11\n    ssh: { user: root, key: ./id_ed25519, hostKey: SHA256:abc }\n";

test("createInventory stores the document and lists summaries without it", () => {
  const store = openTestStore();
  const created = createInventory(store, { name: "lab", document: DOC });
  expect(created).toMatchObject({ ok: true, value: { name: "lab", document: DOC } });
  expect(listInventories(store)).toEqual([
    {
      id: expect.any(String),
      name: "lab",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    },
  ]);
  if (!created.ok) return;
  expect(getInventory(store, created.value.id)?.document).toBe(DOC);
  expect(getInventoryByName(store, "lab")?.id).toBe(created.value.id);
  expect(getInventory(store, "nope")).toBeNull();
});

test("createInventory refuses duplicates, oversized documents and documents holding secrets", () => {
  const store = openTestStore();
  createInventory(store, { name: "lab", document: DOC });
  expect(createInventory(store, { name: "lab", document: DOC })).toMatchObject({
    ok: false,
    error: { code: "name-taken" },
  });
  expect(createInventory(store, { name: "big", document: "x".repeat(INVENTORY_DOCUMENT_MAX_BYTES + 1) })).toMatchObject(
    {
      ok: false,
      error: { code: "document-too-large" },
    },
  );
  const withKey = `${DOC}key: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  b3BlbnNzaA==\n  -----END OPENSSH PRIVATE KEY-----\n`;
  const refused = createInventory(store, { name: "leaky", document: withKey });
  expect(refused).toMatchObject({ ok: false, error: { code: "contains-secret" } });
  expect(JSON.stringify(refused)).not.toContain("b3BlbnNzaA");
  expect(createInventory(store, { name: "pw", document: `${DOC}password: hunter2hunter2\n` })).toMatchObject({
    ok: false,
    error: { code: "contains-secret" },
  });
});

test("updateInventory changes name and document and bumps updatedAt", () => {
  const store = openTestStore();
  const created = createInventory(store, { name: "lab", document: DOC });
  if (!created.ok) throw new Error("create failed");
  createInventory(store, { name: "other", document: DOC });
  store.clock.advance(5000);
  expect(updateInventory(store, created.value.id, { name: "other" })).toMatchObject({
    ok: false,
    error: { code: "name-taken" },
  });
  const updated = updateInventory(store, created.value.id, { name: "lab2", document: "hosts: {}\n" });
  expect(updated).toMatchObject({
    ok: true,
    value: { name: "lab2", document: "hosts: {}\n", updatedAt: "2025-01-01T00:00:05.000Z" },
  });
  expect(updateInventory(store, "nope", { name: "x" })).toMatchObject({ ok: false, error: { code: "not-found" } });
  expect(updateInventory(store, created.value.id, { document: "token: SWMTKN-1-abc-def" })).toMatchObject({
    ok: false,
    error: { code: "contains-secret" },
  });
});

test("deleteInventory removes it", () => {
  const store = openTestStore();
  const created = createInventory(store, { name: "lab", document: DOC });
  if (!created.ok) throw new Error("create failed");
  expect(deleteInventory(store, created.value.id)).toEqual({ ok: true, value: { id: created.value.id } });
  expect(listInventories(store)).toEqual([]);
  expect(deleteInventory(store, created.value.id)).toMatchObject({ ok: false, error: { code: "not-found" } });
});
