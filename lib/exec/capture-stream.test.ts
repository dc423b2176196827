import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { writePcap } from "../capture/pcap";
import { taggedPing } from "../capture/testing/frames";
import { CaptureSink, captureError, STOP_ON_EOF, stopOnEof, tcpdumpArgv } from "./capture-stream";

const caps = { count: 3, seconds: 5, bytes: 10_000, snaplen: 1600 };

describe("tcpdumpArgv", () => {
  it("bounds tcpdump by time, packets and snaplen, streams pcap at once, and puts the filter after --", () => {
    expect(tcpdumpArgv("ens33.10", caps, " vlan and icmp ")).toEqual([
      "timeout",
      "-s",
      "INT",
      "5",
      "tcpdump",
      "-i",
      "ens33.10",
      "--immediate-mode",
      "-U",
      "-w",
      "-",
      "-n",
      "-s",
      "1600",
      "-c",
      "3",
      "--",
      "vlan and icmp",
    ]);
    expect(tcpdumpArgv("eth0", caps, "")).not.toContain("--");
  });

  it("enters a container's network namespace inside the time bound, nothing run in the container", () => {
    expect(tcpdumpArgv("eth0", caps, "", { netnsPid: 4242 }).slice(0, 8)).toEqual([
      "timeout",
      "-s",
      "INT",
      "5",
      "nsenter",
      "--net=/proc/4242/ns/net",
      "tcpdump",
      "-i",
    ]);
  });
});

describe("captureError", () => {
  it("names the package when tcpdump is missing", () => {
    expect(
      captureError(
        { code: 127, stderr: "timeout: failed to run command 'tcpdump': No such file or directory" },
        "node-1",
      ),
    ).toBe(
      "host node-1 has no tcpdump: install the package tcpdump there (Debian/Ubuntu: apt-get install tcpdump; RHEL: dnf install tcpdump)",
    );
  });

  it("says when the interface does not exist, and passes tcpdump's other complaints on", () => {
    expect(captureError({ code: 1, stderr: "tcpdump: ens99: No such device exists\n" }, "node-1")).toMatch(
      /has no such interface .*apply the design first/,
    );
    expect(captureError({ code: 1, stderr: "tcpdump: syntax error in filter expression\n" }, null)).toBe(
      "tcpdump refused the filter: tcpdump: syntax error in filter expression",
    );
  });
});

describe("CaptureSink", () => {
  const frame = taggedPing(10, "172.16.11.11", "172.16.11.12");
  const file = (n: number) =>
    writePcap(
      1,
      1600,
      Array.from({ length: n }, (_, i) => ({ time: i, data: frame, originalLength: frame.length })),
    );

  it("keeps at most the packet cap and then stops the source", () => {
    const abort = new AbortController();
    const sink = new CaptureSink(caps, abort);
    sink.bytesIn(file(5));
    expect(sink.records).toHaveLength(3);
    expect(abort.signal.aborted).toBe(true);
    expect(sink.end({ code: 0, stderr: "" }, "node-1")).toEqual({ stoppedBy: "count", packets: 3 });
  });

  it("stops at the byte cap, and on a stream that is not pcap", () => {
    const big = new CaptureSink({ ...caps, count: 1000, bytes: 500 }, new AbortController());
    big.bytesIn(file(10));
    expect(big.end({ code: 0, stderr: "" }, null).stoppedBy).toBe("bytes");
    const bad = new CaptureSink(caps, new AbortController());
    bad.bytesIn(new TextEncoder().encode("this is not a capture stream at all"));
    expect(bad.end({ code: 0, stderr: "" }, null)).toMatchObject({
      stoppedBy: "error",
      error: expect.stringMatching(/not a pcap stream/),
    });
  });

  it("says seconds when timeout ended it", () => {
    const sink = new CaptureSink(caps, new AbortController());
    sink.bytesIn(file(1));
    expect(sink.end({ code: 124, stderr: "" }, "node-1")).toEqual({ stoppedBy: "seconds", packets: 1 });
  });
});

describe("stopOnEof", () => {
  it("interrupts the command as soon as stdin ends, and passes its exit status on otherwise", async () => {
    const run = (argv: string[], input: string | null) =>
      new Promise<{ code: number; ms: number }>((resolve) => {
        const started = performance.now();
        const child = execFile(argv[0] ?? "", argv.slice(1), (error) =>
          resolve({ code: error ? Number(error.code ?? -1) : 0, ms: performance.now() - started }),
        );
        if (input !== null) setTimeout(() => child.stdin?.end(input), 200);
      });
    const stopped = await run(stopOnEof(["sleep", "5"]), "");
    expect(stopped.ms).toBeLessThan(3000);
    expect(stopped.code).toBe(143);
    expect((await run(stopOnEof(["sh", "-c", "exit 7"]), null)).code).toBe(7);
    expect(STOP_ON_EOF).not.toContain("${");
  });
});
