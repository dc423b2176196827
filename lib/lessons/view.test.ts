import { expect, it } from "vitest";
import { readLesson } from "./files";
import { ROOT } from "./testing/designs";
import { lessonView } from "./view";

function view(id: string, locale: "en" | "zh-CN") {
  const loaded = readLesson(ROOT, id);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  return lessonView(loaded.lesson, loaded.topology, loaded.topologyText, locale);
}

it("a step shows its plan steps with the command and the explanation, in the reader's language", () => {
  const en = view("macvlan", "en").steps.find((step) => step.id === "network");
  expect(en?.commands.real.map((command) => `${command.host}: ${command.command}`)).toEqual([
    "node-1: docker network create -d macvlan --subnet 10.0.0.0/24 --gateway 10.0.0.1 -o parent=ens33 --label crossnet.topology=macvlan mac_net1",
    "node-2: docker network create -d macvlan --subnet 10.0.0.0/24 --gateway 10.0.0.1 -o parent=ens33 --label crossnet.topology=macvlan mac_net1",
  ]);
  expect(en?.commands.real[0]?.explain).toMatch(/^Creates macvlan network mac_net1 on node-1 with parent ens33/);
  const zh = view("macvlan", "zh-CN").steps.find((step) => step.id === "network");
  expect(zh?.title).toBe("两台主机上创建同一个 macvlan 网络");
  expect(zh?.commands.real[0]?.explain).toMatch(/^在 node-1 上以 ens33 为父接口创建 macvlan 网络 mac_net1/);
  expect(zh?.commands.real[0]?.command).toBe(en?.commands.real[0]?.command);
});

it("a step lists as needed first only what no earlier step covers", () => {
  const steps = view("overlay-isolation", "en").steps;
  expect(steps.flatMap((step) => step.commands.real.filter((command) => command.needed))).toEqual([]);
  const connect = steps.find((step) => step.id === "connect");
  expect(connect?.commands.real.map((command) => command.command)).toEqual(["docker network connect ov_net1 bbox-3"]);
});

it("the lab's plan differs where the lab differs (kernel vxlan devices for userspace OVS)", () => {
  const tunnel = view("ovs-vxlan", "en").steps.find((step) => step.id === "tunnel");
  expect(tunnel?.commands.real.map((command) => command.kind)).toEqual(["add-ovs-tunnel", "add-ovs-tunnel"]);
  expect(tunnel?.commands.lab.map((command) => command.kind)).toContain("create-tunnel-link");
});

it("pings carry the design's expectation and its reason, translated", () => {
  const ping = view("macvlan", "zh-CN").steps.find((step) => step.id === "ping");
  expect(ping?.pings).toEqual([
    {
      from: "bbox-1",
      to: "bbox-2",
      by: "ip",
      target: "10.0.0.12",
      expected: "reach",
      reason: "同属 macvlan 网络 mac_net1：node-1 上的父接口 ens33 和 node-2 上的父接口 ens33 在同一个二层网段",
    },
    {
      from: "bbox-1",
      to: "bbox-2",
      by: "name",
      target: "bbox-2",
      expected: "bad-address",
      reason: "macvlan 不能跨主机做 DNS 解析：node-1 的 Docker 不认识 node-2 上的 bbox-2（ping: bad address）；请用 IP",
    },
  ]);
});

it("a fault offers one answer per kind and tells, once found, what was done and how to undo it", () => {
  const fault = view("overlay-isolation", "zh-CN").steps.find((step) => step.id === "detached")?.fault;
  expect(fault).toEqual({
    kind: "container-detached",
    choices: [
      { kind: "link-down", label: "有台主机的网卡处于关闭（down）状态" },
      { kind: "route-removed", label: "主机之间缺了一条路由" },
      { kind: "container-detached", label: "有个容器没有接在它的网络上" },
      { kind: "wrong-vlan", label: "有个容器接到了错误的 VLAN 上" },
      { kind: "link-loss", label: "某台主机的链路在丢包" },
    ],
    description: "node-2 上的 bbox-3 被从 ov_net1 断开了",
    fix: [{ host: "node-2", command: "docker network connect ov_net1 bbox-3" }],
  });
});

it("Chinese text loses the spaces folded YAML lines leave between Chinese characters, and keeps the others", () => {
  const summary = view("overlay-kv", "zh-CN").summary;
  expect(summary).toContain("在一台主机上创建的");
  expect(summary).toContain("（教程用 Consul，这里用 etcd）");
  expect(view("overlay-kv", "en").summary).toContain("an overlay created on one host");
});
