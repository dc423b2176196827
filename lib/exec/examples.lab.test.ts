import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyTopology, destroyTopology, statusTopology } from "../app/converge";
import type { LabEngine } from "../lab/index";
import { ovsInterfaceFor } from "../plan/plan-containers";
import { labPerSuite } from "../probe/testing/lab-design";
import { entries } from "../topology/model";
import type { Topology } from "../topology/schema";
import { convergeOptions, loadExample, onHost } from "./testing/lab";

const files = readdirSync(join(import.meta.dirname, "..", "..", "examples"))
  .filter((file) => file.endsWith(".yaml"))
  .sort();

/** Examples whose mechanism Docker 26 lacks: the KV-store overlay (--cluster-store was removed in 23). */
const ONLY_20_10 = new Set(["overlay-kv.yaml"]);
/** Also on 20.10 (the engine of the KV experiment), beyond what 26 cannot run: swarm and VLAN macvlan. */
const ALSO_20_10 = ["overlay-swarm.yaml", "macvlan-8021q.yaml"];

/**
 * Every example on Docker 26 but the KV overlay; on 20.10 the KV overlay and two more. Both engines'
 * plans are the same commands (lib/plan/engine.ts), so running all seven twice would mostly repeat.
 */
const runs: [LabEngine, string][] = [
  ...files.filter((file) => !ONLY_20_10.has(file)).map((file): [LabEngine, string] => ["26", file]),
  ...files
    .filter((file) => ONLY_20_10.has(file) || ALSO_20_10.includes(file))
    .map((file): [LabEngine, string] => ["20.10", file]),
];

/** Docker on a lab host, without SSH: what is really there. */
const docker = (host: string, ...argv: string[]) => onHost(host, ["docker", ...argv]).then((out) => out.trim());

/** Checks every container of the design on its host: running, labelled, on its networks, fixed addresses. */
async function expectBuilt(topology: Topology): Promise<void> {
  for (const [name, container] of entries(topology.containers)) {
    const state = await docker(
      container.host,
      "inspect",
      "-f",
      '{{.State.Running}}|{{index .Config.Labels "crossnet.topology"}}',
      name,
    );
    expect(state, `${name} on ${container.host}`).toBe(`true|${topology.name}`);
    for (const [network, attachment] of entries(container.networks)) {
      const definition = topology.networks?.[network];
      if (definition?.driver === "ovs") {
        // ovs-docker plugs its own interface into it (eth1 as in the tutorial, or named after the bridge);
        // Docker itself does not know that network.
        const iface = ovsInterfaceFor(topology, container, network);
        const addresses = await docker(container.host, "exec", name, "ip", "-o", "-4", "addr", "show", iface);
        expect(addresses, `${name} on ${network}`).toMatch(attachment.ip ? ` ${attachment.ip}/` : /inet \d/);
        continue;
      }
      const ip = await docker(
        container.host,
        "inspect",
        "-f",
        `{{with index .NetworkSettings.Networks "${network}"}}{{.IPAddress}}{{end}}`,
        name,
      );
      expect(ip, `${name} on ${network}`).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      if (attachment.ip) expect(ip, `${name} on ${network}`).toBe(attachment.ip);
    }
  }
  for (const [hostName, host] of entries(topology.hosts)) {
    for (const [nic, spec] of entries(host.nics)) {
      if (spec.promisc) expect(await onHost(hostName, ["ip", "-o", "link", "show", nic])).toContain("PROMISC");
    }
  }
}

async function labelled(topology: Topology): Promise<string[]> {
  const found: string[] = [];
  for (const host of Object.keys(topology.hosts)) {
    const names = await docker(
      host,
      "ps",
      "-a",
      "--filter",
      `label=crossnet.topology=${topology.name}`,
      "--format",
      "{{.Names}}",
    );
    found.push(
      ...names
        .split("\n")
        .filter(Boolean)
        .map((name) => `${name}@${host}`),
    );
  }
  return found.sort();
}

describe.each(runs)("Docker %s: examples/%s on the lab", (engine, file) => {
  const topology = loadExample(file);
  const session = labPerSuite("the examples lab tests", topology, { apply: false, docker: engine });

  it("applies, re-applies as a no-op, repairs drift, and destroys only what it created", async () => {
    const applied = await applyTopology(topology, convergeOptions(session()));
    expect(applied.run?.failures ?? [], "first apply").toEqual([]);
    expect(applied.status).toBe("done");
    expect(applied.remaining?.steps ?? [], "plan after apply").toEqual([]);
    expect(applied.converged).toBe(true);
    await expectBuilt(topology);

    const again = await applyTopology(topology, convergeOptions(session()));
    expect(again.plan.steps, "second apply").toEqual([]);
    expect(again.status).toBe("done");

    const [victim, container] = entries(topology.containers)[0] ?? [];
    if (victim && container) {
      await docker(container.host, "rm", "-f", victim);
      const drift = await statusTopology(topology, convergeOptions(session()));
      expect(drift.inSync).toBe(false);
      expect(drift.drift.steps.map((step) => step.resourceId)).toContain(`container:${victim}@${container.host}`);
      const repaired = await applyTopology(topology, convergeOptions(session()));
      expect(repaired.status).toBe("done");
      expect(repaired.converged).toBe(true);
      await expectBuilt(topology);
    }

    const [bystanderHost] = Object.keys(topology.hosts);
    if (!bystanderHost) throw new Error("design without hosts");
    const image = container?.image ?? "busybox";
    await docker(bystanderHost, "run", "-d", "--name", "bystander", image, "sleep", "600");

    const destroyed = await destroyTopology(topology, convergeOptions(session()));
    expect(destroyed.run?.failures ?? [], "destroy").toEqual([]);
    expect(destroyed.status).toBe("done");
    expect(destroyed.converged).toBe(true);
    expect(await labelled(topology)).toEqual([]);
    expect(await docker(bystanderHost, "inspect", "-f", "{{.State.Running}}", "bystander")).toBe("true");

    const twice = await destroyTopology(topology, convergeOptions(session()));
    expect(twice.plan.steps, "second destroy").toEqual([]);
    await docker(bystanderHost, "rm", "-f", "bystander");
  });
});
