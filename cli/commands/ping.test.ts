import { afterEach, describe, expect, it, vi } from "vitest";
import { scratchData } from "../../lib/app/testing/scratch-data";
import { plain, t } from "../../lib/i18n/text";
import type { ProbeOptions, ProbeReport } from "../../lib/probe/run-probe";
import { DEFAULT_PROBE_SETTINGS } from "../../lib/probe/settings";
import type { ProbeCell } from "../../lib/probe/types";
import { listPingCells } from "../../lib/store/ping-cells";
import { listRuns } from "../../lib/store/runs";
import { openTestStore } from "../../lib/store/testing";
import { CliError } from "../errors";
import { createPingCommand } from "./ping";

const { inventory } = scratchData("cn-ping-cli-");

const base = {
  network: "mac_net1",
  host: "node-1",
  reasonCode: "macvlan-same-segment",
  reason: plain("same macvlan network"),
  rawOutput: "raw",
  command: "cmd",
  attempts: 1,
} as const;

const cells: ProbeCell[] = [
  {
    ...base,
    from: "bbox-1",
    to: "bbox-2",
    by: "ip",
    target: "10.0.0.12",
    expected: "reach",
    actual: "reach",
    sent: 3,
    received: 3,
    lossPct: 0,
    rttMs: { min: 0.1, avg: 0.2, max: 0.3 },
    verdict: "pass",
    diagnosis: null,
    error: null,
  },
  {
    ...base,
    from: "bbox-1",
    to: "bbox-2",
    by: "name",
    target: "bbox-2",
    expected: "blocked",
    actual: "reach",
    sent: 3,
    received: 3,
    lossPct: 0,
    rttMs: { min: 0.1, avg: 0.2, max: 0.3 },
    verdict: "fail",
    diagnosis: plain("expected isolation (no DNS across hosts on macvlan: use the IP), but it reached"),
    error: null,
  },
];

function harness(result: ProbeCell[] = cells, unreachable: ProbeReport["unreachable"] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) =>
    ({ isTTY: false, write: (chunk: string) => sink.push(chunk) > 0 }) as unknown as NodeJS.WriteStream;
  const store = openTestStore();
  const calls: ProbeOptions[] = [];
  const command = createPingCommand({
    probe: async (_topology, options) => {
      calls.push(options);
      const fail = result.filter((cell) => cell.verdict === "fail").length;
      return {
        runId: options.runId ?? "x",
        cells: result,
        summary: { pass: result.length - fail, fail, durationMs: 640 },
        cancelled: false,
        unreachable,
        settings: DEFAULT_PROBE_SETTINGS,
        timings: { prepareMs: 40, probeMs: 600 },
      } satisfies ProbeReport;
    },
    openStore: () => ({ ...store, close: () => undefined }),
    stdout: stream(out),
    stderr: stream(err),
  });
  return { command, store, calls, out: () => out.join(""), err: () => err.join("") };
}

describe("crossnet ping", () => {
  it("prints exactly the documented JSON and exits 1 when a cell fails", async () => {
    const { command, out } = harness();
    expect(await command.run(["examples/macvlan.yaml", "--inventory", inventory, "--json"])).toBe(1);
    const json = JSON.parse(out());
    expect(Object.keys(json)).toEqual(["cells", "summary"]);
    expect(json.summary).toEqual({ pass: 1, fail: 1, durationMs: 640 });
    expect(json.cells[1]).toEqual({
      from: "bbox-1",
      to: "bbox-2",
      by: "name",
      target: "bbox-2",
      expected: "blocked",
      actual: "reach",
      sent: 3,
      received: 3,
      lossPct: 0,
      rttMs: { min: 0.1, avg: 0.2, max: 0.3 },
      verdict: "fail",
      diagnosis: "expected isolation (no DNS across hosts on macvlan: use the IP), but it reached",
      error: null,
    });
  });

  it("exits 0 when every cell passes, and shows the matrix then the failures", async () => {
    const passing = harness(cells.slice(0, 1));
    expect(await passing.command.run(["examples/macvlan.yaml", "--inventory", inventory])).toBe(0);
    expect(passing.out()).toContain("PASS 1 passed, 0 failed of 1 cells in 0.64 s");
    const failing = harness();
    await failing.command.run(["examples/macvlan.yaml", "--inventory", inventory]);
    expect(failing.out()).toContain("bbox-1     ✓✓ 0.20");
    expect(failing.out()).toContain(
      "why: expected isolation (no DNS across hosts on macvlan: use the IP), but it reached",
    );
  });

  it("passes the selection and settings on, and records the run with every cell", async () => {
    const { command, calls, store } = harness();
    const args = ["examples/macvlan.yaml", "-i", inventory, "--by", "ip", "--from", "bbox-1", "--to", "bbox-2,bbox-1"];
    await command.run([...args, "--count", "2", "--interval", "0.3", "--timeout", "2", "--json"]);
    expect(calls[0]).toMatchObject({
      by: "ip",
      from: ["bbox-1"],
      to: ["bbox-2", "bbox-1"],
      settings: { count: 2, intervalS: 0.3, deadlineS: 2 },
    });
    const [run] = listRuns(store, { kind: "ping" });
    expect(run).toMatchObject({ status: "failed", summary: { pass: 1, fail: 1 } });
    expect(calls[0]?.runId).toBe(run?.id);
    expect(listPingCells(store, run?.id ?? "")).toHaveLength(2);
  });

  it("--rerun RUN --cell FROM,TO,BY probes exactly that cell of the earlier run and records it as a re-run", async () => {
    const { command, calls, store } = harness();
    await command.run(["examples/macvlan.yaml", "-i", inventory, "--json"]);
    const [first] = listRuns(store, { kind: "ping" });
    if (!first) throw new Error("no first run");
    await command.run([
      "examples/macvlan.yaml",
      "-i",
      inventory,
      "--rerun",
      first.id,
      "--cell",
      "bbox-1,bbox-2,name",
      "--json",
    ]);
    expect(calls[1]).toMatchObject({ by: "name", from: ["bbox-1"], to: ["bbox-2"] });
    const rerun = listRuns(store, { kind: "ping" }).find((run) => run.id !== first.id);
    expect(rerun).toMatchObject({ settings: { rerunOf: first.id }, summary: { rerunOf: first.id } });
    await expect(
      command.run(["examples/macvlan.yaml", "-i", inventory, "--rerun", first.id, "--cell", "bbox-2,bbox-9,ip"]),
    ).rejects.toThrow(`--rerun ${first.id} --cell bbox-2,bbox-9,ip: the run has no cell bbox-2,bbox-9,ip`);
    await expect(command.run(["examples/macvlan.yaml", "-i", inventory, "--cell", "bbox-1,bbox-2,ip"])).rejects.toThrow(
      "--rerun RUN_ID and --cell FROM,TO,BY go together",
    );
    await expect(
      command.run(["examples/macvlan.yaml", "-i", inventory, "--rerun", first.id, "--cell", "bbox-1,bbox-2,mac"]),
    ).rejects.toThrow("--cell: BY must be ip, name, tcp, udp or mtu, not 'mac'");
    expect(calls).toHaveLength(2);
  });

  it("refuses bad flags before touching any host", async () => {
    const { command, calls } = harness();
    await expect(command.run(["examples/macvlan.yaml", "-i", inventory, "--by", "mac"])).rejects.toThrow(CliError);
    await expect(command.run(["examples/macvlan.yaml", "-i", inventory, "--count", "x"])).rejects.toThrow(/--count/);
    await expect(command.run(["examples/macvlan.yaml"])).rejects.toThrow(/--inventory/);
    expect(calls).toHaveLength(0);
  });

  it("--max-pairs raises the matrix cap up to 70,000 and refuses more, before touching any host", async () => {
    const { command, calls } = harness();
    await command.run(["examples/macvlan.yaml", "-i", inventory, "--max-pairs", "16256", "--json"]);
    expect(calls[0]?.settings).toMatchObject({ maxPairs: 16_256 });
    for (const [value, message] of [
      ["70001", "--max-pairs must be from 1 to 70000 (the cap that keeps a run's work bounded), not 70001"],
      ["0", "--max-pairs must be from 1 to 70000"],
      ["1e5", "--max-pairs must be a whole number from 1 to 70000, not '1e5'"],
    ] as const)
      await expect(command.run(["examples/macvlan.yaml", "-i", inventory, "--max-pairs", value])).rejects.toThrow(
        message,
      );
    expect(calls).toHaveLength(1);
  });
});

describe("crossnet ping under LANG=zh_CN.UTF-8", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("says the unreachable hosts, the failures and the summary in Chinese; --json stays English", async () => {
    vi.stubEnv("LC_ALL", "");
    vi.stubEnv("LC_MESSAGES", "");
    vi.stubEnv("LANG", "zh_CN.UTF-8");
    const failed = cells.map((cell) =>
      cell.verdict === "fail"
        ? {
            ...cell,
            diagnosis: t`expected isolation (${t`no DNS across hosts on macvlan: use the IP`}), but it reached`,
          }
        : cell,
    );
    const { command, out } = harness(failed, [{ host: "node-3", error: "ssh: connect refused\u001b[2J" }]);
    expect(await command.run(["examples/macvlan.yaml", "--inventory", inventory])).toBe(1);
    const text = out().replace(/（运行 [0-9a-f-]{36}）/, "（运行 RUN）");
    expect(text).toMatchInlineSnapshot(`
      "! 无法连接主机 node-3：ssh: connect refused\\u001b[2J
      源 \\ 目标  bbox-2
      bbox-1     ✓✓ 0.20
      标记：先按 IP（每个地址一个），再按名称，然后是 tcp、udp、mtu 检查 · ✓ 通 ✗ 不通 ! 未探测 · 绿色符合预期，红色不符合 · ms：平均 RTT

      1 项失败：
      ✗ bbox-1 → bbox-2 经 name bbox-2：预期隔离，通了（3/3 个回应，0.20 ms）
          原因：预期隔离（macvlan 不能跨主机做 DNS 解析：请用 IP），实际却通了
          执行：cmd

      失败 2 个单元中 1 个通过，1 个失败，用时 0.64 秒  （运行 RUN）
      "
    `);
    const json = harness(failed);
    await json.command.run(["examples/macvlan.yaml", "--inventory", inventory, "--json"]);
    expect(JSON.parse(json.out()).cells[1].diagnosis).toBe(
      "expected isolation (no DNS across hosts on macvlan: use the IP), but it reached",
    );
  });
});

describe("cellJson", () => {
  it("keeps every field of a ping cell, and adds port (tcp/udp) and mtu (mtu) only where they apply", async () => {
    const { cellJson } = await import("./ping");
    const [ping] = cells;
    if (!ping) throw new Error("no cell");
    expect(Object.keys(cellJson(ping))).toEqual([
      "from",
      "to",
      "by",
      "target",
      "expected",
      "actual",
      "sent",
      "received",
      "lossPct",
      "rttMs",
      "verdict",
      "diagnosis",
      "error",
    ]);
    expect(cellJson({ ...ping, by: "tcp", target: "192.168.0.101:8080", port: 8080 })).toMatchObject({ port: 8080 });
    expect(cellJson({ ...ping, by: "mtu", mtu: { expected: 1450, path: 1450, interface: 1500 } }).mtu).toEqual({
      expected: 1450,
      path: 1450,
      interface: 1500,
    });
  });
});
