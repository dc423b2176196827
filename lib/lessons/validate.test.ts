import { expect, it } from "vitest";
import { render } from "../i18n/text";
import { exampleReader } from "./files";
import { type LoadedLesson, loadLessonText } from "./load";
import { ROOT } from "./testing/designs";

const readExample = exampleReader(ROOT);

function problems(loaded: LoadedLesson): string[] {
  return loaded.ok ? [] : loaded.problems.map((p) => `${p.path.join(".")}: ${render(p.text, "en")}`);
}

function lesson(steps: string, topology = "examples/macvlan.yaml"): LoadedLesson {
  return loadLessonText(
    `
id: test
order: 1
title: { en: T, zh-CN: 标题 }
summary: { en: S, zh-CN: 摘要 }
topology: ${topology}
steps:
${steps}`,
    readExample,
  );
}

const text = "title: { en: T, zh-CN: 标题 }\n    body: { en: B, zh-CN: 正文 }";

it("a lesson that fits its topology loads, with the design's text", () => {
  const loaded = lesson(
    `  - id: a\n    ${text}\n    apply: [{ kind: create-network }]\n    predict: [{ from: bbox-1, to: bbox-2, by: ip }]`,
  );
  expect(problems(loaded)).toEqual([]);
  expect(loaded.ok && loaded.topologyText).toContain("name: macvlan");
});

it("names that are not in the topology are reported where they are written", () => {
  const loaded = lesson(`  - id: a
    ${text}
    apply: [{ resource: "network:mac_net9@node-1" }, { resource: "container:bbox-1@node-7" }, { kind: swarm-init }]
    predict: [{ from: bbox-1, to: ghost, by: ip }, { from: bbox-1, to: bbox-2, by: ip, network: mac_net9 }]`);
  expect(problems(loaded)).toEqual([
    "steps.0.apply.0: no network 'mac_net9' in the topology",
    "steps.0.apply.1: no host 'node-7' in the topology",
    "steps.0.apply.2: no step of the plan matches swarm-init",
    "steps.0.predict.0: no container 'ghost' in the topology",
    "steps.0.predict.1: no network 'mac_net9' in the topology",
  ]);
});

it("faults must be possible in the design and come with the pings that show them", () => {
  const loaded = lesson(`  - id: a
    ${text}
    fault: { kind: route-removed, host: node-1, network: mac_net1 }
  - id: b
    ${text}
    fault: { kind: wrong-vlan, container: bbox-1, network: mac_net1 }
    predict: [{ from: bbox-1, to: bbox-2, by: ip }]
  - id: c
    ${text}
    fault: { kind: link-down, host: node-1, nic: eth9 }
    predict: [{ from: bbox-1, to: bbox-2, by: ip }]
  - id: c
    ${text}
    fault: { kind: container-detached, container: bbox-1, network: mac_net1 }
    predict: [{ from: bbox-1, to: bbox-1, by: ip }]`);
  expect(problems(loaded)).toEqual([
    "steps.0.fault: mac_net1 is not a bridge routed between hosts on node-1: it has no route to remove",
    "steps.0.predict: a fault needs the pings that show it (predict)",
    "steps.1.fault: bbox-1 is already on mac_net1 in the design",
    "steps.2.fault: host 'node-1' has no NIC or VLAN sub-interface 'eth9'",
    "steps.3.id: step id 'c' is used twice",
    "steps.3.predict.0: a container does not ping itself here: pick two containers",
  ]);
});

it("a ping by IP to a container on two networks must say which", () => {
  const loaded = lesson(
    `  - id: a\n    ${text}\n    predict: [{ from: bbox-1, to: bbox-3, by: ip }, { from: bbox-1, to: bbox-3, by: name, network: ov_net1 }]`,
    "examples/overlay-isolation.yaml",
  );
  expect(problems(loaded)).toEqual([
    "steps.0.predict.0: bbox-3 is on ov_net2, ov_net1: say which network to ping it on",
    "steps.0.predict.1: a ping by name takes no network: Docker's DNS picks it",
  ]);
});

it("the schema refuses free-form commands, unknown fault kinds and a missing language", () => {
  const loaded = lesson(`  - id: a
    title: { en: T }
    body: { en: B, zh-CN: 正文 }
    fault: { kind: shell, command: "rm -rf /" }
    run: "ip link set ens33 down"`);
  expect(problems(loaded)).toEqual([
    "steps.0.title.zh-CN: Invalid input: expected string, received undefined",
    "steps.0.fault.kind: Invalid discriminator value. Expected 'link-down' | 'route-removed' | 'container-detached' | 'wrong-vlan' | 'link-loss'",
    'steps.0: Unrecognized key: "run"',
  ]);
});

it("a topology is an examples/ file (no other path) or an inline design checked like any design", () => {
  expect(problems(lesson(`  - id: a\n    ${text}`, "../etc/passwd.yaml"))[0]).toContain("topology");
  expect(problems(lesson(`  - id: a\n    ${text}`, "examples/nope.yaml"))).toEqual([
    "topology: there is no examples/nope.yaml",
  ]);
  const inline = `{ name: tiny, hosts: { h1: { nics: { eth0: {} } } }, containers: { c1: { host: h1, image: busybox, networks: { n1: {} } } } }`;
  expect(problems(lesson(`  - id: a\n    ${text}`, inline))).toEqual([
    "topology.containers.c1.networks.n1: container 'c1' is attached to network 'n1', which is not in networks",
  ]);
});
