import "server-only";
import { randomUUID } from "node:crypto";
import type { Audit } from "../exec/audit";
import { type HostConnection, HostPool, type HostPoolOptions } from "../exec/hosts";
import { inventoryGap } from "../inventory/coverage";
import type { Inventory } from "../inventory/schema";
import { impairTargets, observeHost } from "../observe/observe";
import { parseDockerContainers } from "../observe/parse-docker";
import { parseImpairQdiscs } from "../observe/parse-impairments";
import {
  applyArgv,
  clearArgv,
  describeImpairment,
  designInterfaces,
  type Impairment,
  type ImpairPoint,
  inNetns,
  netemMissing,
  pointId,
} from "../plan/impairment";
import type { Topology } from "../topology/schema";

/** Per-command limit of an impairment command (tc, ip, iptables answer in milliseconds). */
const COMMAND_TIMEOUT_MS = 15_000;

export type ImpairOptions = {
  inventory: Inventory;
  inventoryDir: string;
  who: string;
  audit: Audit;
  runId?: string;
  credential?: HostPoolOptions["credential"];
};

/** One command run for an impairment: where, what, and how it ended. */
export type ImpairCommand = { host: string; point: string; argv: string[]; code: number; stderr: string };

/** What `impair` did: the commands, and a refusal or failure reason when it did not do it. */
export type ImpairReport =
  | { ok: true; point: string; impairment: string; commands: ImpairCommand[]; notes: string[] }
  | { ok: false; point: string; reason: string; commands: ImpairCommand[] };

/** Why an impairment cannot go where it was asked, before anything runs (undefined: it can). */
export function impairRefusal(topology: Topology, point: ImpairPoint, impairment: Impairment): string | undefined {
  if (point.kind === "container" && impairment.kind === "down")
    return `--down on a container interface would lose the routes Docker set in it (they do not come back with 'ip link set up'): take down the host interface (HOST:IFACE) instead, or use --loss 100`;
  if (point.kind === "host" && !designInterfaces(topology, point.host).includes(point.iface))
    return `${point.iface} is not an interface of ${point.host} in the design`;
  return undefined;
}

/** Notes for the user about where an impairment acts (e.g. macvlan traffic bypasses the host's netfilter). */
export function impairNotes(topology: Topology, point: ImpairPoint, impairment: Impairment): string[] {
  if (point.kind !== "host" || impairment.kind !== "loss") return [];
  const macvlan = Object.entries(topology.networks ?? {}).filter(
    ([, network]) => network.driver === "macvlan" && network.parent?.[point.host] === point.iface,
  );
  return macvlan.length
    ? [
        `macvlan containers on ${point.iface} (${macvlan.map(([name]) => name).join(", ")}) are not affected: their frames never pass ${point.host}'s netfilter. Impair a container's interface (container:NAME) to make their links lossy.`,
      ]
    : [];
}

/** The container's PID on its host, found by name among the running containers; undefined when it does not run. */
async function containerPid(connection: HostConnection, name: string): Promise<number | undefined> {
  const match = parseDockerContainers(await connection.docker.listContainers()).find((c) => c.name === name);
  if (!match) return undefined;
  const [target] = impairTargets([await connection.docker.inspectContainer(match.id)]);
  return target?.pid;
}

function hostOf(topology: Topology, point: ImpairPoint): string {
  return point.kind === "host" ? point.host : (topology.containers?.[point.container]?.host ?? "");
}

/** @throws Error naming the hosts the inventory lacks. */
function openPool(options: ImpairOptions, hosts: string[]): HostPool {
  const gap = inventoryGap(hosts, options.inventory);
  if (gap) throw new Error(gap.message);
  return new HostPool(options.inventory, {
    audit: options.audit,
    who: options.who,
    runId: options.runId ?? randomUUID(),
    baseDir: options.inventoryDir,
    ...(options.credential ? { credential: options.credential } : {}),
  });
}

/**
 * Puts one impairment on one point of the design, on its host (in the container's network
 * namespace for container points), with one audited, time-bounded command. It stays until
 * `clearImpairments`, a repair (apply) or a destroy removes it: observe reads it back and the plan
 * shows it as drift. A delay on a kernel without sch_netem is refused with that reason.
 */
export async function impairPoint(
  topology: Topology,
  point: ImpairPoint,
  impairment: Impairment,
  options: ImpairOptions,
): Promise<ImpairReport> {
  const id = pointId(point);
  const refusal = impairRefusal(topology, point, impairment);
  if (refusal) return { ok: false, point: id, reason: refusal, commands: [] };
  const host = hostOf(topology, point);
  const pool = openPool(options, [host]);
  try {
    const connection = await pool.get(host);
    let argv = applyArgv(point.iface, impairment);
    if (point.kind === "container") {
      const pid = await containerPid(connection, point.container);
      if (pid === undefined)
        return {
          ok: false,
          point: id,
          reason: `${point.container} is not running on ${host}: apply the design first`,
          commands: [],
        };
      argv = inNetns(pid, argv);
    } else if (impairment.kind === "down") {
      const management = options.inventory.hosts[host]?.address;
      const carried = await connection.ssh.exec(["ip", "-j", "-4", "addr", "show", "dev", point.iface], {
        timeoutMs: COMMAND_TIMEOUT_MS,
      });
      if (management && carried.stdout.includes(`"${management}"`))
        return {
          ok: false,
          point: id,
          reason: `${point.iface} carries ${host}'s management address ${management}: taking it down would cut Crossnet's own SSH session`,
          commands: [],
        };
    }
    if (impairment.kind === "rate" || impairment.kind === "delay") {
      const show = ["tc", "-j", "qdisc", "show", "dev", point.iface];
      const read = await connection.ssh.exec(argv[0] === "nsenter" ? [...argv.slice(0, 3), ...show] : show, {
        timeoutMs: COMMAND_TIMEOUT_MS,
      });
      const other = parseImpairQdiscs(read.stdout, point.iface).find(
        (found) => found.impairment.kind !== impairment.kind,
      );
      if (other)
        return {
          ok: false,
          point: id,
          reason: `${point.iface} already has a ${describeImpairment(other.impairment)} (one qdisc per point): clear it first with --clear --at ${id}`,
          commands: [],
        };
    }
    const result = await connection.ssh.exec(argv, { timeoutMs: COMMAND_TIMEOUT_MS });
    const command = { host, point: id, argv, code: result.code, stderr: result.stderr.trim().slice(0, 2000) };
    if (result.code !== 0) {
      const reason =
        (impairment.kind === "delay" ? netemMissing(result.stderr) : undefined) ??
        `${argv[argv[0] === "nsenter" ? 3 : 0]} failed on ${host} (exit ${result.code}): ${command.stderr || "no message"}`;
      return { ok: false, point: id, reason, commands: [command] };
    }
    return {
      ok: true,
      point: id,
      impairment: describeImpairment(impairment),
      commands: [command],
      notes: impairNotes(topology, point, impairment),
    };
  } finally {
    await pool.close();
  }
}

/**
 * Clears every impairment Crossnet put on the given points (every point of the design when none is
 * given): reads each host, then runs the clear command of each impairment found and brings design
 * NICs that are down back up. The same commands a repair runs.
 */
export async function clearImpairments(
  topology: Topology,
  points: readonly ImpairPoint[],
  options: ImpairOptions,
): Promise<ImpairReport> {
  const hosts = [
    ...new Set(points.length ? points.map((point) => hostOf(topology, point)) : Object.keys(topology.hosts)),
  ].sort();
  const wanted = (candidate: ImpairPoint) =>
    points.length === 0 || points.some((point) => pointId(point) === pointId(candidate));
  const pool = openPool(options, hosts);
  const commands: ImpairCommand[] = [];
  const label = points.length ? points.map(pointId).join(", ") : `every point of ${topology.name}`;
  try {
    for (const host of hosts) {
      const connection = await pool.get(host);
      const snapshot = await observeHost(connection);
      if (!snapshot.reachable)
        return {
          ok: false,
          point: label,
          reason: `${host} could not be read: ${snapshot.error ?? "unreachable"}`,
          commands,
        };
      const todo: { point: ImpairPoint; argv: string[] }[] = [];
      for (const nic of designInterfaces(topology, host)) {
        const point: ImpairPoint = { kind: "host", host, iface: nic };
        const link = snapshot.links.find((candidate) => candidate.name === nic);
        if (link && !link.up && wanted(point)) todo.push({ point, argv: clearArgv(nic, { kind: "down" }) });
      }
      for (const item of snapshot.impairments ?? []) {
        if (!wanted(item.point)) continue;
        const argv = clearArgv(item.point.iface, item.impairment);
        if (item.point.kind === "container" && item.pid !== undefined)
          todo.push({ point: item.point, argv: inNetns(item.pid, argv) });
        else if (item.point.kind === "host") todo.push({ point: item.point, argv });
      }
      for (const { point, argv } of todo) {
        const result = await connection.ssh.exec(argv, { timeoutMs: COMMAND_TIMEOUT_MS });
        commands.push({
          host,
          point: pointId(point),
          argv,
          code: result.code,
          stderr: result.stderr.trim().slice(0, 2000),
        });
      }
    }
  } finally {
    await pool.close();
  }
  const failed = commands.find((command) => command.code !== 0);
  return failed
    ? {
        ok: false,
        point: label,
        reason: `clearing ${failed.point} failed (exit ${failed.code}): ${failed.stderr}`,
        commands,
      }
    : { ok: true, point: label, impairment: "cleared", commands, notes: [] };
}
