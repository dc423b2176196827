import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { render } from "../i18n/text";
import { readLessons } from "./files";
import type { Lesson } from "./schema";
import { ROOT } from "./testing/designs";

/**
 * Every lessons/*.yaml: valid against the lesson schema AND its topology (every container, network, host
 * and plan step it names exists), its id its file name, every sentence in both languages; one lesson per
 * experiment of the tutorial; break-and-fix exercises among them.
 */

const files = readLessons(ROOT);
const lessons = files.flatMap((file) => (file.loaded.ok ? [file.loaded.lesson] : []));

it("finds the lesson files", () => {
  const yaml = readdirSync(join(ROOT, "lessons")).filter((file) => file.endsWith(".yaml"));
  expect(files.map((file) => file.file)).toEqual(yaml.sort().map((file) => `lessons/${file}`));
});

describe.each(files)("$file", ({ loaded }) => {
  it("is valid against its schema and its topology", () => {
    const problems = loaded.ok ? [] : loaded.problems.map((p) => `${p.path.join(".")}: ${render(p.text, "en")}`);
    expect(problems).toEqual([]);
  });
});

function sentences(lesson: Lesson) {
  return [
    lesson.title,
    lesson.summary,
    ...lesson.steps.flatMap((step) => [step.title, step.body, ...(step.takeaway ? [step.takeaway] : [])]),
  ];
}

it("every sentence is in English and in Chinese", () => {
  for (const lesson of lessons)
    for (const text of sentences(lesson)) {
      expect(text.en, lesson.id).toMatch(/[A-Za-z]/);
      expect(text["zh-CN"], `${lesson.id}: ${text.en}`).toMatch(/[\u4e00-\u9fff]/);
    }
});

it("one lesson per experiment of the tutorial, in its order", () => {
  const topologies = [...lessons].sort((a, b) => a.order - b.order).map((lesson) => lesson.topology);
  expect(topologies).toEqual([
    "examples/macvlan.yaml",
    "examples/macvlan-8021q.yaml",
    "examples/overlay-kv.yaml",
    "examples/overlay-swarm.yaml",
    "examples/overlay-isolation.yaml",
    "examples/bridge-routed.yaml",
    "examples/ovs-vxlan.yaml",
  ]);
});

it("has break-and-fix exercises for every fault kind, and every lesson asks for predictions", () => {
  const kinds = lessons.flatMap((lesson) => lesson.steps.flatMap((step) => (step.fault ? [step.fault.kind] : [])));
  expect(new Set(kinds)).toEqual(new Set(["link-down", "route-removed", "container-detached", "wrong-vlan"]));
  for (const lesson of lessons)
    expect(
      lesson.steps.some((step) => step.predict?.length),
      lesson.id,
    ).toBe(true);
});
