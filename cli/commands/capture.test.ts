import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCli } from "../testing/run-cli";

/**
 * `crossnet capture` and `crossnet trace` refuse a bad request before anything runs: the inventory
 * names hosts at addresses nothing listens on, so any attempt to connect would fail differently (and
 * the message would name SSH); exit 2 with the field and why. The audit log goes to a scratch store.
 */

const scratch = mkdtempSync(join(tmpdir(), "crossnet-capture-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const inventory = join(scratch, "inventory.yaml");
writeFileSync(
  inventory,
  "hosts:\n  node-1:\n    address: 127.0.0.1\n    ssh: { user: root, port: 9, key: ./id_ed25519, hostKey: SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA }\n  node-2:\n    address: 127.0.0.1\n    ssh: { user: root, port: 9, key: ./id_ed25519, hostKey: SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA }\n",
);

async function crossnet(...args: string[]): Promise<{ code: number; out: string }> {
  const { code, stdout, stderr } = await runCli(args, { env: { CROSSNET_DB: join(scratch, "audit.db") } });
  return { code, out: `${stdout}${stderr}` };
}

describe.concurrent("crossnet capture and trace refuse bad requests before anything runs", { timeout: 60_000 }, () => {
  it.for([
    { args: ["--at", "node-1:ens33;id"], says: "at[0]: 'node-1:ens33;id' is not a capture point id" },
    { args: ["--at", "node-9:eth0"], says: "the design has no capture point 'node-9:eth0'" },
    { args: ["--at", "wire"], says: "the wire exists only on the lab" },
    { args: ["--at", "node-1:ens33", "--filter", "icmp; reboot"], says: "filter: the filter has ';'" },
    { args: ["--at", "node-1:ens33", "--filter", "icmp and host 10.0.0.999"], says: "filter:" },
    { args: ["--at", "node-1:ens33", "--count", "100000"], says: "count: count 100000 is out of range" },
    { args: ["--at", "node-1:ens33", "--seconds", "forever"], says: "--seconds must be a number" },
    { args: [], says: "--at POINT is required" },
  ])("capture $args", async ({ args, says }, { expect }) => {
    const run = await crossnet("capture", "examples/macvlan-8021q.yaml", "--inventory", inventory, ...args);
    expect(run.out).toContain(says);
    expect(run.out).not.toMatch(/SSH|connect/i);
    expect(run.code).toBe(2);
  });

  it("trace names a container the design does not have", async ({ expect }) => {
    const run = await crossnet(
      "trace",
      "examples/macvlan-8021q.yaml",
      "--inventory",
      inventory,
      "--from",
      "bbox-11",
      "--to",
      "nope",
    );
    expect(run.out).toContain("no container 'nope' in design 'macvlan-8021q'");
    expect(run.code).toBe(2);
  });
});
