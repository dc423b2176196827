import { traceSession } from "../../lib/app/trace";
import type { TraceResult } from "../../lib/capture/types";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { cliActor, openCliAudit } from "../converge";
import { loadDesignOnHosts, requireDesignOnHosts } from "../design-on-hosts";
import { CliError } from "../errors";
import { encapsulation } from "./capture";
import { HELP } from "./help";

const { usage, summary } = HELP.trace;

/** The JSON form of a trace: the documented keys, then the note and the wall time. */
export function traceJson(result: TraceResult) {
  return {
    from: result.from,
    to: result.to,
    target: result.target,
    verdict: result.verdict,
    hops: result.hops.map((hop) => ({
      at: hop.at,
      request: hop.request,
      reply: hop.reply,
      layers: hop.layers,
      ...(hop.arp ? { arp: true } : {}),
      ...(hop.error ? { error: hop.error } : {}),
    })),
    lastSeen: result.lastSeen,
    ...(result.note ? { note: result.note } : {}),
    ...(result.durationMs !== undefined ? { durationMs: result.durationMs } : {}),
  };
}

/** The hops as a table a person reads: point, request seen, reply seen, encapsulation. */
export function renderTrace(result: TraceResult): string {
  const width = Math.max(...result.hops.map((hop) => hop.at.length), 5);
  const ipPair = (hop: TraceResult["hops"][number]) => {
    const ips = hop.layers.filter((layer) => layer.proto === "ip").map((layer) => `${layer.src} → ${layer.dst}`);
    return ips.length > 1 ? `outer ${ips[0]}` : "";
  };
  const lines = result.hops.map((hop) => {
    const mark = (seen: boolean) => (seen ? "seen" : "-   ");
    const extra = [
      encapsulation(hop.layers),
      ipPair(hop),
      hop.arp && !hop.layers.some((l) => l.proto === "icmp") ? "arp only" : "",
      hop.error ?? "",
    ]
      .filter(Boolean)
      .join("; ");
    const last = hop.at === result.lastSeen ? "  ← last seen" : "";
    return `  ${hop.at.padEnd(width)}  request ${mark(hop.request)}  reply ${mark(hop.reply)}  ${extra}${last}`;
  });
  return [
    `trace ${result.from} → ${result.to} (${result.target}): ${result.verdict}, last seen at ${result.lastSeen ?? "nowhere"}`,
    ...lines,
    ...(result.note ? [`  ${result.note}`] : []),
  ].join("\n");
}

/** `crossnet trace FILE --inventory INV --from C --to C [--by ip|name] [--json]`: exit 0 reach, 1 blocked, 2 error. */
export const trace: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        inventory: { type: "string", short: "i" },
        from: { type: "string" },
        to: { type: "string" },
        by: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    const target = requireDesignOnHosts(positionals, values.inventory, usage);
    if (!values.from || !values.to) throw new CliError(`--from C and --to C are required\nusage: crossnet ${usage}`);
    const by = values.by ?? "ip";
    if (by !== "ip" && by !== "name") throw new CliError(`--by must be ip or name, not '${by}'`);
    const { topology, ...hosts } = await loadDesignOnHosts(target);
    const { audit, close } = openCliAudit();
    try {
      const result = await traceSession(
        { topology, hosts, actor: { name: cliActor(), role: "admin" }, audit },
        { from: values.from, to: values.to, by },
      );
      if (!result.ok) throw new CliError(result.error.message, result.error.code === "invalid-input" ? 2 : 1);
      process.stdout.write(
        values.json ? `${JSON.stringify(traceJson(result.value), null, 2)}\n` : `${renderTrace(result.value)}\n`,
      );
      return result.value.verdict === "reach" ? 0 : result.value.verdict === "blocked" ? 1 : 2;
    } finally {
      close();
    }
  },
};
