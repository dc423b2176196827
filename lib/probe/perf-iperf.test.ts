import { describe, expect, it } from "vitest";
import { PerfInputError, perfPairs } from "../app/perf";
import { clientArgv, formatBits, parseIperfJson, parsePerfSeconds, serverArgv, serverPid } from "./perf-iperf";
import { loadExample } from "./testing/lab-design";

describe("iperf3 commands and reports", () => {
  it("runs iperf3 from the host inside each container's netns, bounded by timeout", () => {
    expect(serverArgv(4242, 2).slice(4)).toEqual([
      "timeout",
      "17",
      "nsenter",
      "--net=/proc/4242/ns/net",
      "--",
      "iperf3",
      "-s",
      "-1",
      "--forceflush",
      "-p",
      "5201",
    ]);
    expect(clientArgv(77, "10.0.0.12", 2, true, 1450)).toEqual([
      "timeout",
      "12",
      "nsenter",
      "--net=/proc/77/ns/net",
      "--",
      "iperf3",
      "-c",
      "10.0.0.12",
      "-p",
      "5201",
      "-t",
      "2",
      "-J",
      "-u",
      "-b",
      "100M",
      "-l",
      "1422",
    ]);
    expect(() => clientArgv(77, "-x", 2, false)).toThrow(/IPv4/);
    expect(() => clientArgv(1, "10.0.0.1", 2, false)).toThrow(/process id/);
    expect(serverPid("@@cn-perf-pid 991\n-----\nServer listening on 5201")).toBe(991);
  });

  it("reads TCP rate and retransmits, UDP jitter and loss, and iperf3's own error", () => {
    const tcp = JSON.stringify({
      end: { sum_sent: { bits_per_second: 2e9, retransmits: 12 }, sum_received: { bits_per_second: 1.9e9 } },
    });
    expect(parseIperfJson(tcp, false)).toEqual({
      bitsPerSecond: 1.9e9,
      retransmits: 12,
      jitterMs: null,
      lostPercent: null,
      error: null,
    });
    const udp = JSON.stringify({ end: { sum: { bits_per_second: 1e8, jitter_ms: 0.01, lost_percent: 2.5 } } });
    expect(parseIperfJson(udp, true)).toMatchObject({
      bitsPerSecond: 1e8,
      jitterMs: 0.01,
      lostPercent: 2.5,
      error: null,
    });
    expect(
      parseIperfJson(JSON.stringify({ error: "unable to connect to server: Connection refused" }), false).error,
    ).toBe("iperf3: unable to connect to server: Connection refused");
    expect(parseIperfJson("", false)).toMatchObject({ bitsPerSecond: null, error: "iperf3 gave no JSON report" });
    expect(
      parseIperfJson(JSON.stringify({ end: { sum_received: { bits_per_second: -1 } } }), false).bitsPerSecond,
    ).toBeNull();
    expect(formatBits(12_377_700_000)).toBe("12.4 Gbit/s");
  });

  it("bounds seconds and pairs, and refuses pairs with no path", () => {
    expect(parsePerfSeconds("2")).toBe(2);
    for (const text of ["0", "31", "2.5", "-1", "1e1", ""]) expect(parsePerfSeconds(text), text).toBeUndefined();
    const macvlan = loadExample("macvlan");
    expect(perfPairs(macvlan, ["bbox-1", "bbox-2"], ["bbox-1", "bbox-2"], 2)).toEqual([
      { from: "bbox-1", to: "bbox-2" },
      { from: "bbox-2", to: "bbox-1" },
    ]);
    expect(() => perfPairs(macvlan, ["bbox-1"], ["nobody"], 2)).toThrow(PerfInputError);
    expect(() => perfPairs(macvlan, ["bbox-1"], ["bbox-1"], 2)).toThrow(/no pair/);
    const isolated = loadExample("overlay-isolation");
    expect(() => perfPairs(isolated, ["bbox-2"], ["bbox-1", "bbox-3"], 2)).not.toThrow();
  });
});
