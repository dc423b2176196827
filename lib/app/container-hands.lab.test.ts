import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { onHost } from "../exec/testing/lab";
import { labDown, labSpecFromTopology } from "../lab/index";
import { acquireLab, requireRoot } from "../probe/testing/lab-session";
import { createAuditSink, listAudit } from "../store/audit";
import { openStore, type Store } from "../store/open";
import { checkTopologyText, type Topology } from "../topology/index";
import type { Actor } from "./actor";
import { type ConsoleEvent, ConsoleHub, openConsole } from "./console-session";
import { controlContainer } from "./container-control";
import { followContainerLogs, tailContainerLogs } from "./container-logs";
import { applyTopology } from "./converge";
import { type ResolvedInventory, registerLabInventory, resolveInventory } from "./inventory";
import { observePlan } from "./observe-plan";

const text = readFileSync(join(import.meta.dirname, "..", "..", "examples", "macvlan.yaml"), "utf8");
const design = checkTopologyText(text).topology as Topology;
const operator: Actor = { name: "hands-operator", role: "operator" };
let dir = "";
let acquired = false;
let store: Store;
let inventory: ResolvedInventory;

function target(container: string, actor: Actor = operator) {
  return { topology: design, inventory, container, actor };
}

async function hostState(container: string, host: string): Promise<string> {
  return (await onHost(host, ["docker", "inspect", "-f", "{{.State.Status}}", container])).trim();
}

/** Watches a console until `until` matches its text so far (or the console closes); returns the text. */
function watch(
  hub: ConsoleHub,
  id: string,
  until: (text: string) => boolean,
  timeoutMs = 15_000,
): Promise<{ text: string; closed: string | null }> {
  const session = hub.get(id, operator.name);
  if (!session) throw new Error("no such console");
  return new Promise((resolve, reject) => {
    let text = "";
    let closed: string | null = null;
    const timer = setTimeout(() => {
      subscription.stop();
      reject(new Error(`console output did not match in ${timeoutMs} ms: ${JSON.stringify(text)}`));
    }, timeoutMs);
    const take = (_seq: number, event: ConsoleEvent) => {
      if (event.type === "output") text += Buffer.from(event.data, "base64").toString("utf8");
      else closed = event.reason;
      if (closed !== null || until(text)) {
        clearTimeout(timer);
        queueMicrotask(() => subscription.stop());
        resolve({ text, closed });
      }
    };
    const subscription = session.subscribe(0, (seq, event) => take(seq, event));
    for (const { seq, event } of subscription.replay) take(seq, event);
  });
}

beforeAll(async () => {
  requireRoot("hands on a container");
  dir = mkdtempSync(join(tmpdir(), "crossnet-hands-lab-"));
  const lab = await acquireLab(labSpecFromTopology(design), join(dir, "inventory.yaml"));
  acquired = true;
  const opened = openStore({ path: ":memory:" });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  const registered = await registerLabInventory(store);
  if (!("id" in registered)) throw new Error(`lab inventory not registered: ${JSON.stringify(registered)}`);
  const resolved = resolveInventory(store, registered.id);
  if (!resolved.ok) throw new Error(resolved.error.message);
  inventory = resolved.value;
  const applied = await applyTopology(design, {
    inventory: lab.inventory,
    inventoryDir: dirname(lab.inventoryPath),
    who: "test",
    dataDir: dir,
    audit: createAuditSink(store),
  });
  if (applied.status !== "done") throw new Error(`apply: ${applied.status}`);
}, 25 * 60_000);

afterAll(async () => {
  store?.close();
  if (acquired) await labDown({});
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("stop, start and restart one container over SSH, each an audit row with its argv and exit code", async () => {
  const stopped = await controlContainer(store, { ...target("bbox-2"), action: "stop" });
  expect(stopped).toMatchObject({ ok: true, value: { host: "node-2", running: false, addresses: {} } });
  expect(await hostState("bbox-2", "node-2")).toBe("exited");
  expect(await hostState("bbox-1", "node-1")).toBe("running");

  const observed = await observePlan(store, { kind: "apply", topology: design, inventory, actor: operator });
  expect(observed.live?.["bbox-2"]).toEqual({ host: "node-2", state: "stopped", addresses: {} });
  expect(observed.live?.["bbox-1"]).toEqual({ host: "node-1", state: "running", addresses: { mac_net1: "10.0.0.11" } });

  const started = await controlContainer(store, { ...target("bbox-2"), action: "start" });
  expect(started).toMatchObject({
    ok: true,
    value: { running: true, command: "docker start bbox-2", addresses: { mac_net1: "10.0.0.12" } },
  });
  expect(await hostState("bbox-2", "node-2")).toBe("running");
  const restarted = await controlContainer(store, { ...target("bbox-2"), action: "restart" });
  expect(restarted).toMatchObject({ ok: true, value: { running: true } });

  const rows = listAudit(store, { limit: 5000 }).filter((row) => row.who === operator.name && row.kind === "command");
  const done = (argv: string[]) =>
    rows.filter((row) => JSON.stringify(row.argv) === JSON.stringify(argv) && row.exitCode === 0);
  expect(done(["docker", "stop", "-t", "5", "bbox-2"])).toHaveLength(1);
  expect(done(["docker", "start", "bbox-2"])).toHaveLength(1);
  expect(done(["docker", "restart", "-t", "5", "bbox-2"])).toHaveLength(1);
  expect(done(["docker", "stop", "-t", "5", "bbox-2"])[0]?.host).toBe("node-2");
});

it("refuses a container the design does not have, and a viewer, before connecting", async () => {
  await onHost("node-1", ["docker", "run", "-d", "--name", "not-ours", "busybox", "sleep", "300"]);
  const outside = await controlContainer(store, { ...target("not-ours"), action: "stop" });
  expect(outside).toMatchObject({ ok: false, error: { code: "not-in-design" } });
  expect(await hostState("not-ours", "node-1")).toBe("running");
  const viewer = await controlContainer(store, { ...target("bbox-1", { name: "v", role: "viewer" }), action: "stop" });
  expect(viewer).toMatchObject({ ok: false, error: { code: "forbidden" } });
  expect(await hostState("bbox-1", "node-1")).toBe("running");
  await onHost("node-1", ["docker", "rm", "-f", "not-ours"]);
});

it("a logs tail returns the last lines of the log, bounded", async () => {
  for (const line of ["first-line", "second-line", "third-line"])
    await onHost("node-1", ["docker", "exec", "bbox-1", "sh", "-c", `echo ${line} > /proc/1/fd/1`]);
  const tail = await tailContainerLogs(store, { ...target("bbox-1"), lines: 2 });
  if (!tail.ok) throw new Error(tail.error.message);
  expect(tail.value.text).toContain("second-line");
  expect(tail.value.text).toContain("third-line");
  expect(tail.value.text).not.toContain("first-line");
  expect(tail.value.command).toBe("docker logs --tail 2 bbox-1");
}, 60_000);

it("a followed log streams new lines and stops when the client goes, or at its time limit", async () => {
  const abort = new AbortController();
  let seen = "";
  const following = followContainerLogs(store, {
    ...target("bbox-1"),
    lines: 1,
    signal: abort.signal,
    limits: { maxMs: 20_000 },
    onChunk: (chunk) => {
      seen += chunk;
      if (seen.includes("live-line")) abort.abort();
    },
  });
  await new Promise((wake) => setTimeout(wake, 1500));
  await onHost("node-1", ["docker", "exec", "bbox-1", "sh", "-c", "echo live-line > /proc/1/fd/1"]);
  const end = await following;
  if (!end.ok) throw new Error(end.error.message);
  expect(end.value.reason).toBe("client-gone");
  expect(seen).toContain("third-line");
  expect(seen).toContain("live-line");

  const bounded = await followContainerLogs(store, {
    ...target("bbox-1"),
    lines: 100,
    signal: new AbortController().signal,
    onChunk: () => {},
    limits: { maxMs: 1500 },
  });
  expect(bounded).toMatchObject({ ok: true, value: { reason: "time-limit" } });
  const rows = listAudit(store, { limit: 5000 }).filter((row) => row.detail?.startsWith("logs followed"));
  expect(rows.map((row) => row.detail?.replace(/\d+ bytes/, "N bytes"))).toEqual([
    "logs followed: N bytes; stopped: client-gone",
    "logs followed: N bytes; stopped: time-limit",
  ]);
}, 60_000);

it("a console runs commands in the container on a terminal; opening and closing are audited", async () => {
  const hub = new ConsoleHub();
  const opened = await openConsole(store, { ...target("bbox-2"), cols: 100, rows: 30, hub });
  if (!opened.ok) throw new Error(opened.error.message);
  const session = hub.get(opened.value.id, operator.name);
  if (!session) throw new Error("the console is not in the hub");
  expect(hub.get(opened.value.id, "someone-else")).toBeUndefined();
  await watch(hub, opened.value.id, (text) => text.includes("#"));
  session.write("hostname; ip addr show eth0 | grep inet; stty size\r");
  const seen = await watch(hub, opened.value.id, (text) => /10\.0\.0\.12/.test(text) && /30 100/.test(text));
  expect(seen.text).toContain("inet 10.0.0.12/24");
  session.resize({ cols: 120, rows: 40 });
  session.write("stty size\r");
  await watch(hub, opened.value.id, (text) => text.includes("40 120"));
  session.write("exit\r");
  const end = await watch(hub, opened.value.id, () => false);
  expect(end.closed).toBe("the shell exited (0)");
  expect(hub.size).toBe(0);
  const rows = listAudit(store, { limit: 5000 }).filter((row) => row.who === operator.name);
  expect(rows.some((row) => row.detail === "console opened: docker exec -it bbox-2 sh (100×30)")).toBe(true);
  const closed = rows.find((row) => row.detail?.startsWith("console closed"));
  expect(closed?.argv).toEqual(["docker", "exec", "-it", "bbox-2", "sh"]);
  expect(closed?.exitCode).toBe(0);
  expect(closed?.detail).toMatch(/^console closed: the shell exited \(0\); \d+ bytes in, \d+ bytes out$/);
});

it("a console closes when idle, and past its input limit", async () => {
  const hub = new ConsoleHub();
  const idle = await openConsole(store, { ...target("bbox-1"), cols: 80, rows: 24, hub, limits: { idleMs: 1500 } });
  if (!idle.ok) throw new Error(idle.error.message);
  const end = await watch(hub, idle.value.id, () => false);
  expect(end.closed).toBe("idle for 2 s");
  const small = await openConsole(store, { ...target("bbox-1"), cols: 80, rows: 24, hub, limits: { bytesIn: 16 } });
  if (!small.ok) throw new Error(small.error.message);
  const session = hub.get(small.value.id, operator.name);
  expect(session?.write("echo hi\r")).toEqual({ ok: true });
  expect(session?.write("echo this is too long\r").ok).toBe(false);
  expect(session?.closedReason).toBe("input limit (16 bytes)");
});
