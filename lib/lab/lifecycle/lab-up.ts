import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { LabError } from "../errors";
import { buildBusyboxTarball } from "../host/busybox-image";
import { bringUpHost, settleAll } from "../host/host-up";
import { raiseNeighLimits } from "../os/neigh-table";
import { checkPrerequisites, type LabTools } from "../os/preflight";
import { runChecked } from "../os/run";
import { oneAtATime } from "../os/serf-gossip";
import { LAB_NS_DIR, LAB_RUN_DIR, LAB_STATE_DIR } from "../paths";
import { describeEmulation, labNotices } from "../spec/emulation";
import type { LabSpec } from "../spec/spec";
import { validateLabSpec } from "../spec/validate-spec";
import type { LabUpResult } from "../types";
import { clientKeyPath, ensureClientKey } from "./client-key";
import { deferred, type UpContext } from "./context";
import { type LabEventSink, timedStep } from "./events";
import { buildLabInventory, writeInventory } from "./inventory";
import { recordIntent } from "./journal";
import { labDown } from "./lab-down";
import { readLabInfo, writeLabInfo } from "./lab-info";
import { findNamespaceLeftovers } from "./leftovers";
import { createSwitch } from "./switch";

/** Options of {@link labUp}. */
export type LabUpOptions = {
  /** Where to write the inventory YAML (the CLI's default: data/lab/inventory.yaml). */
  inventoryPath: string;
  onEvent?: LabEventSink;
  /** Leave a failed bring-up in place for inspection instead of tearing it down (default false). */
  keepOnFailure?: boolean;
};

/**
 * Builds the lab described by `spec` on this machine (Linux, root) and writes its inventory.
 * Hosts are built in parallel; everything created is journaled first, so `labDown` can remove it after
 * any failure or crash. On failure the partial lab is torn down (unless `keepOnFailure`) and the error
 * rethrown. Refuses (code `lab-already-up`) while a lab, or leftovers of one, exist.
 */
export async function labUp(spec: LabSpec, options: LabUpOptions): Promise<LabUpResult> {
  const started = performance.now();
  const { onEvent } = options;
  const issues = validateLabSpec(spec);
  if (issues.length > 0) {
    throw new LabError(
      "invalid-spec",
      `the lab '${spec.name}' cannot be built: ${issues.length} problem(s) in its spec`,
      "Fix the design (host, NIC and VLAN names, addresses) and try again.",
      { issues },
    );
  }
  const tools = checkPrerequisites(spec);
  const inventoryPath = resolve(options.inventoryPath);
  claimLab();
  try {
    return await buildLab(spec, tools, inventoryPath, onEvent, started);
  } catch (error) {
    if (!options.keepOnFailure) await labDown({ onEvent }).catch(() => undefined);
    throw error;
  }
}

async function buildLab(
  spec: LabSpec,
  tools: LabTools,
  inventoryPath: string,
  onEvent: LabEventSink | undefined,
  started: number,
): Promise<LabUpResult> {
  const emulated = describeEmulation(spec);
  const notices = labNotices(spec);
  const base = { name: spec.name, inventoryPath, startedAt: new Date().toISOString(), spec, emulated, notices };
  recordIntent({ kind: "lab", name: spec.name, spec, inventoryPath, startedAt: base.startedAt });
  writeLabInfo({ ...base, state: "building", hosts: [] });
  onEvent?.({ type: "lab-started", lab: spec.name, hosts: spec.hosts.map((host) => host.name) });

  recordIntent({ kind: "dir", path: LAB_RUN_DIR });
  mkdirSync(LAB_RUN_DIR, { recursive: true, mode: 0o755 });
  recordIntent({ kind: "dir", path: LAB_NS_DIR });
  mkdirSync(LAB_NS_DIR, { recursive: true, mode: 0o700 });
  // Namespace files may only be bind-mounted on a mount that is not shared (systemd makes / shared).
  recordIntent({ kind: "private-mount", path: LAB_NS_DIR });
  await runChecked("bind the namespace dir", [tools.mount, "--bind", LAB_NS_DIR, LAB_NS_DIR]);
  await runChecked("make the namespace dir private", [tools.mount, "--make-private", LAB_NS_DIR]);

  await createSwitch(tools.ip, onEvent);
  // One kernel ARP table serves every emulated host: size it for the lab (restored by labDown).
  await timedStep(onEvent, null, "neighbour table", async () => raiseNeighLimits());
  const key = await timedStep(onEvent, null, "lab key", () =>
    ensureClientKey(tools["ssh-keygen"], clientKeyPath(inventoryPath)),
  );
  const tarball = timedStep(onEvent, null, "busybox tarball", () => buildBusyboxTarball(tools, LAB_STATE_DIR));
  tarball.catch(() => undefined);
  const kv = spec.kv ? deferred() : null;
  const ctx: UpContext = {
    tools,
    spec,
    onEvent,
    clientPublicKey: key.publicKey,
    tarball,
    kvReady: kv?.promise ?? null,
    settleKv: kv?.settle ?? (() => {}),
    kvDaemonTurn: oneAtATime(),
  };
  const hosts = await settleAll(
    spec.hosts.map((host, index) =>
      bringUpHost(ctx, host, index).catch((error: unknown) => {
        if (spec.kv?.host === host.name) ctx.settleKv(error);
        throw error;
      }),
    ),
  );

  const kvUrl = spec.kv ? `etcd://${spec.kv.address}:2379` : undefined;
  const inventory = buildLabInventory(
    { name: spec.name, emulated, notices, ...(kvUrl ? { kv: kvUrl } : {}) },
    hosts,
    key.path,
  );
  await timedStep(onEvent, null, "inventory", async () => writeInventory(inventoryPath, inventory));
  writeLabInfo({ ...base, state: "up", hosts });
  recordIntent({ kind: "up", at: new Date().toISOString() });
  const durationMs = Math.round(performance.now() - started);
  onEvent?.({ type: "done", durationMs, inventoryPath });
  return { name: spec.name, inventoryPath, inventory, keyPath: key.path, hosts, emulated, notices, durationMs };
}

/** Takes the one-lab-at-a-time lock (creating the state dir), or explains what is in the way. */
function claimLab(): void {
  const running = readLabInfo();
  const leftovers = findNamespaceLeftovers();
  if (existsSync(LAB_STATE_DIR) || leftovers.length > 0) {
    const what = running
      ? `lab '${running.name}' is ${running.state === "up" ? "already up" : "half built (or its bring-up crashed)"}`
      : `leftovers of an earlier lab are present (${[existsSync(LAB_STATE_DIR) ? LAB_STATE_DIR : "", ...leftovers].filter(Boolean).join(", ")})`;
    throw new LabError(
      "lab-already-up",
      `cannot start a lab: ${what}`,
      "Run `crossnet lab down` first (one lab at a time).",
    );
  }
  try {
    mkdirSync(LAB_STATE_DIR, { mode: 0o755 });
  } catch (error) {
    throw new LabError(
      "lab-already-up",
      `cannot start a lab: ${LAB_STATE_DIR} appeared meanwhile (${(error as Error).message})`,
      "Another `crossnet lab up` is running; wait for it, or run `crossnet lab down`.",
    );
  }
}
