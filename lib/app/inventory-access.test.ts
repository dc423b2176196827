import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { createUser } from "../auth/users";
import { createInventory } from "../store/inventories";
import { inventoryAccess, listInventoryGrants, setInventoryAccess } from "../store/inventory-grants";
import { listRuns } from "../store/runs";
import { openTestStore } from "../store/testing";
import { createTopology, saveTopologyVersion } from "../store/topologies";
import { checkTopologyText } from "../topology/check";
import { startApplyRun } from "./apply-run";
import { resolveInventory } from "./inventory";
import { forbiddenOnInventory } from "./inventory-access";

const FAST = { scrypt: { log2N: 10, r: 8, p: 1 } };

async function setup() {
  const store = openTestStore();
  for (const [name, role] of [
    ["alice", "operator"],
    ["vera", "viewer"],
    ["root", "admin"],
  ] as const) {
    const created = await createUser(store, { name, role, password: `${name} correct horse battery` }, FAST);
    if (!created.ok) throw new Error(created.error.message);
  }
  const lab = createInventory(store, { name: "lab", document: "hosts: {}\n" });
  const production = createInventory(store, { name: "production", document: "hosts: {}\n" });
  if (!lab.ok || !production.ok) throw new Error("inventories");
  return { store, lab: lab.value, production: production.value };
}

test("an operator limited to reading 'production' may still apply on 'lab'; admins and reading are never limited", async () => {
  const { store, lab, production } = await setup();
  const alice = { name: "alice", role: "operator" as const };
  expect(forbiddenOnInventory(store, alice, production, "operator")).toBeNull();
  expect(
    setInventoryAccess(store, { inventoryId: production.id, userName: "alice", access: "read", who: "root" }),
  ).toMatchObject({ ok: true });
  expect(inventoryAccess(store, production.id, "alice")).toBe("read");
  expect(listInventoryGrants(store, production.id)).toMatchObject([
    { userName: "alice", access: "read", updatedBy: "root" },
  ]);
  expect(forbiddenOnInventory(store, alice, production, "operator")).toEqual({
    code: "forbidden",
    message: "alice may only read inventory 'production': an admin limited them there (Hosts page)",
  });
  expect(forbiddenOnInventory(store, alice, production, "viewer")).toBeNull();
  expect(forbiddenOnInventory(store, alice, lab, "operator")).toBeNull();
  // A grant never lifts a role: a viewer stays a viewer.
  setInventoryAccess(store, { inventoryId: lab.id, userName: "vera", access: "apply", who: "root" });
  expect(forbiddenOnInventory(store, { name: "vera", role: "viewer" }, lab, "operator")?.code).toBe("forbidden");
  expect(forbiddenOnInventory(store, { name: "root", role: "admin" }, production, "operator")).toBeNull();
  // Cleared: the role decides again.
  setInventoryAccess(store, { inventoryId: production.id, userName: "alice", access: null, who: "root" });
  expect(forbiddenOnInventory(store, alice, production, "operator")).toBeNull();
  expect(
    setInventoryAccess(store, { inventoryId: production.id, userName: "nobody", access: "read", who: "root" }),
  ).toMatchObject({ ok: false, error: { code: "not-found" } });
});

test("an apply on an inventory the operator may only read is refused before any run starts", async () => {
  const { store, production } = await setup();
  setInventoryAccess(store, { inventoryId: production.id, userName: "alice", access: "read", who: "root" });
  const text = readFileSync(join(import.meta.dirname, "..", "..", "examples", "macvlan.yaml"), "utf8");
  const topology = checkTopologyText(text).topology;
  const created = createTopology(store, { name: "macvlan" });
  if (!topology || !created.ok) throw new Error("topology");
  const version = saveTopologyVersion(store, { topologyId: created.value.id, document: text, author: "alice" });
  const inventory = resolveInventory(store, production.id);
  if (!version.ok || !inventory.ok) throw new Error("version or inventory");
  const started = startApplyRun(store, {
    kind: "apply",
    topology,
    version: { ...version.value.version, document: text },
    inventory: inventory.value,
    actor: { name: "alice", role: "operator" },
  });
  expect(started).toMatchObject({ ok: false, error: { code: "forbidden" } });
  expect(listRuns(store)).toEqual([]);
});
