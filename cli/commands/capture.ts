import { writeFile } from "node:fs/promises";
import { captureSession } from "../../lib/app/capture";
import type { CapturedPacket, PacketLayer } from "../../lib/capture/types";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { cliActor, openCliAudit } from "../converge";
import { loadDesignOnHosts, requireDesignOnHosts } from "../design-on-hosts";
import { CliError } from "../errors";
import { HELP } from "./help";

const { usage, summary } = HELP.capture;

/** A number flag, or a usage error naming it. */
export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!value.trim() || !Number.isFinite(number)) throw new CliError(`--${flag} must be a number, not '${value}'`);
  return number;
}

/** The JSON form of a packet: the documented keys (plus the point it was captured at). */
export function packetJson(packet: CapturedPacket) {
  return { at: packet.at, time: packet.time, len: packet.len, summary: packet.summary, layers: packet.layers };
}

/** What a student looks for on a line: the 802.1Q tag and the VXLAN VNI, outer first. */
export function encapsulation(layers: readonly PacketLayer[]): string {
  return layers
    .flatMap((layer) =>
      layer.proto === "vlan" ? [`vlan ${layer.id}`] : layer.proto === "vxlan" ? [`vxlan vni ${layer.vni}`] : [],
    )
    .join(", ");
}

/** `crossnet capture FILE --inventory INV --at POINT[,POINT…] [--count N] [--seconds S] [--filter EXPR] [--write OUT] [--json]`. */
export const capture: Command = {
  usage,
  summary,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        inventory: { type: "string", short: "i" },
        at: { type: "string", multiple: true },
        count: { type: "string" },
        seconds: { type: "string" },
        filter: { type: "string" },
        write: { type: "string" },
        json: { type: "boolean" },
      },
      usage,
    );
    const target = requireDesignOnHosts(positionals, values.inventory, usage);
    const at = (values.at ?? [])
      .flatMap((value) => value.split(","))
      .map((id) => id.trim())
      .filter(Boolean);
    if (!at.length)
      throw new CliError(`--at POINT is required (e.g. --at wire or --at node-1:ens33)\nusage: crossnet ${usage}`);
    const count = numberFlag(values.count, "count");
    const seconds = numberFlag(values.seconds, "seconds");
    const { topology, ...hosts } = await loadDesignOnHosts(target);
    const { audit, close } = openCliAudit();
    const controller = new AbortController();
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write("\ncrossnet capture: stopping (Ctrl-C again to quit at once)\n");
      controller.abort();
    };
    process.on("SIGINT", onSignal);
    try {
      const result = await captureSession(
        { topology, hosts, actor: { name: cliActor(), role: "admin" }, audit },
        {
          at,
          ...(count !== undefined ? { count } : {}),
          ...(seconds !== undefined ? { seconds } : {}),
          ...(values.filter !== undefined ? { filter: values.filter } : {}),
        },
        {
          signal: controller.signal,
          ...(values.json
            ? {}
            : {
                onPacket: (packet: CapturedPacket) => {
                  const tags = encapsulation(packet.layers);
                  process.stdout.write(
                    `${new Date(packet.time * 1000).toISOString().slice(11, 23)}  ${packet.at.padEnd(20)} ${packet.summary}${tags ? `  [${tags}]` : ""}\n`,
                  );
                },
              }),
        },
      );
      if (!result.ok) throw new CliError(result.error.message, result.error.code === "invalid-input" ? 2 : 1);
      const { end, packets, pcapng } = result.value;
      if (values.write) await writeFile(values.write, pcapng);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ at, packets: packets.map(packetJson), end }, null, 2)}\n`);
      } else {
        process.stderr.write(
          `${end.packets} packet${end.packets === 1 ? "" : "s"} captured, stopped by ${end.stoppedBy}${values.write ? `; written to ${values.write}` : ""}\n`,
        );
      }
      if (end.error) process.stderr.write(`crossnet capture: ${end.error}\n`);
      return end.stoppedBy === "error" ? 1 : 0;
    } finally {
      process.off("SIGINT", onSignal);
      close();
    }
  },
};
