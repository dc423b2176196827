import { recordPingSession, startPingRecord } from "../../lib/app/ping-session";
import { expectMatrix } from "../../lib/expect";
import { plain } from "../../lib/i18n/text";
import { resolveProbeSettings } from "../../lib/probe/settings";
import type { ProbeCell } from "../../lib/probe/types";
import { openStore } from "../../lib/store/open";
import { parseTopologyText } from "../../lib/topology";

/**
 * Big designs for the level-of-detail and matrix tests: `hosts` hosts with `perHost` containers each
 * on one macvlan network across all of them (a valid design).
 */
export function bigDesign(name: string, hosts: number, perHost: number): string {
  const lines = [`name: ${name}`, "hosts:"];
  for (let h = 1; h <= hosts; h++)
    lines.push(`  node-${h}: { nics: { eth0: { address: 192.168.0.${h + 10}/16, promisc: true } } }`);
  const parents = Array.from({ length: hosts }, (_, i) => `node-${i + 1}: eth0`).join(", ");
  lines.push("networks:", `  mac: { driver: macvlan, subnet: 10.20.0.0/16, parent: { ${parents} } }`, "containers:");
  for (let h = 1; h <= hosts; h++)
    for (let c = 1; c <= perHost; c++)
      lines.push(`  c-${h}-${c}: { host: node-${h}, image: busybox, networks: { mac: {} } }`);
  return `${lines.join("\n")}\n`;
}

/** What every cell of a recorded fixture says about itself: it is not a measurement. */
export const FIXTURE_NOTE = "FIXTURE of the matrix view (e2e): expected by lib/expect, not measured";

/**
 * Records a ping run of `document` through the store's own API (through the ping session use case, lib/app/ping-session.ts), for the matrix
 * view's tests. Its cells are lib/expect's expectations, each labelled as a fixture in its output
 * and command; `failing` pairs are recorded as not as expected so the filters have something to find.
 * This is a fixture of the view in a throwaway e2e database (or the matrix bench's, `db`), never a
 * measurement shown to users.
 */
export function recordExpectedRun(
  document: string,
  failing: readonly [string, string][],
  db = process.env.E2E_DB,
): string {
  if (!db) throw new Error("playwright.config.ts sets E2E_DB");
  const parsed = parseTopologyText(document);
  if (!parsed.topology) throw new Error("the fixture design does not parse");
  const topology = parsed.topology;
  const opened = openStore({ path: db });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  try {
    const run = startPingRecord(store, {
      topology: { name: topology.name, document },
      actor: { name: "e2e-fixture", role: "admin" },
      request: { mode: "select", by: "ip" },
      extra: { fixture: FIXTURE_NOTE },
    });
    if (!run.ok) throw new Error(run.error.message);
    const fails = new Set(failing.map(([from, to]) => `${from}>${to}`));
    const cells: ProbeCell[] = expectMatrix(topology, { by: "ip" }).pairs.map((pair) => {
      const fail = fails.has(`${pair.from}>${pair.to}`);
      const actual = fail ? (pair.expected === "reach" ? "blocked" : "reach") : pair.expected;
      return {
        from: pair.from,
        to: pair.to,
        by: pair.by,
        target: pair.target,
        network: pair.network ?? null,
        host: topology.containers?.[pair.from]?.host ?? "",
        expected: pair.expected,
        reasonCode: pair.reasonCode,
        reason: pair.reason,
        actual,
        sent: 0,
        received: 0,
        lossPct: 0,
        rttMs: null,
        verdict: fail ? "fail" : "pass",
        diagnosis: fail ? plain(FIXTURE_NOTE) : null,
        error: null,
        rawOutput: FIXTURE_NOTE,
        command: `# ${FIXTURE_NOTE}`,
        attempts: 1,
      };
    });
    // Stored by the one writer of ping runs (lib/app/ping-session.ts), as the CLI and the dashboard store theirs.
    const pass = cells.filter((cell) => cell.verdict === "pass").length;
    const finished = recordPingSession(store, {
      runId: run.value.id,
      cells,
      summary: { pass, fail: cells.length - pass, durationMs: 0 },
      cancelled: false,
      unreachable: [],
      rerunOf: null,
      settings: resolveProbeSettings({ maxPairs: Math.max(cells.length, 1) }),
      timings: { prepareMs: 0, probeMs: 0 },
    });
    if (!finished.ok) throw new Error(finished.error.message);
    return run.value.id;
  } finally {
    store.close();
  }
}
