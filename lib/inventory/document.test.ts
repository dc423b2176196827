import { expect, it } from "vitest";
import {
  inventoryHostViews,
  parseInventoryText,
  putInventoryHost,
  removeInventoryHost,
  STORED_KEY,
  serializeInventory,
  setHostKeyRef,
} from "./document";

const FP = `SHA256:${"A".repeat(43)}`;
const text = `hosts:
  node-2:
    address: 198.18.0.12
    ssh: { user: root, key: /keys/id, hostKey: ${FP} }
  node-1:
    address: 198.18.0.11
    ssh: { port: 2222, user: root, key: agent, hostKey: ${FP} }
`;

it("reads an inventory, fills defaults, and writes it back with hosts sorted", () => {
  const parsed = parseInventoryText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  expect(parsed.inventory.hosts["node-2"]?.ssh.port).toBe(22);
  expect(parsed.inventory.hosts["node-2"]?.docker).toEqual({ endpoint: "ssh" });
  const again = serializeInventory(parsed.inventory);
  expect(again.indexOf("node-1")).toBeLessThan(again.indexOf("node-2"));
  expect(parseInventoryText(again)).toEqual(parsed);
});

it("an empty document is an empty inventory; YAML aliases and unknown keys are refused", () => {
  expect(parseInventoryText("")).toEqual({ ok: true, inventory: { hosts: {} } });
  expect(parseInventoryText("a: &x [1]\nb: *x\n").ok).toBe(false);
  const unknown = parseInventoryText("hosts: {}\nextra: 1\n");
  expect(unknown.ok).toBe(false);
});

it("plain TCP to Docker is refused", () => {
  const parsed = parseInventoryText(
    `hosts:\n  h:\n    address: 10.0.0.1\n    ssh: { user: root, key: k, hostKey: ${FP} }\n    docker: { endpoint: "tcp://10.0.0.1:2375" }\n`,
  );
  expect(parsed.ok).toBe(false);
});

it("adding a host checks its name, address, user and pinned key", () => {
  const base = { hosts: {} };
  const good = putInventoryHost(base, {
    name: "db-1",
    address: "10.0.0.5",
    port: 22,
    user: "root",
    key: STORED_KEY,
    hostKey: FP,
  });
  expect(good.ok && good.inventory.hosts["db-1"]?.ssh).toEqual({
    port: 22,
    user: "root",
    key: STORED_KEY,
    hostKey: FP,
  });
  const bad = putInventoryHost(base, {
    name: "-oProxyCommand=x",
    address: "not-an-ip",
    port: 70000,
    user: "Root;",
    key: "k",
    hostKey: "md5:zz",
  });
  expect(bad.ok).toBe(false);
  if (!bad.ok)
    expect(bad.problems.map((p) => p.path).sort()).toEqual(["address", "name", "ssh.hostKey", "ssh.port", "ssh.user"]);
});

it("hosts can be removed and their key pointed at the encrypted store; views never show key material", () => {
  const parsed = parseInventoryText(text);
  if (!parsed.ok) throw new Error("parse");
  const stored = setHostKeyRef(parsed.inventory, "node-2", STORED_KEY);
  if (!stored.ok) throw new Error("set");
  expect(inventoryHostViews(stored.inventory).map((view) => [view.name, view.key])).toEqual([
    ["node-1", { kind: "agent" }],
    ["node-2", { kind: "stored" }],
  ]);
  expect(Object.keys(removeInventoryHost(stored.inventory, "node-1").hosts)).toEqual(["node-2"]);
  expect(setHostKeyRef(parsed.inventory, "nope", STORED_KEY).ok).toBe(false);
});
