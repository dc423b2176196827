/**
 * Apply speed on the embedded lab.
 * 1. The overlay example (swarm init/join, overlay network, two containers) applied by Crossnet, vs the same
 *    docker commands run one by one from a hand-written script with one `ssh` per command (fresh lab each).
 * 2. A no-change re-apply of a 4-host, 32-container design (connect, lock, observe, plan, release). Target < 1 s.
 * Run alone: `node bin/run-ts.js bench/apply.ts` (Linux, root, no lab up).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { applyTopology, type ConvergeOptions } from "../lib/app/converge";
import { MemoryAudit } from "../lib/exec/audit";
import type { Inventory } from "../lib/inventory/schema";
import { hostPaths, labDown, labSpecFromTopology, labUp } from "../lib/lab/index";
import { checkTopologyText, type Topology } from "../lib/topology/index";

const run = promisify(execFile);
const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function design(text: string): Topology {
  const checked = checkTopologyText(text);
  if (!checked.topology)
    throw new Error(`bench design is invalid: ${checked.issues.map((i) => i.message.en).join("; ")}`);
  return checked.topology;
}

/** 4 hosts, one macvlan network across them, 8 containers per host with fixed addresses. */
function bigDesign(): Topology {
  const hosts = [1, 2, 3, 4].map(
    (i) => `  node-${i}: { nics: { ens33: { address: 192.168.0.${10 + i}/24, promisc: true } } }`,
  );
  const parents = [1, 2, 3, 4].map((i) => `node-${i}: ens33`).join(", ");
  const containers = Array.from({ length: 32 }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return `  c${n}: { host: node-${(i % 4) + 1}, image: busybox, networks: { bench_net: { ip: 10.50.0.${11 + i} } } }`;
  });
  return design(
    [
      "name: bench-32",
      "hosts:",
      ...hosts,
      "networks:",
      `  bench_net: { driver: macvlan, subnet: 10.50.0.0/24, gateway: 10.50.0.1, parent: { ${parents} } }`,
      "containers:",
      ...containers,
      "",
    ].join("\n"),
  );
}

function options(inventoryPath: string, inventory: Inventory, dir: string): ConvergeOptions {
  return { inventory, inventoryDir: dirname(inventoryPath), who: "bench", audit: new MemoryAudit(), dataDir: dir };
}

/** The overlay example by hand: every command its own `ssh root@host …`, in the order a person would type them. */
async function handWritten(inventory: Inventory, dir: string): Promise<void> {
  const knownHosts = join(dir, "known_hosts");
  const lines = Object.entries(inventory.hosts).map(([name, host]) => {
    const [type, key] = readFileSync(`${hostPaths(name).sshHostKey}.pub`, "utf8").split(" ");
    return `${host.address} ${type} ${key}`;
  });
  writeFileSync(knownHosts, `${lines.join("\n")}\n`);
  const ssh = async (host: string, command: string) => {
    const entry = inventory.hosts[host];
    if (!entry) throw new Error(`no ${host} in the inventory`);
    const args = [
      "-i",
      entry.ssh.key,
      "-o",
      "BatchMode=yes",
      "-o",
      `UserKnownHostsFile=${knownHosts}`,
      `root@${entry.address}`,
      command,
    ];
    return (await run("ssh", args)).stdout.trim();
  };
  await ssh("node-2", "docker swarm init --advertise-addr 192.168.0.102");
  const token = await ssh("node-2", "docker swarm join-token -q worker");
  await ssh("node-3", `docker swarm join --token ${token} --advertise-addr 192.168.0.103 192.168.0.102:2377`);
  await ssh("node-2", "docker network create -d overlay --attachable --label crossnet.topology=overlay-swarm ov_net1");
  await ssh(
    "node-2",
    "docker run -itd --name bbox-1 --network ov_net1 --label crossnet.topology=overlay-swarm busybox",
  );
  await ssh(
    "node-3",
    "docker run -itd --name bbox-2 --network ov_net1 --label crossnet.topology=overlay-swarm busybox",
  );
}

/**
 * Keys (milliseconds, median of 3): `apply.overlay.crossnet.ms`, `apply.overlay.ssh-script.ms`,
 * `apply.32containers.first.ms` (one run), `apply.32containers.noop.ms`, plus `apply.32containers.noop.steps`.
 * Refuses (throws) when a lab is already up rather than touching it.
 */
export async function benchApply(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "cn-bench-apply-"));
  const inventoryPath = join(dir, "inventory.yaml");
  const results: Record<string, number> = {};
  try {
    const overlay = design(readFileSync(join(import.meta.dirname, "..", "examples", "overlay-swarm.yaml"), "utf8"));
    const crossnet: number[] = [];
    const script: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const lab = await labUp(labSpecFromTopology(overlay), { inventoryPath });
      try {
        const t0 = performance.now();
        const report = await applyTopology(overlay, options(inventoryPath, lab.inventory, dir));
        crossnet.push(performance.now() - t0);
        if (report.status !== "done") throw new Error(`overlay apply ended ${report.status}`);
      } finally {
        await labDown();
      }
      const again = await labUp(labSpecFromTopology(overlay), { inventoryPath });
      try {
        const t0 = performance.now();
        await handWritten(again.inventory, dir);
        script.push(performance.now() - t0);
      } finally {
        await labDown();
      }
    }
    results["apply.overlay.crossnet.ms"] = Math.round(median(crossnet));
    results["apply.overlay.ssh-script.ms"] = Math.round(median(script));

    const big = bigDesign();
    const lab = await labUp(labSpecFromTopology(big), { inventoryPath });
    try {
      let t0 = performance.now();
      const first = await applyTopology(big, options(inventoryPath, lab.inventory, dir));
      results["apply.32containers.first.ms"] = Math.round(performance.now() - t0);
      if (first.status !== "done") throw new Error(`32-container apply ended ${first.status}`);
      const noop: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        t0 = performance.now();
        const report = await applyTopology(big, options(inventoryPath, lab.inventory, dir));
        noop.push(performance.now() - t0);
        results["apply.32containers.noop.steps"] = report.plan.steps.length;
      }
      results["apply.32containers.noop.ms"] = Math.round(median(noop));
    } finally {
      await labDown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchApply();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(32)} ${String(value).padStart(7)}`);
}
