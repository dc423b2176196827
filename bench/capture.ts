/**
 * Decoding with Wireshark's dissectors: 10,000 captured frames (half 802.1Q-tagged pings, half VXLAN
 * with an inner ping) written as one pcapng and decoded by tshark into our layer model, 3 times; the
 * median wall time, the file's size and the decoded packets' count. Target: 10,000 packets in under 10 s
 * on this 2-core machine (the dashboard decodes a capture's batches as they come; 10,000 is the cap).
 * Run alone: `node bin/run-ts.js bench/run.ts capture` (no lab needed; tshark installed).
 */
import { writePcapng } from "../lib/capture/pcapng";
import { taggedPing, vxlanPing } from "../lib/capture/testing/frames";
import { decodeCapture } from "../lib/exec/tshark";

const PACKETS = 10_000;
const TARGET_MS = 10_000;

/** 10,000 frames on two points, as a trace or a capture of the tutorial's designs would hold them. */
export function benchFile(): Uint8Array {
  const packets = Array.from({ length: PACKETS }, (_, i) => {
    const data =
      i % 2 === 0
        ? taggedPing(i % 4 === 0 ? 10 : 20, "172.16.11.11", "172.16.11.12", i & 0xffff)
        : vxlanPing(256, ["192.168.0.102", "192.168.0.103"], ["10.0.0.2", "10.0.0.3"], i & 0xffff);
    return { interface: i % 2, time: 1765000000 + i / 1000, data, originalLength: data.length };
  });
  return writePcapng(
    [
      { name: "wire", linkType: 1, snaplen: 1600 },
      { name: "node-2:ens32", linkType: 1, snaplen: 1600 },
    ],
    packets,
  );
}

export async function benchCapture(): Promise<Record<string, number>> {
  const file = benchFile();
  const times: number[] = [];
  let decoded = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    decoded = (await decodeCapture(file)).length;
    times.push(performance.now() - started);
  }
  const median = [...times].sort((a, b) => a - b)[1] ?? Number.NaN;
  return {
    "capture.decode10k.packets": decoded,
    "capture.decode10k.fileBytes": file.length,
    "capture.decode10k.ms": Math.round(median),
    "capture.target.decode10k.ms": TARGET_MS,
    "capture.pass.decode10k": median < TARGET_MS && decoded === PACKETS ? 1 : 0,
  };
}
