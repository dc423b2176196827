import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bringUpLab, type TestLab } from "../lib/exec/testing/lab";
import { hostExec } from "../lib/lab/index";
import { checkTopologyText, type Topology } from "../lib/topology/index";

/**
 * Finding 9 (KV store half): etcd has no authentication, so it is published on its host's
 * underlay address only and a firewall admits only the design's hosts. The lab has a fourth host
 * on the same underlay that is not in the design: it cannot reach etcd, while the overlay through
 * etcd still works for the design's hosts; destroy removes the rules.
 */

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const file = join(root, "examples", "overlay-kv.yaml");
let lab: TestLab;

async function crossnet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", [join(root, "bin", "crossnet.js"), ...args], {
      cwd: root,
      env: { ...process.env, CROSSNET_DATA: lab.dir, CROSSNET_DB: join(lab.dir, "crossnet.db"), NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** Whether a TCP connection from `host` to etcd on node-1's underlay address opens within 3 s. */
async function reachesEtcd(host: string): Promise<boolean> {
  const result = await hostExec(host, ["timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/192.168.0.101/2379"], {
    timeoutMs: 10_000,
  });
  return result.code === 0;
}

beforeAll(async () => {
  const text = readFileSync(file, "utf8").replace(
    "  node-3: { nics: { ens32: { address: 192.168.0.103/24 } } }\n",
    "  node-3: { nics: { ens32: { address: 192.168.0.103/24 } } }\n  node-4: { nics: { ens32: { address: 192.168.0.104/24 } } }\n",
  );
  const withOutsider = checkTopologyText(text).topology as Topology;
  expect(Object.keys(withOutsider.hosts)).toContain("node-4");
  lab = await bringUpLab(withOutsider);
});

afterAll(async () => {
  await lab?.down();
});

it("etcd answers the design's hosts and not a lab host outside the design; destroy removes the rules", async () => {
  const applied = await crossnet("apply", file, "--inventory", lab.inventoryPath);
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(await reachesEtcd("node-2")).toBe(true);
  expect(await reachesEtcd("node-3")).toBe(true);
  expect(await reachesEtcd("node-4")).toBe(false);
  const pinged = await crossnet("ping", file, "--inventory", lab.inventoryPath, "--by", "ip", "--count", "1");
  expect(pinged.code, pinged.stdout + pinged.stderr).toBe(0);
  const again = await crossnet("apply", file, "--inventory", lab.inventoryPath, "--dry-run", "--json");
  expect(JSON.parse(again.stdout)).toEqual({ steps: [] });
  expect((await crossnet("destroy", file, "--inventory", lab.inventoryPath)).code).toBe(0);
  const rules = await hostExec("node-1", ["iptables", "-w", "5", "-S", "DOCKER-USER"]);
  expect(rules.stdout).not.toContain("crossnet.topology=overlay-kv");
});
