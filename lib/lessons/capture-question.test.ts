import { expect, it } from "vitest";
import type { CapturedPacket, TraceResult } from "../capture/types";
import { render } from "../i18n/text";
import { loadExamples } from "../topology/testing/text";
import { checkAnswer, questionProblems, seenValues } from "./capture-question";
import { CaptureQuestionSchema } from "./schema";

const design = loadExamples().find((example) => example.file === "macvlan-8021q.yaml")?.topology;
if (!design) throw new Error("examples/macvlan-8021q.yaml is missing");

const question = CaptureQuestionSchema.parse({
  trace: { from: "bbox-11", to: "bbox-21" },
  at: "wire",
  proto: "vlan",
  field: "id",
  question: { en: "Which VLAN id?", "zh-CN": "哪个 VLAN id？" },
  choices: [10, 20],
});

const trace: TraceResult = {
  from: "bbox-11",
  to: "bbox-21",
  target: "172.16.11.12",
  verdict: "reach",
  lastSeen: "container:bbox-21",
  hops: [
    {
      at: "container:bbox-11",
      request: true,
      reply: true,
      layers: [{ proto: "eth" }, { proto: "ip" }, { proto: "icmp" }],
    },
    {
      at: "wire",
      request: true,
      reply: true,
      layers: [{ proto: "eth" }, { proto: "vlan", id: 10 }, { proto: "icmp" }],
    },
  ],
};

it("judges the answer against the value the trace saw at the point, not against the lesson", () => {
  expect(checkAnswer(question, trace, "10")).toEqual({ verdict: "right", seen: ["10"] });
  expect(checkAnswer(question, trace, "20")).toEqual({ verdict: "wrong", seen: ["10"] });
  expect(checkAnswer(question, trace, " 0x0a ")).toEqual({ verdict: "right", seen: ["10"] });
});

it("does not judge when nothing captured at the point has the field (not seen is not wrong)", () => {
  const untagged = { ...trace, hops: trace.hops.slice(0, 1) };
  expect(checkAnswer(question, untagged, "10")).toEqual({ verdict: "unseen", seen: [] });
});

it("reads captured packets at the point too, every value once in first-seen order", () => {
  const packet = (id: number, at = "wire"): CapturedPacket => ({
    at,
    time: 1,
    len: 64,
    summary: "",
    layers: [{ proto: "eth" }, { proto: "vlan", id }],
  });
  expect(checkAnswer(question, [packet(20), packet(10), packet(20), packet(30, "node-1:ens33")], "20")).toEqual({
    verdict: "right",
    seen: ["20", "10"],
  });
  expect(seenValues({ proto: "vxlan", field: "vni" }, [[{ proto: "vxlan", vni: 4097 }]])).toEqual(["4097"]);
});

it("refuses a question whose point is off the traced path, unknown, or whose containers do not exist", () => {
  expect(questionProblems(question, design)).toEqual([]);
  const offPath = questionProblems({ ...question, at: "node-1:ens33.20" }, design).map((text) => render(text, "en"));
  expect(offPath).toEqual([
    "'node-1:ens33.20' is not on the path of bbox-11 → bbox-21 (container:bbox-11, node-1:ens33.10, node-1:ens33, wire, node-2:ens32, node-2:ens32.10, container:bbox-21)",
  ]);
  expect(questionProblems({ ...question, at: "node-9:eth0" }, design).map((text) => render(text, "en"))).toEqual([
    "no capture point 'node-9:eth0' in the design",
  ]);
  expect(
    questionProblems({ ...question, trace: { from: "ghost", to: "bbox-21", by: "ip" } }, design).map((text) =>
      render(text, "en"),
    ),
  ).toEqual(["the trace's containers: no container 'ghost' in design 'macvlan-8021q'"]);
});

it("refuses a point id or protocol that could be anything else before it reaches a capture", () => {
  for (const at of ["-i eth0", "wire; id", "$(id)", "a b"])
    expect(CaptureQuestionSchema.safeParse({ ...question, at }).success, at).toBe(false);
  expect(CaptureQuestionSchema.safeParse({ ...question, proto: "vlan.id" }).success).toBe(false);
});
