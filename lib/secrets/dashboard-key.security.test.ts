import { expect, it } from "vitest";
import { resolveInventory } from "../inventory/resolve";
import { createInventory } from "../store/inventories";
import { openTestStore } from "../store/testing";
import { DASHBOARD_KEY_ONLY_STORED, DashboardHostKey } from "./dashboard-key";

/**
 * Finding 3: an inventory managed in the dashboard takes SSH keys only from Crossnet's encrypted
 * key store. The add-host action's schema refuses a file path or the agent, and an inventory that
 * still names one (written before) is refused when connecting, before any file is read.
 */

const FP = `SHA256:${"A".repeat(43)}`;

it("the add-host schema refuses a key file path and the ssh-agent, saying what to do instead", () => {
  for (const key of [
    { kind: "file", path: "/etc/shadow" },
    { kind: "file", path: "/root/.ssh/id_ed25519" },
    { kind: "agent" },
    { kind: "stored", path: "/etc/shadow" },
    { kind: "../../etc/shadow" },
  ]) {
    const parsed = DashboardHostKey.safeParse(key);
    expect(parsed.success, JSON.stringify(key)).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(DASHBOARD_KEY_ONLY_STORED);
  }
  expect(DashboardHostKey.parse({ kind: "stored" })).toEqual({ kind: "stored" });
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
  for (const host of ["node-1", "node-2"]) {
    const credential = resolved.value.credential(host);
    expect(credential, host).toBeTypeOf("function");
    expect(() => credential?.()).toThrow(`${host}: ${DASHBOARD_KEY_ONLY_STORED}`);
  }
});
