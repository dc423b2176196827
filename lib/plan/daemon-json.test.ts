import { expect, it } from "vitest";
import { example } from "../topology/testing/text";
import { dockerCmd } from "./commands";
import { mergeDaemonJson } from "./daemon-json";
import type { Observed } from "./observed";
import { planDestroy, planTopology } from "./plan";
import { appliedSnapshot } from "./testing/applied-snapshot";

const SETTINGS = { "cluster-store": "etcd://192.168.0.101:2379", "cluster-advertise": "ens32:2376" };

it("merging keeps every other key of daemon.json, in its place, and changes only the cluster settings", () => {
  const existing = '{"log-level":"warn","tlsverify":true,"cluster-store":"etcd://10.9.9.9:2379","labels":["rack=a"]}';
  const merged = mergeDaemonJson({ text: existing }, SETTINGS);
  expect(merged).toEqual({
    ok: true,
    changed: true,
    text: `${JSON.stringify(
      {
        "log-level": "warn",
        tlsverify: true,
        "cluster-store": "etcd://192.168.0.101:2379",
        labels: ["rack=a"],
        "cluster-advertise": "ens32:2376",
      },
      null,
      2,
    )}\n`,
  });
});

it("a daemon.json that already says it is left unchanged; an empty or missing one gets just the settings", () => {
  expect(mergeDaemonJson({ text: JSON.stringify({ ...SETTINGS, debug: true }) }, SETTINGS)).toMatchObject({
    ok: true,
    changed: false,
  });
  for (const observed of [{}, { text: "" }, { text: "\n" }])
    expect(mergeDaemonJson(observed, SETTINGS)).toEqual({
      ok: true,
      changed: true,
      text: `${JSON.stringify(SETTINGS, null, 2)}\n`,
    });
});

it("a daemon.json that is not one JSON object, or could not be read, is refused rather than overwritten", () => {
  for (const [text, reason] of [
    ["{ nope", /not valid JSON/],
    ["[1,2]", /not a JSON object/],
    ["null", /not a JSON object/],
  ] as const) {
    const merged = mergeDaemonJson({ text }, SETTINGS);
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.reason.en).toMatch(reason);
  }
  const unreadable = mergeDaemonJson({ unreadable: "larger than 262144 bytes" }, SETTINGS);
  expect(unreadable.ok).toBe(false);
});

/** overlay-kv after apply, except that node-2's dockerd has no cluster store and its daemon.json is `text`. */
function node2WithDaemonJson(daemonJson: NonNullable<Observed[string]["daemonJson"]>): Observed {
  const topology = example("overlay-kv.yaml");
  const observed = appliedSnapshot(topology);
  const node2 = observed["node-2"];
  if (!node2) throw new Error("no node-2");
  delete node2.docker.clusterStore;
  delete node2.docker.clusterAdvertise;
  node2.daemonJson = daemonJson;
  return observed;
}

it("apply backs up the host's daemon.json, then writes it merged (not replaced), then restarts dockerd", () => {
  const topology = example("overlay-kv.yaml");
  const steps = planTopology(topology, node2WithDaemonJson({ text: '{ "log-level": "warn" }\n' })).steps;
  expect(steps.map((step) => `${step.host} ${step.kind} ${step.argv.join(" ")}`)).toEqual([
    "node-2 backup-daemon-json cp -p /etc/docker/daemon.json /etc/docker/daemon.json.crossnet-orig",
    "node-2 set-cluster-store tee /etc/docker/daemon.json",
    "node-2 restart-docker systemctl restart docker",
    `node-2 wait-gossip ${dockerCmd.waitGossip().join(" ")}`,
  ]);
  expect(JSON.parse(steps[1]?.stdin ?? "")).toEqual({
    "log-level": "warn",
    "cluster-store": "etcd://192.168.0.101:2379",
    "cluster-advertise": "ens32:2376",
  });
});

it("a backup already there is never overwritten; no file before is noted with a marker", () => {
  const topology = example("overlay-kv.yaml");
  const kinds = (observed: Observed) =>
    planTopology(topology, observed).steps.map((step) => `${step.kind} ${step.argv.join(" ")}`);
  expect(kinds(node2WithDaemonJson({ text: "{}", backup: "copy" }))).toEqual([
    "set-cluster-store tee /etc/docker/daemon.json",
    "restart-docker systemctl restart docker",
    `wait-gossip ${dockerCmd.waitGossip().join(" ")}`,
  ]);
  expect(kinds(node2WithDaemonJson({}))[0]).toBe("backup-daemon-json touch /etc/docker/daemon.json.crossnet-none");
});

it("a daemon.json that cannot be merged is a conflict naming the host and file, and nothing is written there", () => {
  const topology = example("overlay-kv.yaml");
  const plan = planTopology(topology, node2WithDaemonJson({ text: "not json" }));
  expect(plan.steps.filter((step) => step.host === "node-2")).toEqual([]);
  expect(plan.conflicts.map((conflict) => conflict.message.en)).toEqual([
    expect.stringMatching(/^node-2's \/etc\/docker\/daemon\.json cannot be merged: it is not valid JSON/),
  ]);
});

it("destroy puts the original daemon.json back (or removes the written one) and restarts dockerd", () => {
  const topology = example("overlay-kv.yaml");
  const observed = appliedSnapshot(topology);
  const [node2, node3] = [observed["node-2"], observed["node-3"]];
  if (!node2 || !node3) throw new Error("hosts missing");
  node2.daemonJson = { text: "{}", backup: "copy" };
  node3.daemonJson = { text: "{}", backup: "none" };
  const steps = planDestroy(topology, observed)
    .steps.filter((step) => step.kind === "restore-daemon-json" || step.kind === "restart-docker")
    .map((step) => `${step.host} ${step.kind} ${step.argv.join(" ")}`);
  expect(steps).toEqual([
    "node-2 restore-daemon-json mv -f /etc/docker/daemon.json.crossnet-orig /etc/docker/daemon.json",
    "node-2 restart-docker systemctl restart docker",
    "node-3 restore-daemon-json rm -f /etc/docker/daemon.json /etc/docker/daemon.json.crossnet-none",
    "node-3 restart-docker systemctl restart docker",
  ]);
  // Without a backup (Crossnet never wrote there) destroy leaves daemon.json alone.
  expect(planDestroy(topology, appliedSnapshot(topology)).steps.map((step) => step.kind)).not.toContain(
    "restore-daemon-json",
  );
});

it("restarts a KV overlay's dockerds one at a time: each waits for the previous host's gossip (serf) to listen", () => {
  // dockerd 20.10 joins one gossip neighbour for life: restarted together, dockerds could split into
  // groups whose containers never learn of each other (fuzz seed 3007 design 0).
  const plan = planTopology(example("overlay-kv.yaml"), {});
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const restarts = plan.steps.filter((step) => step.kind === "restart-docker");
  expect(restarts.map((step) => step.host)).toEqual(["node-2", "node-3"]);
  for (const [index, restart] of restarts.entries()) {
    const wait = plan.steps.find((step) => step.kind === "wait-gossip" && step.host === restart.host);
    expect(wait?.dependsOn).toEqual([restart.id]);
    const previous = restarts[index - 1];
    const previousWait =
      previous && plan.steps.find((step) => step.kind === "wait-gossip" && step.host === previous.host);
    if (previousWait) expect(restart.dependsOn).toContain(previousWait.id);
    else expect(restart.dependsOn?.every((id) => byId.get(id)?.kind !== "wait-gossip")).toBe(true);
  }
  expect(dockerCmd.waitGossip().join(" ")).toMatch(/1F0A .* 0A .*\/proc\/net\/tcp.*-ge 150.*sleep 0\.2/);
});
