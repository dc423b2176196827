import { describe, expect, it } from "vitest";
import { containerImpairArgv, parseContainerImpairments } from "./container-script";
import { parseImpairQdiscs, parseImpairRules } from "./parse-impairments";

describe("reading impairments back", () => {
  it("keeps only root qdiscs with Crossnet's handle, rate in bit/s", () => {
    const json = JSON.stringify([
      { kind: "noqueue", handle: "0:", dev: "lo", root: true, options: {} },
      { kind: "tbf", handle: "c0de:", dev: "ens33", root: true, options: { rate: 1250000, burst: 25000, lat: 100000 } },
      { kind: "tbf", handle: "1:", dev: "ens34", root: true, options: { rate: 1250000 } },
      { kind: "netem", handle: "c0de:", dev: "ens35", root: true, options: { delay: { delay: 0.1 } } },
    ]);
    expect(parseImpairQdiscs(json)).toEqual([
      { iface: "ens33", impairment: { kind: "rate", bitsPerSecond: 10_000_000 } },
      { iface: "ens35", impairment: { kind: "delay", ms: 100 } },
    ]);
    expect(
      parseImpairQdiscs('[{"kind":"tbf","handle":"c0de:","root":true,"options":{"rate":125000}}]', "eth0"),
    ).toEqual([{ iface: "eth0", impairment: { kind: "rate", bitsPerSecond: 1_000_000 } }]);
    expect(parseImpairQdiscs("not json")).toEqual([]);
  });

  it("reads loss rules with their float noise rounded, and ignores rules that are not Crossnet's", () => {
    const text = [
      "-P PREROUTING ACCEPT",
      "-A PREROUTING -i eth0 -m statistic --mode random --probability 0.29999999981 -m comment --comment crossnet-impair -j DROP",
      "-A PREROUTING -i eth1 -m statistic --mode random --probability 0.5 -j DROP",
    ].join("\n");
    expect(parseImpairRules(text)).toEqual([{ iface: "eth0", impairment: { kind: "loss", percent: 30 } }]);
  });

  it("passes containers as arguments, never in the script, and reads each one's frames", () => {
    const argv = containerImpairArgv([{ name: "bbox-1", pid: 123 }]);
    expect(argv.slice(3)).toEqual(["sh", "bbox-1", "123"]);
    const stdout = [
      "@@cn-c bbox-1 q",
      '[{"kind":"tbf","handle":"c0de:","dev":"eth0","root":true,"options":{"rate":125000}}]',
      "@@cn-c bbox-1 r",
      "-A PREROUTING -i eth0 -m statistic --mode random --probability 0.05000000000 -m comment --comment crossnet-impair -j DROP",
      "@@cn-c bbox-1 e",
      "@@cn-c intruder q",
      '[{"kind":"tbf","handle":"c0de:","dev":"eth0","root":true,"options":{"rate":125000}}]',
      "@@cn-c intruder e",
    ].join("\n");
    expect(parseContainerImpairments(stdout, [{ name: "bbox-1", pid: 123 }])).toEqual([
      {
        point: { kind: "container", container: "bbox-1", iface: "eth0" },
        impairment: { kind: "rate", bitsPerSecond: 1e6 },
        pid: 123,
      },
      {
        point: { kind: "container", container: "bbox-1", iface: "eth0" },
        impairment: { kind: "loss", percent: 5 },
        pid: 123,
      },
    ]);
  });
});
