import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseTopologyText } from "../topology/parse";
import { findLabLeftovers, labDown, labSpecFromTopology, labUp } from "./index";
import { daemonLogFile } from "./paths";

/**
 * Five hosts on one KV-store overlay (the shape of fuzz seed 3007 design 0, where c1/c2 on node-4 and
 * c3 on node-5 never reached each other): dockerd 20.10 joins exactly one serf neighbour in its life,
 * so dockerds started together could split into gossip groups that never merge (2 of 8 bring-ups).
 */
const design = `
name: kv-gossip
hosts:
  node-1: { nics: { ens33: { address: 192.168.0.11/24 } } }
  node-2: { nics: { ens33: { address: 192.168.0.12/24 } } }
  node-3: { nics: { ens33: { address: 192.168.0.13/24 } } }
  node-4: { nics: { enp0s3: { address: 192.168.0.14/24 } } }
  node-5: { nics: { ens33: { address: 192.168.0.15/24 } } }
networks:
  kv1: { driver: overlay, control: { kv: "etcd://node-1:2379" } }
`;
const HOSTS = ["node-1", "node-2", "node-3", "node-4", "node-5"];
const BRING_UPS = 3;

/** dockerd's log lines as (time, message). */
function logLines(host: string): { at: number; msg: string }[] {
  return readFileSync(daemonLogFile(host, "dockerd"), "utf8")
    .split("\n")
    .flatMap((line) => {
      const match = /time="([^"]+)".*msg="(.*)"/.exec(line);
      return match?.[1] && match[2] !== undefined ? [{ at: Date.parse(match[1]), msg: match[2] }] : [];
    });
}

/** The hosts a dockerd's serf has seen join (itself included), from its log. */
function serfMembers(host: string): string[] {
  const members = logLines(host).flatMap(({ msg }) => {
    const match = /serf: EventMemberJoin: (\S+)/.exec(msg);
    return match?.[1] ? [match[1]] : [];
  });
  return [...new Set(members)].sort();
}

/** When a dockerd started, and when its own serf came up (its own EventMemberJoin). */
function startAndGossip(host: string): { host: string; started: number; gossiping: number } {
  const lines = logLines(host);
  const started = lines[0]?.at ?? Number.NaN;
  const gossiping = lines.find(({ msg }) => msg.includes(`serf: EventMemberJoin: ${host} `))?.at ?? Number.NaN;
  return { host, started, gossiping };
}

const dir = mkdtempSync(join(tmpdir(), "cn-kv-gossip-"));
let up = false;

afterAll(async () => {
  if (up) await labDown();
  rmSync(dir, { recursive: true, force: true });
});

describe("a lab of five hosts on one KV-store overlay (Docker 20.10)", () => {
  it(
    `starts the dockerds one at a time, each after the previous one gossips, so every dockerd sees all five (${BRING_UPS} bring-ups)`,
    async () => {
      const topology = parseTopologyText(design).topology;
      if (!topology) throw new Error("test design does not parse");
      const spec = labSpecFromTopology(topology, "20.10");
      for (let round = 0; round < BRING_UPS; round++) {
        await labUp(spec, { inventoryPath: join(dir, "inventory.yaml") });
        up = true;
        const order = HOSTS.map(startAndGossip).sort((a, b) => a.started - b.started);
        for (const [index, host] of order.entries()) {
          expect(Number.isNaN(host.gossiping), `${host.host}'s serf never came up`).toBe(false);
          const before = order[index - 1];
          if (before)
            expect(host.started, `${host.host} started before ${before.host}'s gossip was up`).toBeGreaterThanOrEqual(
              before.gossiping,
            );
        }
        // The last dockerd's join reaches everyone through gossip; give it a moment to spread.
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline && !HOSTS.every((host) => serfMembers(host).length === HOSTS.length))
          await new Promise((resolve) => setTimeout(resolve, 200));
        for (const host of HOSTS) expect(serfMembers(host), `${host}'s gossip members`).toEqual(HOSTS);
        const down = await labDown();
        up = false;
        expect(down.warnings).toEqual([]);
      }
      expect(await findLabLeftovers(HOSTS)).toEqual([]);
    },
    10 * 60_000,
  );
});
