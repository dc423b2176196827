import { expect, test } from "vitest";
import { appendAudit } from "../../lib/store/audit";
import { openTestStore } from "../../lib/store/testing";
import { CliError } from "../usage";
import { createAuditCommand } from "./audit";

function capture() {
  const chunks: string[] = [];
  const stdout = { isTTY: false, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
  return { stdout, text: () => chunks.join("") };
}

function harness() {
  const store = openTestStore();
  const { stdout, text } = capture();
  const command = createAuditCommand({
    open: () => ({ ok: true, value: { ...store, close: () => undefined } }),
    stdout,
  });
  return { store, command, output: text };
}

function seed(store: ReturnType<typeof openTestStore>) {
  appendAudit(store, {
    kind: "command",
    who: "alice",
    host: "node-1",
    argv: ["ip", "link", "set", "ens33", "promisc", "on"],
    exitCode: 0,
    durationMs: 12,
  });
  appendAudit(store, {
    kind: "api",
    who: "alice",
    host: "node-1",
    method: "POST",
    path: "/networks/create",
    exitCode: 201,
    durationMs: 30,
  });
  appendAudit(store, { kind: "event", who: "alice", host: "node-2", detail: "host key changed\u001b[31m; refused" });
}

test("verify exits 0 on an intact chain and prints the head", async () => {
  const { store, command, output } = harness();
  seed(store);
  expect(await command.run(["verify"])).toBe(0);
  expect(output()).toMatch(/✓ audit: 3 rows, chain intact; head 3:hmac-sha256:[0-9a-f]{64}/);
});

test("verify exits 1 and names the seq of an edited row", async () => {
  const { store, command, output } = harness();
  seed(store);
  store.sqlite.exec("DROP TRIGGER audit_no_update");
  store.sqlite.prepare("UPDATE audit SET who = 'mallory' WHERE seq = 2").run();
  expect(await command.run(["verify"])).toBe(1);
  expect(output()).toContain("✗ audit: chain broken at seq 2 (hash-mismatch)");
});

test("verify --json prints the result", async () => {
  const { store, command, output } = harness();
  seed(store);
  expect(await command.run(["verify", "--json"])).toBe(0);
  expect(JSON.parse(output())).toMatchObject({ ok: true, count: 3, head: { seq: 3 } });
});

test("list prints one line per row with terminal escapes neutralised", async () => {
  const { store, command, output } = harness();
  seed(store);
  expect(await command.run(["list"])).toBe(0);
  const lines = output().trimEnd().split("\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe(
    "     1  2025-01-01T00:00:00.000Z  alice  node-1  command  0  12ms  ip link set ens33 promisc on",
  );
  expect(lines[1]).toContain("api  201  30ms  POST /networks/create");
  expect(lines[2]).toContain("host key changed?[31m; refused");
  expect(output()).not.toContain("\u001b");
});

test("list --json and the filters", async () => {
  const { store, command, output } = harness();
  seed(store);
  expect(await command.run(["list", "--json", "--after", "1", "--limit", "1"])).toBe(0);
  expect(JSON.parse(output()).map((row: { seq: number }) => row.seq)).toEqual([2]);
});

test("bad usage is a CLI error", async () => {
  const { command } = harness();
  await expect(command.run([])).rejects.toBeInstanceOf(CliError);
  await expect(command.run(["drop"])).rejects.toBeInstanceOf(CliError);
  await expect(command.run(["list", "--limit", "-1"])).rejects.toBeInstanceOf(CliError);
});

test("a database that cannot be opened is a CLI error with its message", async () => {
  const { stdout, text } = capture();
  const command = createAuditCommand({
    open: () => ({ ok: false, error: { code: "open-failed", message: "cannot open /x/y.db: nope", path: "/x/y.db" } }),
    stdout,
  });
  await expect(command.run(["verify"])).rejects.toThrow("cannot open /x/y.db");
  expect(text()).toBe("");
});
