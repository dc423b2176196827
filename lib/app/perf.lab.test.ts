import { describe, expect, it } from "vitest";
import { labPerSuite, loadExample } from "../probe/testing/lab-design";
import { insertPerfResults, listPerfResults } from "../store/perf-results";
import { openTestStore } from "../store/testing";
import { PERF_LAB_WHO, perfOnLab } from "./testing/perf-lab";

/** iperf3 between containers of the macvlan example, from the hosts in the containers' netns. Needs root. */

describe("throughput on the macvlan lab", () => {
  const topology = loadExample("macvlan");
  const session = labPerSuite("the perf lab tests", topology);

  it("TCP across hosts gives a positive rate, the report is stored, and no iperf3 server is left behind", async () => {
    const report = await perfOnLab(session(), topology, { from: ["bbox-1"], to: ["bbox-2"], udp: false });
    expect(report.results).toHaveLength(1);
    const [result] = report.results;
    expect(result).toMatchObject({
      from: "bbox-1",
      to: "bbox-2",
      target: "10.0.0.12",
      network: "mac_net1",
      proto: "tcp",
      error: null,
    });
    expect(result?.bitsPerSecond).toBeGreaterThan(0);
    expect(result?.retransmits).toBeGreaterThanOrEqual(0);

    const opened = openTestStore();
    insertPerfResults(opened, { ...report, who: PERF_LAB_WHO });
    expect(listPerfResults(opened, { runId: report.runId })).toMatchObject([
      { from: "bbox-1", to: "bbox-2", bitsPerSecond: result?.bitsPerSecond },
    ]);
    opened.close();

    const audited = session().audit.entries.filter(
      (entry) => entry.kind === "command" && entry.argv.includes("iperf3"),
    );
    expect(audited.length).toBeGreaterThanOrEqual(2);
    // The server took its one client and exited: a second run can bind the same port at once.
    const again = await perfOnLab(session(), topology, { from: ["bbox-2"], to: ["bbox-1"], udp: true });
    expect(again.results[0]).toMatchObject({ proto: "udp", error: null });
    expect(again.results[0]?.bitsPerSecond).toBeGreaterThan(0);
    expect(again.results[0]?.jitterMs).toBeGreaterThanOrEqual(0);
    expect(again.results[0]?.lostPercent).toBeGreaterThanOrEqual(0);
  });
});
