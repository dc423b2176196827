import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePing } from "./parse-ping";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.out`, import.meta.url), "utf8");

describe("parsePing on busybox output", () => {
  it("reads counts and RTT of a reply to every packet", () => {
    expect(parsePing(fixture("busybox-reach"))).toEqual({
      flavour: "busybox",
      sent: 3,
      received: 3,
      lossPct: 0,
      rttMs: { min: 0.05, avg: 0.058, max: 0.067 },
      error: null,
      resolved: true,
    });
  });

  it("reads partial loss", () => {
    expect(parsePing(fixture("busybox-partial"))).toMatchObject({
      sent: 4,
      received: 2,
      lossPct: 50,
      rttMs: { min: 0.057, avg: 0.059, max: 0.062 },
    });
  });

  it("reads total loss without an RTT line", () => {
    expect(parsePing(fixture("busybox-lost"))).toEqual({
      flavour: "busybox",
      sent: 3,
      received: 0,
      lossPct: 100,
      rttMs: null,
      error: null,
      resolved: true,
    });
    expect(parsePing(fixture("busybox-host-unreachable"))).toMatchObject({ sent: 3, received: 0, lossPct: 100 });
  });

  it("keeps 'bad address' verbatim and marks the name unresolved", () => {
    expect(parsePing(fixture("busybox-bad-address"))).toEqual({
      flavour: "unknown",
      sent: 0,
      received: 0,
      lossPct: 100,
      rttMs: null,
      error: "ping: bad address 'bbox-2'",
      resolved: false,
    });
  });

  it("keeps a send error when no statistics follow", () => {
    expect(parsePing(fixture("busybox-unreachable-net"))).toMatchObject({
      sent: 0,
      received: 0,
      error: "ping: sendto: Network is unreachable",
      resolved: true,
    });
  });
});

describe("parsePing on iputils output", () => {
  it("reads counts and RTT (without mdev)", () => {
    expect(parsePing(fixture("iputils-reach"))).toEqual({
      flavour: "iputils",
      sent: 3,
      received: 3,
      lossPct: 0,
      rttMs: { min: 0.01, avg: 0.027, max: 0.038 },
      error: null,
      resolved: true,
    });
  });

  it("reads partial loss (iputils keeps sending until -c replies or the deadline)", () => {
    expect(parsePing(fixture("iputils-partial"))).toMatchObject({ sent: 8, received: 4, lossPct: 50 });
  });

  it("reads total loss, and '+N errors' with the ICMP error text", () => {
    expect(parsePing(fixture("iputils-lost"))).toMatchObject({ sent: 5, received: 0, lossPct: 100, rttMs: null });
    expect(parsePing(fixture("iputils-host-unreachable"))).toMatchObject({
      sent: 12,
      received: 0,
      lossPct: 100,
      error: "Destination Host Unreachable",
    });
  });

  it("recognises a failed name lookup", () => {
    expect(parsePing(fixture("iputils-bad-address"))).toMatchObject({
      received: 0,
      error: "ping: bbox-2: Temporary failure in name resolution",
      resolved: false,
    });
  });

  it("keeps a connect error", () => {
    expect(parsePing(fixture("iputils-unreachable-net"))).toMatchObject({
      sent: 0,
      error: "ping: connect: Network is unreachable",
    });
  });
});

describe("parsePing on cut-short output", () => {
  it("counts the replies seen when ping was killed before its statistics", () => {
    const text = [
      "PING 10.0.0.12 (10.0.0.12): 56 data bytes",
      "64 bytes from 10.0.0.12: seq=0 ttl=64 time=0.867 ms",
      "64 bytes from 10.0.0.12: seq=1 ttl=64 time=1.074 ms",
    ].join("\n");
    expect(parsePing(text)).toEqual({
      flavour: "busybox",
      sent: 2,
      received: 2,
      lossPct: 0,
      rttMs: { min: 0.867, avg: 0.971, max: 1.074 },
      error: null,
      resolved: true,
    });
  });

  it("reads nothing from empty or foreign output", () => {
    expect(parsePing("")).toMatchObject({ flavour: "unknown", sent: 0, received: 0, lossPct: 100, rttMs: null });
    expect(parsePing("sh: ping: not found")).toMatchObject({ received: 0, error: null });
  });

  it("does not take a forged statistics line with absurd numbers", () => {
    expect(parsePing("99999999999 packets transmitted, 1 packets received, 0% packet loss")).toMatchObject({
      flavour: "unknown",
      received: 0,
    });
  });
});

describe("parsePing on outputs captured on the lab", () => {
  it("busybox in a container: reply, unknown name, no reply", () => {
    expect(parsePing(fixture("lab-busybox-reach"))).toMatchObject({
      flavour: "busybox",
      sent: 3,
      received: 3,
      rttMs: { min: 0.093, avg: 0.113, max: 0.126 },
    });
    expect(parsePing(fixture("lab-busybox-bad-address"))).toMatchObject({
      error: "ping: bad address 'c-02'",
      resolved: false,
    });
    expect(parsePing(fixture("lab-busybox-lost"))).toMatchObject({ sent: 3, received: 0, lossPct: 100, rttMs: null });
  });

  it("the host's iputils in a container's network namespace, quiet", () => {
    expect(parsePing(fixture("lab-iputils-netns-quiet"))).toMatchObject({
      flavour: "iputils",
      sent: 3,
      received: 3,
      rttMs: { min: 0.087, avg: 0.09, max: 0.093 },
    });
    expect(parsePing(fixture("lab-iputils-netns-quiet-lost"))).toMatchObject({ sent: 5, received: 0, lossPct: 100 });
  });

  it("iputils that could send nothing (neighbour table full): statistics without a loss figure", () => {
    expect(parsePing(fixture("lab-iputils-netns-nobufs"))).toEqual({
      flavour: "iputils",
      sent: 0,
      received: 0,
      lossPct: 100,
      rttMs: null,
      error: null,
      resolved: true,
    });
  });

  it("the host's pinger when sending failed for lack of buffer space", () => {
    expect(parsePing(fixture("lab-pinger-nobufs"))).toMatchObject({
      flavour: "crossnet",
      sent: 0,
      error: "crossnet-ping: sendto: No buffer space available",
    });
  });
});

describe("parsePing on the host pinger's output", () => {
  it("reads its counts, RTT and send errors", () => {
    const reached =
      "crossnet-ping 10.0.0.12: 3 sent, 3 received, 0% packet loss\nrtt min/avg/max = 0.089/0.156/0.289 ms";
    expect(parsePing(reached)).toEqual({
      flavour: "crossnet",
      sent: 3,
      received: 3,
      lossPct: 0,
      rttMs: { min: 0.089, avg: 0.156, max: 0.289 },
      error: null,
      resolved: true,
    });
    const unsent =
      "crossnet-ping 192.0.2.9: 0 sent, 0 received, 100% packet loss\ncrossnet-ping: sendto: Network is unreachable";
    expect(parsePing(unsent)).toMatchObject({
      sent: 0,
      lossPct: 100,
      rttMs: null,
      error: "crossnet-ping: sendto: Network is unreachable",
    });
  });
});
