import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OBSERVE_SCRIPT, splitSections } from "./host-script";

describe("splitSections", () => {
  it("frames each command's output and exit status", () => {
    const out =
      "@@crossnet-begin link\n[1]\n\n@@crossnet-end link 0\n@@crossnet-begin filter\n\n@@crossnet-end filter 1\n";
    expect(splitSections(out)).toEqual({ link: { code: 0, text: "[1]" }, filter: { code: 1, text: "" } });
  });

  it("drops unknown, unterminated and duplicated sections", () => {
    const out = [
      "@@crossnet-begin link",
      "a",
      "@@crossnet-end link 0",
      "@@crossnet-begin link",
      "b",
      "@@crossnet-end link 0",
      "@@crossnet-begin evil",
      "@@crossnet-end evil 0",
      "@@crossnet-begin route",
      "x",
    ].join("\n");
    expect(splitSections(out)).toEqual({ link: { code: 0, text: "a" } });
  });

  it("is valid POSIX sh that runs every section, even where commands are missing", () => {
    const result = spawnSync("/bin/dash", ["-c", OBSERVE_SCRIPT], {
      encoding: "utf8",
      env: { PATH: "/nonexistent", NODE_ENV: "test" },
    });
    const sections = splitSections(result.stdout);
    // ovs only where ovs-vsctl exists; daemonjson only where the file exists (lib/plan/daemon-json.ts).
    expect(Object.keys(sections)).toEqual([
      "link",
      "addr",
      "route",
      "forward",
      "filter",
      "nat",
      "mangle",
      "qdisc",
      "raw",
      ...(existsSync("/etc/docker/daemon.json") ? ["daemonjson"] : []),
      "daemonorig",
      "daemonnone",
    ]);
    expect(sections.link?.code).toBe(127);
  });
});
