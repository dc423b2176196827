import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryAudit } from "../lib/exec/audit";
import { HostPool } from "../lib/exec/hosts";
import { acquireHostLock, releaseHostLock } from "../lib/exec/lock";
import { onHost } from "../lib/exec/testing/lab";
import { labPerSuite, loadExample } from "../lib/probe/testing/lab-design";
import { REPO_ROOT, runCli } from "./testing/run-cli";

const file = join(REPO_ROOT, "examples", "macvlan.yaml");
const lab = labPerSuite("the CLI converge lab tests", loadExample("macvlan"), { apply: false });
/** The real CLI, its data (journal, audit) in the lab's scratch folder. */
const crossnet = (...args: string[]) => runCli(args, { env: { CROSSNET_DATA: lab().dir } });
/** {@link crossnet} with some environment variables set (e.g. its locale). */
const crossnetIn = (env: Record<string, string>, ...args: string[]) =>
  runCli(args, { env: { CROSSNET_DATA: lab().dir, ...env } });

describe("crossnet apply / status / destroy", () => {
  it("prints the plan's JSON contract on --dry-run --json, runs nothing, exits 0", async () => {
    const result = await crossnet("apply", file, "--inventory", lab().inventoryPath, "--dry-run", "--json");
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { steps: { id: string; argv: string[] }[] };
    expect(Object.keys(plan)).toEqual(["steps"]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      "network:mac_net1@node-1/create-network",
      "network:mac_net1@node-2/create-network",
      "container:bbox-1@node-1/run-container",
      "container:bbox-2@node-2/run-container",
    ]);
    expect(await onHost("node-1", ["docker", "ps", "-aq"])).toBe("");
  });

  it("applies with exit 0, reports drift with exit 1, destroys with exit 0", async () => {
    const applied = await crossnet("apply", file, "--inventory", lab().inventoryPath);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^DONE apply of macvlan in [\d.]+ s: 4 ok, 0 failed/);
    expect(applied.stderr).toMatch(/node-1: ok \+ container:bbox-1@node-1/);

    expect((await crossnet("status", file, "--inventory", lab().inventoryPath)).code).toBe(0);
    await onHost("node-2", ["docker", "rm", "-f", "bbox-2"]);
    const drift = await crossnet("status", file, "--inventory", lab().inventoryPath);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain("+ container:bbox-2@node-2  (missing)");
    const driftJson = JSON.parse((await crossnet("status", file, "--inventory", lab().inventoryPath, "--json")).stdout);
    expect(driftJson).toMatchObject({ inSync: false, unreachable: [] });

    const destroyed = await crossnet("destroy", file, "--inventory", lab().inventoryPath, "--json");
    expect(destroyed.code).toBe(0);
    expect(JSON.parse(destroyed.stdout)).toMatchObject({ kind: "destroy", status: "done", converged: true });
  });

  it("refuses with exit 1 and names the holder while another apply holds a lock", async () => {
    const pool = new HostPool(lab().inventory, { audit: new MemoryAudit(), who: "test", baseDir: lab().dir });
    const holder = {
      id: "other-run",
      who: "bob",
      purpose: "apply",
      machine: "ci-9",
      pid: 77,
      since: "2026-01-01T00:00:00.000Z",
    };
    const ssh = (await pool.get("node-1")).ssh;
    try {
      await acquireHostLock("node-1", "198.18.0.11", ssh, holder);
      const refused = await crossnet("apply", file, "--inventory", lab().inventoryPath);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/node-1: locked by bob \(apply, run other-run, pid 77 on ci-9/);
    } finally {
      await releaseHostLock(ssh, holder);
      await pool.close();
    }
  });

  it("prints a conflict and its hint in the CLI's language: Chinese under zh_CN, English under C", async () => {
    await onHost("node-1", ["docker", "run", "-d", "--name", "bbox-1", "--network", "none", "busybox", "sleep", "600"]);
    const applyIn = (LANG: string) =>
      crossnetIn({ LANG, LC_ALL: "", LC_MESSAGES: "" }, "apply", file, "--inventory", lab().inventoryPath);
    try {
      const zh = await applyIn("zh_CN.UTF-8");
      expect(zh.code).toBe(2);
      expect(zh.stdout).toMatch(/^部分完成 macvlan 的应用用时 [\d.]+ 秒：3 成功，0 失败，0 未知，0 跳过。\n/);
      expect(zh.stdout).toContain(
        "  ! container:bbox-1@node-1: node-1 上已经运行着一个名为 bbox-1 的容器，而且不是 Crossnet 创建的\n",
      );
      expect(zh.stdout).toContain("    提示：请手动删除它（'docker rm -f bbox-1'），或在设计中给容器改名。\n");
      const en = await applyIn("C");
      expect(en.code).toBe(2);
      // Nothing was left to run but the conflict: the summary must not say the hosts match.
      expect(en.stdout).toMatch(/^PARTIAL apply of macvlan: nothing ran; what is left is blocked \(see below\)\.\n/);
      expect(en.stdout).toContain(
        "  ! container:bbox-1@node-1: a container named bbox-1 already runs on node-1 and was not created by Crossnet\n",
      );
      expect(en.stdout).toContain(
        "    hint: Remove it by hand ('docker rm -f bbox-1') or rename the container in the design.\n",
      );
    } finally {
      await onHost("node-1", ["docker", "rm", "-f", "bbox-1"]);
      expect((await crossnet("destroy", file, "--inventory", lab().inventoryPath)).code).toBe(0);
    }
  });

  it("exits 2 with a usage error when --inventory is missing", async () => {
    const result = await crossnet("apply", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--inventory INV is required");
  });
});
