import "server-only";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { LabError } from "../errors";
import { newKeyArgv } from "../lifecycle/client-key";
import type { UpContext } from "../lifecycle/context";
import { recordIntent } from "../lifecycle/journal";
import { type Daemon, runChecked, spawnDaemon, waitUntil } from "../os/run";
import { SERF_PORT, serfListening } from "../os/serf-gossip";
import { daemonLogFile, daemonPidFile, type HostPaths, hostCgroupParent, type LabDaemon } from "../paths";
import { engineApiVersion, engineOf } from "../spec/engines";
import type { LabHostSpec } from "../spec/spec";
import { BUSYBOX_IMAGE } from "./busybox-image";
import {
  dnsmasqArgv,
  dockerdArgv,
  etcdArgv,
  inHost,
  LAB_GO_ENV,
  ovsdbServerArgv,
  ovsEnv,
  ovsOffloadArgv,
  ovsVsctlArgv,
  ovsVswitchdArgv,
  sshdArgv,
  sshdConfig,
  systemctlShim,
} from "./daemon-argv";
import { dockerImportImage, dockerPing } from "./docker-api";
import { sshFingerprint } from "./fingerprint";
import { httpStatus, tcpOpen } from "./probes";

/** Journals, then starts `daemon` inside all of the host's namespaces. */
async function startInHost(
  ctx: UpContext,
  host: string,
  paths: HostPaths,
  daemon: LabDaemon,
  argv: string[],
  env?: Record<string, string>,
): Promise<Daemon> {
  const pidFile = daemonPidFile(host, daemon);
  recordIntent({ kind: "daemon", host, daemon, pidFile });
  return spawnDaemon(inHost(paths, ctx.tools.nsenter, argv), { logFile: daemonLogFile(host, daemon), pidFile }, env);
}

/** The host's private ovsdb-server and ovs-vswitchd, then its VLAN bridges and sub-interfaces. */
export async function startOvs(ctx: UpContext, host: LabHostSpec, paths: HostPaths): Promise<void> {
  mkdirSync(paths.ovsDir, { recursive: true });
  await runChecked(`${host.name}: create the OVS database`, [
    ctx.tools["ovsdb-tool"],
    "create",
    `${paths.ovsDir}/conf.db`,
    ctx.tools.ovsSchema,
  ]);
  const env = ovsEnv(paths);
  const db = await startInHost(ctx, host.name, paths, "ovsdb-server", ovsdbServerArgv(ctx.tools, paths), env);
  await runChecked(
    `${host.name}: OVS offload metadata on (before ovs-vswitchd starts)`,
    inHost(paths, ctx.tools.nsenter, ovsOffloadArgv(ctx.tools, paths)),
    { env: { ...process.env, ...env } },
  );
  const vswitchd = await startInHost(ctx, host.name, paths, "ovs-vswitchd", ovsVswitchdArgv(ctx.tools, paths), env);
  const failed = Promise.race([db.exited, vswitchd.exited]).then((code) => {
    throw new LabError(
      "daemon-failed",
      `${host.name}: ovsdb-server or ovs-vswitchd exited (code ${code})`,
      `Read ${paths.ovsDir} and ${daemonLogFile(host.name, "ovs-vswitchd")}; run \`crossnet lab down\` before trying again.`,
    );
  });
  failed.catch(() => {});
  await Promise.race([
    runChecked(
      `${host.name}: OVS bridges and VLAN ports (or, without VLANs, ovs-vswitchd ready)`,
      // Inside the host, so that `lab down` finds it by its namespace if `lab up` dies while it waits.
      inHost(paths, ctx.tools.nsenter, ovsVsctlArgv(ctx.tools, paths, host.nics)),
      { env: { ...process.env, ...env } },
    ),
    failed,
  ]);
}

/** dnsmasq answering NXDOMAIN on 127.0.0.1, so failed lookups in containers fail at once. */
export async function startDnsmasq(ctx: UpContext, host: LabHostSpec, paths: HostPaths): Promise<void> {
  const daemon = await startInHost(ctx, host.name, paths, "dnsmasq", dnsmasqArgv(ctx.tools, paths));
  await waitUntil(`${host.name}: dnsmasq`, async () => existsSync(`${paths.runDir}/dnsmasq.pid`), {
    timeoutMs: 10_000,
    intervalMs: 10,
    daemon,
    logFile: daemonLogFile(host.name, "dnsmasq"),
  });
}

/** etcd 3.4 (v2 API) on the KV host; settles the lab's `kvReady` once it answers. */
export async function startEtcd(
  ctx: UpContext,
  host: LabHostSpec,
  paths: HostPaths,
  mgmtAddress: string,
): Promise<void> {
  const kv = ctx.spec.kv;
  if (!kv) return;
  try {
    mkdirSync(paths.etcdDataDir, { recursive: true, mode: 0o700 });
    const daemon = await startInHost(
      ctx,
      host.name,
      paths,
      "etcd",
      etcdArgv(ctx.tools, paths, { name: host.name, address: kv.address, listen: etcdListen(ctx, mgmtAddress) }),
    );
    await waitUntil(
      `${host.name}: etcd`,
      async () =>
        (await httpStatus(`http://${mgmtAddress}:2379/health`)) === 200 &&
        (await httpStatus(`http://${mgmtAddress}:2379/v2/keys/`)) === 200,
      { timeoutMs: 30_000, intervalMs: 50, daemon, logFile: daemonLogFile(host.name, "etcd") },
    );
    ctx.settleKv();
  } catch (error) {
    ctx.settleKv(error);
    throw error;
  }
}

/** The addresses the lab's etcd listens on: those the hosts' dockerds were given, and the management one. */
function etcdListen(ctx: UpContext, mgmtAddress: string): string[] {
  const pointed = ctx.spec.hosts.flatMap((host) => {
    const match = /^etcd:\/\/([0-9.]+):2379$/.exec(host.dockerd.clusterStore ?? "");
    return match?.[1] ? [match[1]] : [];
  });
  return [...pointed, mgmtAddress];
}

/**
 * The host's dockerd, after the KV store when it uses one. The dockerds of a KV-store overlay start one
 * at a time, each only once the one before has its serf gossip listening (TCP 7946 in its namespace):
 * dockerd 20.10's overlay driver joins exactly one gossip neighbour in its life (libnetwork's
 * `joinOnce`: the last host its discovery listed, retried only when the store lists a new host). Started
 * together, a dockerd could try a neighbour whose gossip was not up yet ("dial tcp …:7946: connection
 * refused") and stay alone, or pairs could join each other and form two groups; containers on hosts of
 * different groups never learn of each other and nothing repairs it (seen in 2 of 8 bring-ups of a
 * 5-host KV design). One at a time, each dockerd's store lists only hosts already gossiping, all in one
 * group, so its one join lands there. The wait is bounded (30 s) and reads the kernel's socket table.
 */
export async function startDockerd(ctx: UpContext, host: LabHostSpec, paths: HostPaths): Promise<void> {
  writeFileSync(paths.dockerConfig, "{}\n");
  if (host.dockerd.clusterStore && ctx.kvReady) await ctx.kvReady;
  if (!host.dockerd.clusterStore || !host.dockerd.clusterAdvertise) {
    await spawnDockerd(ctx, host, paths);
    return;
  }
  await ctx.kvDaemonTurn(async () => {
    const daemon = await spawnDockerd(ctx, host, paths);
    await waitUntil(
      `${host.name}: dockerd's overlay gossip (serf, TCP ${SERF_PORT} on ${host.dockerd.clusterAdvertise?.split(":")[0]})`,
      async () => serfListening(daemon.pid, paths.netnsFile),
      { timeoutMs: 30_000, intervalMs: 25, daemon, logFile: daemonLogFile(host.name, "dockerd") },
    );
  });
}

async function spawnDockerd(ctx: UpContext, host: LabHostSpec, paths: HostPaths): Promise<Daemon> {
  const cgroupParent = hostCgroupParent(host.name);
  recordIntent({ kind: "cgroup", name: cgroupParent });
  const daemon = await startInHost(
    ctx,
    host.name,
    paths,
    "dockerd",
    dockerdArgv(ctx.tools, paths, cgroupParent, host.dockerd, engineOf(host)),
    LAB_GO_ENV,
  );
  await waitUntil(`${host.name}: dockerd`, () => dockerPing(paths.dockerSocket, 1000), {
    timeoutMs: 60_000,
    intervalMs: 25,
    daemon,
    logFile: daemonLogFile(host.name, "dockerd"),
  });
  return daemon;
}

/** Imports the shared busybox tarball as busybox:latest. */
export async function importBusybox(ctx: UpContext, host: LabHostSpec, paths: HostPaths): Promise<void> {
  const tarball = await ctx.tarball;
  try {
    await dockerImportImage(paths.dockerSocket, tarball, BUSYBOX_IMAGE, engineApiVersion(engineOf(host)));
  } catch (error) {
    throw new LabError(
      "daemon-failed",
      `${host.name}: importing busybox failed: ${(error as Error).message}`,
      `Read ${daemonLogFile(host.name, "dockerd")}; run \`crossnet lab down\` before trying again.`,
    );
  }
}

/**
 * A fresh ed25519 host key, the lab's client key as root's only authorized key, and sshd on the
 * management address. Returns the host key's SHA256 fingerprint for the inventory.
 */
export async function startSshd(
  ctx: UpContext,
  host: LabHostSpec,
  paths: HostPaths,
  mgmtAddress: string,
): Promise<string> {
  await runChecked(
    `${host.name}: host key`,
    newKeyArgv(ctx.tools["ssh-keygen"], `root@${host.name}`, paths.sshHostKey),
  );
  const fingerprint = sshFingerprint(readFileSync(`${paths.sshHostKey}.pub`, "utf8"));
  writeFileSync(paths.authorizedKeys, `${ctx.clientPublicKey.trim()}\n`, { mode: 0o600 });
  chmodSync(paths.authorizedKeys, 0o600);
  writeFileSync(paths.sshdConfig, sshdConfig({ listenAddress: mgmtAddress, paths, engine: engineOf(host) }));
  mkdirSync(paths.binDir, { recursive: true, mode: 0o755 });
  writeFileSync(`${paths.binDir}/systemctl`, systemctlShim(host.name), { mode: 0o755 });
  const daemon = await startInHost(ctx, host.name, paths, "sshd", sshdArgv(ctx.tools, paths));
  await waitUntil(`${host.name}: sshd`, () => tcpOpen(mgmtAddress, 22, 500), {
    timeoutMs: 20_000,
    intervalMs: 25,
    daemon,
    logFile: daemonLogFile(host.name, "sshd"),
  });
  return fingerprint;
}
