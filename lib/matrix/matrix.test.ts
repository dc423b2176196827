import { describe, expect, it } from "vitest";
import { toStoredCell } from "../app/ping-session";
import { plain } from "../i18n/text";
import { compareMatrices } from "./compare";
import { csvField, exportFileName, matrixCsv, matrixJson } from "./export";
import {
  cellDescription,
  cellId,
  cellLabel,
  cellsBySquare,
  cellsOf,
  cellTone,
  countVerdicts,
  EMPTY_MATRIX,
  equivalentPing,
  type MatrixState,
  matrixAxes,
  matrixOf,
  reduceMatrix,
  squareVerdict,
} from "./matrix";
import { failedGroups, failedPathKeys, mergeCells } from "./rerun";
import { cellsFromStore, pingRunSummary, readPingRunSummary } from "./stored";
import { probeCell } from "./testing";

const reach = probeCell({ from: "bbox-1", to: "bbox-2" });
const badAddress = probeCell({
  from: "bbox-1",
  to: "bbox-2",
  by: "name",
  expected: "blocked",
  actual: "blocked",
  received: 0,
  lossPct: 100,
  rttMs: null,
  error: "ping: bad address 'bbox-2'",
  reasonCode: "dns-macvlan-across-hosts",
  reason: plain("no DNS across hosts on macvlan"),
});
const stopped = probeCell({
  from: "bbox-2",
  to: "bbox-1",
  expected: "reach",
  actual: "error",
  verdict: "fail",
  rttMs: null,
  received: 0,
  error: "container bbox-2 is not running",
  diagnosis: plain("container bbox-2 is not running (docker start bbox-2 on node-2)"),
  attempts: 2,
});

it("cells fill the matrix as they arrive; a repeated cell replaces the old one in place", () => {
  let state = reduceMatrix(EMPTY_MATRIX, { type: "started", cells: 3, sources: 2, hosts: ["node-1", "node-2"] });
  state = reduceMatrix(state, { type: "cell", cell: reach });
  state = reduceMatrix(state, { type: "cell", cell: badAddress });
  expect(state.expected).toBe(3);
  expect(cellsOf(state)).toEqual([reach, badAddress]);
  const faster = { ...reach, rttMs: { min: 0.01, avg: 0.02, max: 0.03 } };
  state = reduceMatrix(state, { type: "cell", cell: faster });
  expect(cellsOf(state)).toEqual([faster, badAddress]);
  state = reduceMatrix(state, { type: "done", summary: { pass: 2, fail: 0, durationMs: 900 }, cancelled: false });
  expect(state.summary).toEqual({ pass: 2, fail: 0, durationMs: 900 });
});

it("a container on two networks gives one cell per address; its square fails if one of them does", () => {
  const onNet1 = probeCell({ from: "bbox-1", to: "bbox-3", target: "10.0.1.3", network: "ov_net1" });
  const onNet2 = probeCell({
    from: "bbox-1",
    to: "bbox-3",
    target: "10.0.2.3",
    network: "ov_net2",
    expected: "blocked",
    actual: "reach",
    verdict: "fail",
  });
  const state = matrixOf([onNet2, onNet1]);
  expect(cellsOf(state)).toHaveLength(2);
  const squares = cellsBySquare(cellsOf(state));
  expect(Object.keys(squares)).toEqual(["bbox-1>bbox-3|ip"]);
  expect(squares["bbox-1>bbox-3|ip"]?.map((cell) => cell.target)).toEqual(["10.0.1.3", "10.0.2.3"]);
  expect(squareVerdict(squares["bbox-1>bbox-3|ip"])).toBe("fail");
  expect(squareVerdict([onNet1])).toBe("pass");
  expect(squareVerdict(undefined)).toBe("pending");
});

it("a retry is shown until its cell arrives", () => {
  let state = reduceMatrix(EMPTY_MATRIX, { type: "retry", from: "bbox-2", targets: ["bbox-1"] });
  expect(state.retrying).toEqual([{ from: "bbox-2", targets: ["bbox-1"] }]);
  state = reduceMatrix(state, { type: "cell", cell: stopped });
  expect(state.retrying).toEqual([]);
});

it("tones: verdict first, then outcome and RTT", () => {
  expect(cellTone(undefined)).toBe("pending");
  expect(cellTone(reach)).toBe("reach-fast");
  expect(cellTone({ ...reach, rttMs: { min: 2, avg: 3, max: 4 } })).toBe("reach");
  expect(cellTone({ ...reach, rttMs: { min: 20, avg: 30, max: 40 } })).toBe("reach-slow");
  expect(cellTone(badAddress)).toBe("blocked-ok");
  expect(cellTone(stopped)).toBe("error");
  expect(cellTone({ ...badAddress, verdict: "fail", expected: "reach" })).toBe("fail");
});

it("labels and descriptions say what happened", () => {
  expect(cellLabel(reach)).toBe("0.08 ms");
  expect(cellLabel({ ...reach, sent: 10, received: 7, lossPct: 30 })).toBe("0.08 ms · 30%");
  expect(cellLabel(badAddress)).toBe("bad address");
  expect(cellLabel(stopped)).toBe("error");
  expect(cellDescription(badAddress)).toBe(
    "bbox-1 to bbox-2 by name: expected blocked, blocked (ping: bad address 'bbox-2'): pass",
  );
  expect(cellDescription(reach)).toBe("bbox-1 to bbox-2 at 10.0.0.12 by ip: expected reach, reached in 0.08 ms: pass");
});

it("axes follow the design's order and the selection, and keep containers only old cells name", () => {
  const axes = matrixAxes(["bbox-1", "bbox-2", "bbox-3"], [probeCell({ from: "gone", to: "bbox-1" })], {
    from: ["bbox-2", "bbox-1"],
  });
  expect(axes.rows).toEqual(["bbox-1", "bbox-2", "gone"]);
  expect(axes.cols).toEqual(["bbox-1", "bbox-2", "bbox-3"]);
  expect(axes.by).toEqual(["ip"]);
  expect(matrixAxes(["a"], [], {}).by).toEqual(["ip", "name"]);
  expect(matrixAxes(["a"], [], { by: "name" }).by).toEqual(["name"]);
});

it("CSV quotes what needs quoting and keeps host text from becoming a formula", () => {
  expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
  expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
  expect(csvField("-1")).toBe("'-1");
  expect(csvField(-1)).toBe("-1");
  expect(csvField(null)).toBe("");
  const csv = matrixCsv([reach, { ...stopped, error: "=cmd|' /C calc'!A0" }]);
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe(
    "from,to,by,target,network,host,expected,actual,verdict,sent,received,loss_pct,rtt_min_ms,rtt_avg_ms,rtt_max_ms,attempts,reason,diagnosis,error,command",
  );
  expect(lines[1]).toBe(
    "bbox-1,bbox-2,ip,10.0.0.12,mac_net1,node-1,reach,reach,pass,3,3,0,0.05,0.08,0.1,1,same macvlan network,,,docker exec bbox-1 ping -c 3 10.0.0.12",
  );
  expect(lines[2]).toContain(",'=cmd|' /C calc'!A0,");
  expect(lines).toHaveLength(4);
});

it("JSON export carries the run's facts and every cell", () => {
  const parsed = JSON.parse(
    matrixJson([reach, stopped], { topology: "macvlan", version: 3, runId: "r", startedAt: "t" }),
  );
  expect(parsed.summary).toEqual({ pass: 1, fail: 1 });
  expect(parsed.cells).toHaveLength(2);
  expect(parsed.version).toBe(3);
  expect(exportFileName("mac vlan", "2025-01-31T12:00:00.000Z", "csv")).toBe("mac_vlan-matrix-20250131120000.csv");
});

it("a re-run probes exactly the failed pairs, grouped by source and means", () => {
  const cells = [
    reach,
    stopped,
    probeCell({ from: "bbox-2", to: "bbox-3", verdict: "fail" }),
    probeCell({ from: "bbox-2", to: "bbox-3", by: "name", verdict: "fail" }),
  ];
  expect(failedGroups(cells)).toEqual([
    { from: "bbox-2", by: "ip", to: ["bbox-1", "bbox-3"] },
    { from: "bbox-2", by: "name", to: ["bbox-3"] },
  ]);
  const fixed = { ...stopped, verdict: "pass" as const, actual: "reach" as const };
  expect(mergeCells(cells, [fixed]).map((cell) => cell.verdict)).toEqual(["pass", "pass", "fail", "fail"]);
  expect(countVerdicts(mergeCells(cells, [fixed]))).toEqual({ pass: 2, fail: 2, total: 4 });
});

it("failed pairs become canvas paths: containers, network and both attachments", () => {
  expect(failedPathKeys([reach, stopped])).toEqual([
    "attach:bbox-1->mac_net1",
    "attach:bbox-2->mac_net1",
    "container:bbox-1",
    "container:bbox-2",
    "network:mac_net1",
  ]);
  expect(failedPathKeys([reach, badAddress])).toEqual([]);
});

it("comparing two runs lists the cells whose verdict or outcome changed", () => {
  const before = [reach, badAddress, { ...stopped, verdict: "pass" as const, actual: "reach" as const }];
  const after = [{ ...reach, rttMs: { min: 5, avg: 6, max: 7 } }, badAddress, stopped];
  const comparison = compareMatrices(before, after);
  expect(comparison.unchanged).toBe(2);
  expect(comparison.changes).toEqual([
    {
      id: cellId(stopped),
      from: "bbox-2",
      to: "bbox-1",
      by: "ip",
      before: { verdict: "pass", actual: "reach", rttAvgMs: null },
      after: { verdict: "fail", actual: "error", rttAvgMs: null },
      change: "broke",
    },
  ]);
  expect(compareMatrices([], [reach]).changes[0]?.change).toBe("added");
  expect(compareMatrices([reach], []).changes[0]?.change).toBe("removed");
});

it("cells survive the store: rows plus the summary's extras give the same cells back", () => {
  const cells = [reach, badAddress, stopped];
  const summary = pingRunSummary(cells, { durationMs: 1200, cancelled: false, unreachable: [], rerunOf: null });
  expect(summary.pass).toBe(2);
  const rows = cells.map((cell, i) => ({
    ...toStoredCell(cell),
    network: cell.network,
    command: cell.command,
    attempts: cell.attempts,
    port: null,
    mtuExpected: null,
    mtuPath: null,
    mtuInterface: null,
    id: i + 1,
    runId: "r",
  }));
  const read = readPingRunSummary(JSON.parse(JSON.stringify(summary)));
  expect(cellsFromStore(rows, read)).toEqual(cells);
  expect(matrixOf(cells).order).toHaveLength(3);
});

it("a malformed stored summary reads as empty, not as a crash", () => {
  expect(readPingRunSummary(null).extras).toEqual({});
  expect(readPingRunSummary({ pass: "x", extras: { a: 1, b: { attempts: "2" } }, unreachable: [3] })).toEqual({
    pass: 0,
    fail: 0,
    durationMs: 0,
    cancelled: false,
    unreachable: [],
    rerunOf: null,
    extras: {
      b: { host: "", network: null, reasonCode: "", reasonUntranslated: true, command: "", attempts: 1 },
    },
  });
});

describe("the equivalent ping of a cell", () => {
  it("is the docker exec ping a student would type, with the count that ran", () => {
    expect(equivalentPing(probeCell({ from: "bbox-1", to: "bbox-2", target: "10.0.0.12", sent: 3 }))).toBe(
      "docker exec bbox-1 ping -c 3 10.0.0.12",
    );
  });

  it("quotes what needs quoting and never pings zero times", () => {
    expect(equivalentPing({ from: "odd name", target: "bbox-2", sent: 0 })).toBe(
      "docker exec 'odd name' ping -c 3 bbox-2",
    );
  });
});

describe("a stored matrix", () => {
  it("is the same as folding its cells one by one, and a repeated cell keeps its first place", () => {
    const cells = [
      probeCell({ from: "a", to: "b" }),
      probeCell({ from: "b", to: "a" }),
      probeCell({ from: "a", to: "b", verdict: "fail" }),
    ];
    let folded: MatrixState = { ...EMPTY_MATRIX, expected: cells.length };
    for (const cell of cells) folded = reduceMatrix(folded, { type: "cell", cell });
    expect(matrixOf(cells)).toEqual(folded);
    expect(matrixOf(cells).order).toHaveLength(2);
  });

  it("holds 16,256 cells (128 containers by IP) at once", () => {
    const names = Array.from({ length: 128 }, (_, i) => `c${i}`);
    const cells = names.flatMap((from) => names.filter((to) => to !== from).map((to) => probeCell({ from, to })));
    expect(matrixOf(cells).order).toHaveLength(128 * 127);
  });
});
