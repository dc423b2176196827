import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../cli/testing/run-cli";
import { INTENT_DETAIL } from "../lib/exec/audit";
import { HostPool } from "../lib/exec/hosts";
import { onHost } from "../lib/exec/testing/lab";
import { labPerSuite, loadExample } from "../lib/probe/testing/lab-design";
import { type AuditRow, createAuditSink } from "../lib/store/audit";
import { openStore } from "../lib/store/open";

/**
 * Finding 10: every entry point writes the same keyed audit chain. A CLI `apply` on the lab lands in
 * the database `crossnet audit verify` checks, as an intent row before and a result row after each
 * command; when the intent row cannot be written, the command does not run.
 */

const file = join(REPO_ROOT, "examples", "macvlan.yaml");
const lab = labPerSuite("the audit entry-point lab tests", loadExample("macvlan"), { apply: false });
/** The real CLI, its data and its database in the lab's scratch folder. */
const crossnet = (...args: string[]) =>
  runCli(args, { env: { CROSSNET_DATA: lab().dir, CROSSNET_DB: join(lab().dir, "crossnet.db") } });

describe("one audit log for the CLI and the dashboard", () => {
  it("after a CLI apply, `crossnet audit verify` counts its commands: an intent and a result row for each", async () => {
    const applied = await crossnet("apply", file, "--inventory", lab().inventoryPath);
    expect(applied.code).toBe(0);
    const verified = await crossnet("audit", "verify", "--json");
    expect(verified.code).toBe(0);
    const verdict = JSON.parse(verified.stdout) as { ok: boolean; count: number };
    const listed = await crossnet("audit", "list", "--json", "--limit", "1000");
    const rows = JSON.parse(listed.stdout) as AuditRow[];
    expect(verdict).toMatchObject({ ok: true, count: rows.length });
    const commands = rows.filter((row) => row.kind === "command");
    const intents = commands.filter((row) => row.detail === INTENT_DETAIL);
    const results = commands.filter((row) => row.detail !== INTENT_DETAIL);
    expect(intents.length).toBeGreaterThanOrEqual(4);
    expect(results).toHaveLength(intents.length);
    expect(results.every((row) => row.who.startsWith("cli:"))).toBe(true);
    const runs = results.filter((row) => row.argv?.includes("run") && row.argv.includes("bbox-1"));
    expect(runs).toHaveLength(1);
    const [runRow] = runs;
    const intentBefore = intents.find((row) => JSON.stringify(row.argv) === JSON.stringify(runRow?.argv));
    expect(intentBefore?.seq).toBeLessThan(runRow?.seq ?? 0);
    expect(runRow?.exitCode).toBe(0);
    expect((await crossnet("destroy", file, "--inventory", lab().inventoryPath)).code).toBe(0);
  });

  it("a command whose intent row cannot be written does not run", async () => {
    const opened = openStore({ path: join(lab().dir, "closed.db") });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    store.close();
    const audit = createAuditSink(store);
    const pool = new HostPool(lab().inventory, { audit, who: "test", baseDir: lab().dir });
    const marker = "/tmp/cn-audit-intent-marker";
    try {
      const attempt = pool.get("node-1").then((connection) => connection.ssh.exec(["touch", marker]));
      await expect(attempt).rejects.toThrow(/audit/);
      expect(audit.failures).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
    expect((await onHost("node-1", ["sh", "-c", `test -e ${marker} && echo present || echo absent`])).trim()).toBe(
      "absent",
    );
  });
});
