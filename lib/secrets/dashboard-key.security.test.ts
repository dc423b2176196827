import { expect, it } from "vitest";
import { resolveInventory } from "../app/inventory";
import { createInventory } from "../store/inventories";
import { inventoryAgentAllowed, setInventoryAgent } from "../store/inventory-settings";
import { openTestStore } from "../store/testing";
import {
  DASHBOARD_AGENT_OFF,
  DASHBOARD_KEY_ONLY_STORED,
  DashboardHostKeyChoice,
  keyChoiceRefusal,
} from "./dashboard-key";

/**
 * Finding 3: an inventory managed in the dashboard takes SSH keys only from Crossnet's encrypted
 * key store. The add-host action's schema refuses a file path, the action refuses the agent unless an
 * admin allowed it for that inventory, and an inventory that still names one (written before) is
 * refused when connecting, before any file is read.
 */

const FP = `SHA256:${"A".repeat(43)}`;

it("the add-host schema refuses a key file path, and the action the ssh-agent while it is off, saying what to do instead", () => {
  expect(keyChoiceRefusal({ kind: "agent" }, false)).toBe(DASHBOARD_AGENT_OFF);
  expect(keyChoiceRefusal({ kind: "agent" }, true)).toBeNull();
  expect(keyChoiceRefusal({ kind: "stored" }, false)).toBeNull();
  for (const key of [
    { kind: "file", path: "/etc/shadow" },
    { kind: "file", path: "/root/.ssh/id_ed25519" },
    { kind: "agent", path: "/tmp/agent.sock" },
    { kind: "stored", path: "/etc/shadow" },
    { kind: "../../etc/shadow" },
  ]) {
    const parsed = DashboardHostKeyChoice.safeParse(key);
    expect(parsed.success, JSON.stringify(key)).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(DASHBOARD_KEY_ONLY_STORED);
  }
  expect(DashboardHostKeyChoice.parse({ kind: "stored" })).toEqual({ kind: "stored" });
});

it("a dashboard inventory that names a key file or the agent is refused at connect time, without reading the file", () => {
  const store = openTestStore();
  const created = createInventory(store, {
    name: "prod",
    document: `hosts:
  node-1:
    address: 198.18.0.11
    ssh: { user: root, key: /etc/shadow, hostKey: ${FP} }
  node-2:
    address: 198.18.0.12
    ssh: { user: root, key: agent, hostKey: ${FP} }
`,
  });
  if (!created.ok) throw new Error(created.error.message);
  const resolved = resolveInventory(store, created.value.id);
  if (!resolved.ok) throw new Error(resolved.error.message);
  for (const [host, refusal] of [
    ["node-1", DASHBOARD_KEY_ONLY_STORED],
    ["node-2", DASHBOARD_AGENT_OFF],
  ] as const) {
    const credential = resolved.value.credential(host);
    expect(credential, host).toBeTypeOf("function");
    expect(() => credential?.()).toThrow(`${host}: ${refusal}`);
  }
});

it("the ssh-agent works only for the one inventory an admin enabled it for; key paths stay refused there", () => {
  const store = openTestStore();
  const document = `hosts:
  node-1:
    address: 198.18.0.11
    ssh: { user: root, key: /etc/shadow, hostKey: ${FP} }
  node-2:
    address: 198.18.0.12
    ssh: { user: root, key: agent, hostKey: ${FP} }
`;
  const lab = createInventory(store, { name: "lab-like", document });
  const prod = createInventory(store, { name: "prod", document });
  if (!lab.ok || !prod.ok) throw new Error("inventories not created");
  expect(inventoryAgentAllowed(store, lab.value.id)).toBe(false);
  expect(setInventoryAgent(store, lab.value.id, true, "admin1")).toEqual({
    ok: true,
    value: { inventoryId: lab.value.id, allowed: true },
  });
  const enabled = resolveInventory(store, lab.value.id);
  const other = resolveInventory(store, prod.value.id);
  if (!enabled.ok || !other.ok) throw new Error("not resolved");
  // undefined: the connection uses the agent (lib/exec/ssh.ts), as the CLI does.
  expect(enabled.value.credential("node-2")).toBeUndefined();
  expect(() => enabled.value.credential("node-1")?.()).toThrow(DASHBOARD_KEY_ONLY_STORED);
  expect(() => other.value.credential("node-2")?.()).toThrow(DASHBOARD_AGENT_OFF);
  setInventoryAgent(store, lab.value.id, false, "admin1");
  const disabled = resolveInventory(store, lab.value.id);
  if (!disabled.ok) throw new Error("not resolved");
  expect(() => disabled.value.credential("node-2")?.()).toThrow(DASHBOARD_AGENT_OFF);
});

it("the add-host key choice takes the agent as a choice (the action then checks the inventory's switch), never a path", () => {
  expect(DashboardHostKeyChoice.parse({ kind: "agent" })).toEqual({ kind: "agent" });
  expect(DashboardHostKeyChoice.parse({ kind: "stored" })).toEqual({ kind: "stored" });
  for (const key of [
    { kind: "file", path: "/etc/shadow" },
    { kind: "agent", path: "/tmp/agent.sock" },
  ])
    expect(DashboardHostKeyChoice.safeParse(key).success, JSON.stringify(key)).toBe(false);
});
