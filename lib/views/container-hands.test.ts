import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appliedSnapshot } from "../plan/testing/applied-snapshot";
import { checkTopologyText } from "../topology/check";
import {
  capBytes,
  consoleArgv,
  containerActionArgv,
  designContainerHost,
  HANDS_LIMITS,
  logsFollowArgv,
  logsTailArgv,
  parseInspectState,
  plainLogText,
  tailLines,
  termSize,
} from "./container-hands";
import { containerLiveStates, withLiveState } from "./container-live";

const macvlan = checkTopologyText(readFileSync(join(import.meta.dirname, "../../examples/macvlan.yaml"), "utf8"));
const topology = macvlan.topology;
if (!topology) throw new Error("examples/macvlan.yaml does not parse");

describe("container commands", () => {
  it("start, stop and restart are the docker commands a person types, stop with a short grace", () => {
    expect(containerActionArgv("start", "bbox-1")).toEqual(["docker", "start", "bbox-1"]);
    expect(containerActionArgv("stop", "bbox-1")).toEqual(["docker", "stop", "-t", "5", "bbox-1"]);
    expect(containerActionArgv("restart", "bbox-1")).toEqual(["docker", "restart", "-t", "5", "bbox-1"]);
  });

  it("a logs tail asks for a bounded number of lines, a follow too", () => {
    expect(logsTailArgv("bbox-1", 50)).toEqual(["docker", "logs", "--tail", "50", "bbox-1"]);
    expect(logsTailArgv("bbox-1", 1e9)).toEqual(["docker", "logs", "--tail", String(HANDS_LIMITS.tailMax), "bbox-1"]);
    expect(logsFollowArgv("bbox-1", 10)).toEqual(["docker", "logs", "--follow", "--tail", "10", "bbox-1"]);
    expect(tailLines(undefined)).toBe(HANDS_LIMITS.tailDefault);
    expect(tailLines(Number.NaN)).toBe(HANDS_LIMITS.tailDefault);
    expect(tailLines(0)).toBe(1);
    expect(tailLines(-5)).toBe(1);
    expect(tailLines(12.7)).toBe(12);
  });

  it("the console is docker exec -it NAME sh, on a terminal of bounded size", () => {
    expect(consoleArgv("bbox-2")).toEqual(["docker", "exec", "-it", "bbox-2", "sh"]);
    expect(termSize({ cols: 80, rows: 24 })).toEqual({ cols: 80, rows: 24 });
    expect(termSize({ cols: 1e6, rows: 1e6 })).toEqual({ cols: HANDS_LIMITS.colsMax, rows: HANDS_LIMITS.rowsMax });
    expect(termSize({ cols: -1, rows: Number.NaN })).toEqual({ cols: 10, rows: 2 });
  });

  it("only a container of the design can be touched, and it runs on its design host", () => {
    expect(designContainerHost(topology, "bbox-2")).toEqual({ ok: true, host: "node-2" });
    const missing = designContainerHost(topology, "dockerd-own");
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toContain("has no container 'dockerd-own'");
    expect(designContainerHost(topology, "constructor").ok).toBe(false);
    expect(designContainerHost(topology, "__proto__").ok).toBe(false);
  });

  it("a log written on a terminal reads as plain text: colours, cursor moves and carriage returns removed", () => {
    expect(plainLogText("/ # \x1b[6nhello\r\n\x1b[1;32mgreen\x1b[0m\r\n")).toBe("/ # hello\ngreen\n");
    expect(plainLogText("\x1b]0;title\x07text")).toBe("text");
    expect(plainLogText("日本 ok")).toBe("日本 ok");
  });

  it("the state read back after an action: running and each network's address; host junk is dropped", () => {
    expect(parseInspectState("true mac_net1=10.0.0.11 docker_gwbridge=172.18.0.3\n")).toEqual({
      running: true,
      addresses: { mac_net1: "10.0.0.11", docker_gwbridge: "172.18.0.3" },
    });
    expect(parseInspectState("false mac_net1=")).toEqual({ running: false, addresses: {} });
    expect(parseInspectState("maybe $(id)=1.2.3.4 -x=10.0.0.1 ok=999.1.1.1 ok=10.0.0.9 ok=10.0.0.8")).toEqual({
      running: null,
      addresses: { ok: "10.0.0.9" },
    });
  });

  it("a capped output keeps whole characters and says it cut", () => {
    expect(capBytes("hello", 10)).toEqual({ text: "hello", truncated: false });
    expect(capBytes("hello", 3)).toEqual({ text: "hel", truncated: true });
    expect(capBytes("日本", 4)).toEqual({ text: "日", truncated: true });
  });
});

describe("live state of the design's containers", () => {
  it("running with its design addresses when the hosts match the design", () => {
    const live = containerLiveStates(topology, appliedSnapshot(topology));
    expect(live).toEqual({
      "bbox-1": { host: "node-1", state: "running", addresses: { mac_net1: "10.0.0.11" } },
      "bbox-2": { host: "node-2", state: "running", addresses: { mac_net1: "10.0.0.12" } },
    });
  });

  it("stopped, missing, or unknown when its host could not be read", () => {
    const observed = appliedSnapshot(topology);
    const node1 = observed["node-1"];
    const node2 = observed["node-2"];
    if (!node1 || !node2) throw new Error("no snapshot");
    const stopped = node1.docker.containers.map((c) => ({ ...c, running: false, networks: {} }));
    const live = containerLiveStates(topology, {
      "node-1": { ...node1, docker: { ...node1.docker, containers: stopped } },
      "node-2": { ...node2, reachable: false },
    });
    expect(live["bbox-1"]).toEqual({ host: "node-1", state: "stopped", addresses: {} });
    expect(live["bbox-2"]).toEqual({ host: "node-2", state: "unknown", addresses: {} });
    const gone = containerLiveStates(topology, {
      ...observed,
      "node-2": { ...node2, docker: { ...node2.docker, containers: [] } },
    });
    expect(gone["bbox-2"]?.state).toBe("missing");
  });

  it("a stop by hand marks it stopped and drops its addresses; a start keeps the known ones", () => {
    const live = containerLiveStates(topology, appliedSnapshot(topology));
    const stopped = withLiveState(live, "bbox-1", "node-1", false, { mac_net1: "10.0.0.11" });
    expect(stopped["bbox-1"]).toEqual({ host: "node-1", state: "stopped", addresses: {} });
    expect(withLiveState(live, "bbox-1", "node-1", true, { mac_net1: "10.0.0.11" })["bbox-1"]?.addresses).toEqual({
      mac_net1: "10.0.0.11",
    });
  });
});
