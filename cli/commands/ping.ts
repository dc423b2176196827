import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  failPingSession,
  type PingSessionReport,
  type ProbeRequest,
  probeSession,
  recordPingSession,
  rerunCellRequest,
  startPingRecord,
} from "../../lib/app/ping-session";
import { render, type Text, t } from "../../lib/i18n/text";
import { type CellRef, parseCellRef } from "../../lib/matrix/rerun";
import { renderFailures, renderMatrix } from "../../lib/probe/render";
import { ProbeInputError, type ProbeOptions, type ProbeReport, runProbe } from "../../lib/probe/run-probe";
import { MAX_PAIRS_LIMIT, ProbeLimitError, type ProbeSettings } from "../../lib/probe/settings";
import type { ProbeCell } from "../../lib/probe/types";
import { openStore, type Store } from "../../lib/store/open";
import type { Topology } from "../../lib/topology/schema";
import { parseCommandArgs } from "../args";
import { parseBy } from "../by";
import type { Command } from "../command";
import { cliActor, openCliAudit } from "../converge";
import { loadDesignOnHosts, requireDesignOnHosts } from "../design-on-hosts";
import { CliError } from "../errors";
import { cliLocale } from "../locale";
import { terminalSafe } from "../progress";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.ping;

/** What `crossnet ping` needs from outside; tests replace the probe, the store and the streams. */
export type PingCommandDeps = {
  probe: (topology: Topology, options: ProbeOptions) => Promise<ProbeReport>;
  /** The store to record the run in; null to not record (it is opened per run and closed after). */
  openStore: () => Store | null;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
};

/** The JSON form of one cell, exactly the documented keys. */
export function cellJson(cell: ProbeCell) {
  return {
    from: cell.from,
    to: cell.to,
    by: cell.by,
    target: cell.target,
    ...(cell.port === undefined ? {} : { port: cell.port }),
    ...(cell.mtu === undefined ? {} : { mtu: { ...cell.mtu } }),
    expected: cell.expected,
    actual: cell.actual,
    sent: cell.sent,
    received: cell.received,
    lossPct: cell.lossPct,
    rttMs: cell.rttMs ? { min: cell.rttMs.min, avg: cell.rttMs.avg, max: cell.rttMs.max } : null,
    verdict: cell.verdict,
    // The documented key is a sentence: the diagnosis in English.
    diagnosis: cell.diagnosis?.en ?? null,
    error: cell.error,
  };
}

/** Builds `crossnet ping` over injectable dependencies. */
export function createPingCommand(deps: PingCommandDeps): Command {
  return {
    usage,
    summary,
    async run(args) {
      const { values, positionals } = parseCommandArgs(
        args,
        {
          inventory: { type: "string", short: "i" },
          by: { type: "string" },
          from: { type: "string", multiple: true },
          to: { type: "string", multiple: true },
          count: { type: "string" },
          interval: { type: "string" },
          timeout: { type: "string" },
          "max-pairs": { type: "string" },
          rerun: { type: "string" },
          cell: { type: "string" },
          responder: { type: "boolean" },
          json: { type: "boolean" },
        },
        usage,
      );
      const target = requireDesignOnHosts(positionals, values.inventory, usage);
      const by = parseBy(values.by);
      const settings: Partial<ProbeSettings> = {
        ...numberOption(values.count, "count", "count"),
        ...numberOption(values.interval, "interval", "intervalS"),
        ...numberOption(values.timeout, "timeout", "deadlineS"),
        ...maxPairsOption(values["max-pairs"]),
      };
      const from = names(values.from);
      const to = names(values.to);
      const cell = rerunCell(values.rerun, values.cell, { from, to, by: values.by });
      const { topology, inventory, dir } = await loadDesignOnHosts(target);
      const actor = { name: cliActor(), role: "admin" as const };
      const store = deps.openStore();
      let request: ProbeRequest = { mode: "select", by, ...(from ? { from } : {}), ...(to ? { to } : {}) };
      if (cell) {
        if (!store) throw new CliError("--rerun needs the run store (CROSSNET_DATA), which could not be opened", 1);
        const rerun = rerunCellRequest(store, { actor, runId: cell.runId, cell: cell.ref });
        if (!rerun.ok) {
          store.close();
          throw new CliError(`--rerun ${cell.runId} --cell ${values.cell}: ${rerun.error.message}`, 1);
        }
        request = rerun.value;
      }
      let runId: string | undefined;
      if (store) {
        const started = startPingRecord(store, {
          topology: { name: topology.name, document: await readFile(target.file, "utf8") },
          inventory: { name: target.inventory, document: await readFile(target.inventory, "utf8") },
          actor,
          request,
          extra: { file: basename(target.file), inventory: target.inventory, ...settings },
        });
        if (started.ok) runId = started.value.id;
        else deps.stderr.write(`crossnet ping: not recording this run: ${started.error.message}\n`);
      }

      const { audit, close: closeAudit } = openCliAudit();
      const controller = new AbortController();
      const onSignal = () => {
        if (controller.signal.aborted) process.exit(130);
        deps.stderr.write("\ncrossnet ping: stopping the probes on the hosts (Ctrl-C again to quit at once)\n");
        controller.abort();
      };
      process.on("SIGINT", onSignal);
      const progress = values.json ? undefined : progressLine(deps.stderr);
      let report: PingSessionReport;
      try {
        report = await probeSession({
          topology,
          hosts: { inventory, dir },
          who: actor.name,
          audit,
          runId: runId ?? randomUUID(),
          request,
          settings,
          signal: controller.signal,
          probe: deps.probe,
          ...(values.responder ? { responder: true } : {}),
          ...(progress ? { onEvent: progress } : {}),
        });
      } catch (error) {
        if (store && runId) failPingSession(store, runId, error instanceof Error ? error.message : String(error));
        if (error instanceof ProbeLimitError) throw new CliError(error.message);
        if (error instanceof ProbeInputError) throw new CliError(error.message, 1);
        throw error;
      } finally {
        process.off("SIGINT", onSignal);
        progress?.({ type: "clear" });
        closeAudit();
        if (!runId) store?.close();
      }
      if (store && runId) {
        const finished = recordPingSession(store, report);
        if (!finished.ok) deps.stderr.write(`crossnet ping: could not record the results: ${finished.error.message}\n`);
        store.close();
      }

      if (values.json) {
        deps.stdout.write(
          `${JSON.stringify({ cells: report.cells.map(cellJson), summary: report.summary }, null, 2)}\n`,
        );
      } else {
        const c = colours(deps.stdout);
        const paint = { green: c.green, red: c.red, dim: c.dim };
        const locale = cliLocale();
        const say = (text: Text) => render(text, locale);
        for (const { host, error } of report.unreachable)
          deps.stdout.write(
            `${c.yellow("!")} ${say(t`host ${terminalSafe(host)} unreachable: ${terminalSafe(error)}`)}\n`,
          );
        deps.stdout.write(renderMatrix(report.cells, paint, locale));
        const failures = renderFailures(report.cells, paint, locale);
        if (failures) deps.stdout.write(`\n${failures}`);
        const { pass, fail, durationMs } = report.summary;
        const word =
          fail === 0 && !report.cancelled
            ? c.green(say(t`PASS`))
            : c.red(say(report.cancelled ? t`CANCELLED` : t`FAIL`));
        const seconds = (durationMs / 1000).toFixed(2);
        const counts = say(t`${pass} passed, ${fail} failed of ${report.cells.length} cells in ${seconds} s`);
        deps.stdout.write(`\n${word} ${counts}${runId ? c.dim(`  ${say(t`(run ${runId})`)}`) : ""}\n`);
      }
      return report.summary.fail === 0 && !report.cancelled ? 0 : 1;
    },
  };
}

/** `--rerun RUN_ID --cell FROM,TO,BY` (both or neither; not with a selection), or null. */
function rerunCell(
  runId: string | undefined,
  cell: string | undefined,
  selection: { from?: string[] | undefined; to?: string[] | undefined; by?: string | undefined },
): { runId: string; ref: CellRef } | null {
  if (runId === undefined && cell === undefined) return null;
  if (runId === undefined || cell === undefined)
    throw new CliError(
      "--rerun RUN_ID and --cell FROM,TO,BY go together (the run to take the cell from, and the cell)",
    );
  if (selection.from || selection.to || selection.by)
    throw new CliError("--rerun probes one cell of an earlier run: leave out --from, --to and --by");
  if (!/^[0-9a-f-]{36}$/.test(runId))
    throw new CliError(`--rerun takes a run id (as printed after a run), not '${runId}'`);
  const ref = parseCellRef(cell);
  if (!ref.ok) throw new CliError(ref.error.message);
  return { runId, ref: ref.value };
}

/** `--from a --from b` or `--from a,b`. */
function names(values: string[] | undefined): string[] | undefined {
  const list = values?.flatMap((value) => value.split(",")).filter(Boolean);
  return list?.length ? list : undefined;
}

function numberOption<K extends keyof ProbeSettings>(value: string | undefined, flag: string, key: K) {
  if (value === undefined) return {};
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(value)) throw new CliError(`--${flag} must be a number, not '${value}'`);
  return { [key]: Number(value) } as Pick<ProbeSettings, K>;
}

/** `--max-pairs N`: a whole number up to the hard cap (the probe checks the bounds and says them). */
function maxPairsOption(value: string | undefined): Pick<ProbeSettings, "maxPairs"> | Record<string, never> {
  if (value === undefined) return {};
  if (!/^\d{1,9}$/.test(value))
    throw new CliError(`--max-pairs must be a whole number from 1 to ${MAX_PAIRS_LIMIT}, not '${value}'`);
  const maxPairs = Number(value);
  if (maxPairs < 1 || maxPairs > MAX_PAIRS_LIMIT)
    throw new CliError(
      `--max-pairs must be from 1 to ${MAX_PAIRS_LIMIT} (the cap that keeps a run's work bounded), not ${value}`,
    );
  return { maxPairs };
}

/** A one-line progress counter on stderr (terminals only). */
function progressLine(stream: NodeJS.WriteStream) {
  if (!stream.isTTY) return undefined;
  let total = 0;
  let done = 0;
  return (event: Parameters<NonNullable<ProbeOptions["onEvent"]>>[0] | { type: "clear" }) => {
    if (event.type === "started") total = event.cells;
    if (event.type === "cell") done += 1;
    if (event.type === "clear") stream.write("\r\u001b[K");
    else if (event.type === "started" || event.type === "cell")
      stream.write(`\r\u001b[Kpinging: ${done}/${total} cells`);
  };
}

export const ping: Command = createPingCommand({
  probe: runProbe,
  openStore: () => {
    const opened = openStore();
    if (opened.ok) return opened.value;
    process.stderr.write(`crossnet ping: not recording this run: ${opened.error.message}\n`);
    return null;
  },
  stdout: process.stdout,
  stderr: process.stderr,
});
