import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { appendAudit } from "./audit";
import { openTestStore } from "./testing";

/** Each audit row reaches syslog as it is written, through the real `logger`, when asked to. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  delete process.env.CROSSNET_AUDIT_SYSLOG;
  delete process.env.CROSSNET_AUDIT_SYSLOG_SOCKET;
});

test("with CROSSNET_AUDIT_SYSLOG=1 each written row is sent to syslog, HMAC included", async () => {
  const dir = mkdtempSync(join(tmpdir(), "crossnet-syslog-"));
  dirs.push(dir);
  const path = join(dir, "log.sock");
  const received: string[] = [];
  const server = createServer((socket) => socket.on("data", (data) => received.push(data.toString("utf8"))));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    process.env.CROSSNET_AUDIT_SYSLOG = "1";
    process.env.CROSSNET_AUDIT_SYSLOG_SOCKET = path;
    const store = openTestStore();
    const row = appendAudit(store, {
      kind: "command",
      who: "alice",
      host: "node-1",
      argv: ["ip", "link"],
      exitCode: 0,
      durationMs: 4,
    });
    await expect.poll(() => received.join(""), { timeout: 5000 }).toContain("crossnet-audit");
    const text = received.join("");
    expect(text).toContain('"who":"alice"');
    expect(text).toContain(row.hash);
  } finally {
    server.close();
  }
});

test("without the setting nothing is sent", async () => {
  const dir = mkdtempSync(join(tmpdir(), "crossnet-syslog-"));
  dirs.push(dir);
  const path = join(dir, "log.sock");
  const received: string[] = [];
  const server = createServer((socket) => socket.on("data", (data) => received.push(data.toString("utf8"))));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    process.env.CROSSNET_AUDIT_SYSLOG_SOCKET = path;
    appendAudit(openTestStore(), { kind: "event", who: "alice", detail: "quiet" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
  } finally {
    server.close();
  }
});
