import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ExpectCell } from "../expect/types";
import { plain } from "../i18n/text";
import { parsePing } from "./parse-ping";
import { actualOf, cellOf } from "./verdict";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.out`, import.meta.url), "utf8");
const ran = (name: string, exitCode: number) =>
  ({ kind: "ran", exitCode, outcome: parsePing(fixture(name)), raw: fixture(name) }) as const;

const expectation: ExpectCell = {
  from: "bbox-1",
  to: "bbox-2",
  by: "name",
  target: "bbox-2",
  network: "mac_net1",
  expected: "blocked",
  reasonCode: "dns-macvlan-across-hosts",
  reason: plain("no DNS across hosts on macvlan"),
};

describe("actualOf", () => {
  it("reach when any reply came back, blocked when none did or the name did not resolve", () => {
    expect(actualOf(ran("busybox-reach", 0))).toEqual({ actual: "reach", error: null });
    expect(actualOf(ran("iputils-partial", 0))).toEqual({ actual: "reach", error: null });
    expect(actualOf(ran("busybox-lost", 1))).toEqual({ actual: "blocked", error: null });
    expect(actualOf(ran("busybox-bad-address", 1))).toEqual({
      actual: "blocked",
      error: "ping: bad address 'bbox-2'",
    });
    expect(actualOf(ran("iputils-unreachable-net", 2))).toEqual({
      actual: "blocked",
      error: "ping: connect: Network is unreachable",
    });
  });

  it("a ping stopped by the time bound before any statistics is an error (not probed), never blocked", () => {
    const stopped = actualOf({ kind: "ran", exitCode: 124, outcome: parsePing(""), raw: "" });
    expect(stopped.actual).toBe("error");
    expect(stopped.error).toBe(
      "not probed: ping was stopped at its time bound before it printed statistics (exit 124); the host may be too busy",
    );
    const killed = "PING 10.50.2.11 (10.50.2.11) 56(84) bytes of data.\n";
    expect(actualOf({ kind: "ran", exitCode: 143, outcome: parsePing(killed), raw: killed }).actual).toBe("error");
  });

  it("no echo request sent (sent 0) is an error that says why, never blocked", () => {
    const pinger = actualOf(ran("lab-pinger-nobufs", 2));
    expect(pinger.actual).toBe("error");
    expect(pinger.error).toContain(
      "not probed: the source host could not send (crossnet-ping: sendto: No buffer space available)",
    );
    const iputils = actualOf(ran("lab-iputils-netns-nobufs", 1));
    expect(iputils).toEqual({ actual: "error", error: "not probed: no echo request was sent" });
    expect(actualOf({ kind: "ran", exitCode: 1, outcome: parsePing(""), raw: "" })).toEqual({
      actual: "error",
      error: "not probed: no echo request was sent (ping printed no statistics)",
    });
    // ENOBUFS after some packets went out: the replies may have been dropped the same way.
    const partial =
      "crossnet-ping 10.50.2.11: 1 sent, 0 received, 100% packet loss\ncrossnet-ping: sendto: No buffer space available";
    expect(actualOf({ kind: "ran", exitCode: 1, outcome: parsePing(partial), raw: partial }).actual).toBe("error");
  });

  it("sent 0 is blocked only when the network answered: no route, a refusing firewall", () => {
    expect(actualOf(ran("busybox-unreachable-net", 1)).actual).toBe("blocked");
    const refused =
      "crossnet-ping 10.50.2.11: 0 sent, 0 received, 100% packet loss\ncrossnet-ping: sendto: Operation not permitted";
    expect(actualOf({ kind: "ran", exitCode: 2, outcome: parsePing(refused), raw: refused })).toEqual({
      actual: "blocked",
      error: "crossnet-ping: sendto: Operation not permitted",
    });
  });

  it("error when the probe could not run", () => {
    expect(actualOf({ kind: "error", error: "container bbox-1 is not running", raw: "" })).toEqual({
      actual: "error",
      error: "container bbox-1 is not running",
    });
    expect(
      actualOf({ kind: "ran", exitCode: 127, outcome: parsePing("sh: ping: not found"), raw: "sh: ping: not found" }),
    ).toEqual({ actual: "error", error: "the source container has no ping command" });
  });
});

describe("cellOf", () => {
  it("passes what was expected and fails the rest, errors included", () => {
    const command = "docker exec bbox-1 timeout 2 ping -4 -c 3 -i 0.2 -W 1 -w 1 -- bbox-2";
    const blocked = cellOf(expectation, "node-1", ran("busybox-bad-address", 1), 1, command);
    expect(blocked).toEqual({
      from: "bbox-1",
      to: "bbox-2",
      by: "name",
      target: "bbox-2",
      network: "mac_net1",
      host: "node-1",
      expected: "blocked",
      reasonCode: "dns-macvlan-across-hosts",
      reason: plain("no DNS across hosts on macvlan"),
      actual: "blocked",
      sent: 0,
      received: 0,
      lossPct: 100,
      rttMs: null,
      verdict: "pass",
      diagnosis: null,
      error: "ping: bad address 'bbox-2'",
      rawOutput: "ping: bad address 'bbox-2'\n",
      command,
      attempts: 1,
    });
    expect(cellOf(expectation, "node-1", ran("busybox-reach", 0), 2, command)).toMatchObject({
      actual: "reach",
      verdict: "fail",
      rttMs: { min: 0.05, avg: 0.058, max: 0.067 },
      attempts: 2,
    });
    expect(cellOf(expectation, "node-1", { kind: "error", error: "x", raw: "" }, 1, command)).toMatchObject({
      actual: "error",
      verdict: "fail",
    });
  });
});
