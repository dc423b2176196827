import { join } from "node:path";
import { PerfInputError, runPerf } from "../../lib/app/perf";
import { formatBits, PERF_LIMITS, type PerfResult, parsePerfSeconds } from "../../lib/probe/perf-iperf";
import { openStore } from "../../lib/store/open";
import { insertPerfResults } from "../../lib/store/perf-results";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { cliActor, dataDir, openCliAudit } from "../converge";
import { loadDesignOnHosts, requireDesignOnHosts } from "../design-on-hosts";
import { CliError } from "../errors";
import { terminalSafe } from "../progress";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.perf;

/** One line of the pair table. */
export function perfLine(result: PerfResult): string {
  const head = `${result.from} → ${result.to} (${result.target || "?"} on ${result.network || "?"}, ${result.proto})`;
  if (result.error) return `${head}: not measured: ${result.error}`;
  const extra =
    result.proto === "tcp"
      ? `retransmits ${result.retransmits ?? "-"}`
      : `jitter ${result.jitterMs?.toFixed(3) ?? "-"} ms, loss ${result.lostPercent?.toFixed(2) ?? "-"} %`;
  return `${head}: ${formatBits(result.bitsPerSecond)}, ${extra}`;
}

/** `crossnet perf FILE --inventory INV --from C --to C [--seconds S] [--udp] [--json]`. */
export const perf: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        inventory: { type: "string", short: "i" },
        from: { type: "string", multiple: true },
        to: { type: "string", multiple: true },
        seconds: { type: "string" },
        udp: { type: "boolean" },
        mtu: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    const target = requireDesignOnHosts(positionals, values.inventory, usage);
    if (!values.from?.length || !values.to?.length)
      throw new CliError(`--from C and --to C are required\nusage: crossnet ${usage}`);
    const seconds = values.seconds === undefined ? 3 : parsePerfSeconds(values.seconds);
    if (seconds === undefined)
      throw new CliError(
        `--seconds must be a whole number from ${PERF_LIMITS.minSeconds} to ${PERF_LIMITS.maxSeconds}`,
      );
    const mtu =
      values.mtu === undefined ? undefined : /^[0-9]{3,4}$/.test(values.mtu) ? Number(values.mtu) : Number.NaN;
    if (mtu !== undefined && !(mtu >= 576 && mtu <= 9000))
      throw new CliError("--mtu must be a whole number from 576 to 9000 (the path MTU to size packets for)");
    const { topology, inventory, dir } = await loadDesignOnHosts(target);
    const { audit, close } = openCliAudit();
    const c = colours(process.stdout);
    const who = cliActor();
    let report: Awaited<ReturnType<typeof runPerf>>;
    try {
      report = await runPerf(topology, {
        inventory,
        inventoryDir: dir,
        who,
        audit,
        from: values.from,
        to: values.to,
        seconds,
        udp: values.udp === true,
        ...(mtu === undefined ? {} : { mtu }),
        ...(values.json
          ? {}
          : {
              onResult: (result: PerfResult) =>
                process.stdout.write(`${result.error ? c.red("✗") : c.green("✓")} ${terminalSafe(perfLine(result))}\n`),
            }),
      });
    } catch (error) {
      if (error instanceof PerfInputError) throw new CliError(error.message);
      throw new CliError((error as Error).message, 1);
    } finally {
      close();
    }
    const opened = openStore({ path: process.env.CROSSNET_DB?.trim() || join(dataDir(), "crossnet.db") });
    if (opened.ok) {
      try {
        insertPerfResults(opened.value, { ...report, who });
      } finally {
        opened.value.close();
      }
    } else process.stderr.write(`warning: the results were not stored: ${opened.error.message}\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.results.every((result) => result.error === null) ? 0 : 1;
  },
};
