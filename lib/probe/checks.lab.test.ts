import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostExec } from "../lab/index";
import type { ProbeReport } from "./run-probe";
import {
  LAB_WAIT,
  type LabDesignSession,
  labForDesign,
  labPerSuite,
  loadDesign,
  loadExample,
} from "./testing/lab-design";
import { requireRoot } from "./testing/lab-session";
import type { ProbeCell } from "./types";

/**
 * tcp and mtu cells on the embedded lab: a busybox httpd published on one host and connected to from
 * a container on another host; a port not published; a published port nothing listens on; the
 * overlay's path MTU; an MTU black hole made on purpose. Needs Linux and root.
 */

const WEB = loadDesign(`
name: web
hosts:
  node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
  node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
networks:
  web_net: { driver: bridge, subnet: 172.30.1.0/24 }
  client_net: { driver: bridge, subnet: 172.30.2.0/24 }
containers:
  web:
    host: node-1
    image: busybox
    networks: { web_net: {} }
    command: [sh, -c, "httpd -p 80 -h /; httpd -p 81 -h /; exec sleep 100000"]
    services: [{ proto: tcp, port: 80 }, { proto: tcp, port: 81 }, { proto: tcp, port: 82 }, { proto: udp, port: 53 }]
    publish: ["8080:80/tcp", "8082:82/tcp", "5353:53/udp"]
  client: { host: node-2, image: busybox, networks: { client_net: {} } }
  peer: { host: node-1, image: busybox, networks: { web_net: {} } }
`);

function cell(report: ProbeReport, from: string, to: string, by: string, target: string): ProbeCell {
  const found = report.cells.find((c) => c.from === from && c.to === to && c.by === by && c.target === target);
  if (!found)
    throw new Error(
      `no ${by} cell ${from} → ${to} at ${target} (have ${report.cells.map((c) => `${c.by}:${c.target}`).join(", ")})`,
    );
  return found;
}

describe("tcp cells: a service published on one host, reached from a container on another", () => {
  const state: { session?: LabDesignSession; report?: ProbeReport } = {};
  beforeAll(async () => {
    requireRoot("the check lab tests");
    state.session = await labForDesign(WEB, { docker: "26" });
    state.report = await state.session.ping(WEB, { by: ["tcp"], from: ["client"], to: ["web"] });
  }, LAB_WAIT);
  afterAll(async () => {
    await state.session?.close();
  }, 120_000);
  const report = () => {
    if (!state.report) throw new Error("the lab did not come up");
    return state.report;
  };

  it("the published port answers: reach, as expected", () => {
    expect(cell(report(), "client", "web", "tcp", "192.168.0.101:8080")).toMatchObject({
      port: 8080,
      expected: "reach",
      actual: "reach",
      verdict: "pass",
      reasonCode: "published-port",
    });
  });

  it("the unpublished port is blocked, and the reason says it is not published", () => {
    const unpublished = cell(report(), "client", "web", "tcp", "172.30.1.2:81");
    expect(unpublished).toMatchObject({ expected: "blocked", actual: "blocked", verdict: "pass", port: 81 });
    expect(unpublished.reason.en).toContain("tcp 81 is not published on node-1");
  });

  it("a published port nothing listens on is refused, not filtered, and the diagnosis says so", () => {
    const closed = cell(report(), "client", "web", "tcp", "192.168.0.101:8082");
    expect(closed).toMatchObject({ expected: "reach", actual: "blocked", verdict: "fail" });
    expect(closed.error).toBe("refused: nothing listens on 8082");
    expect(closed.diagnosis?.en).toContain("refused: node-1 forwards port 8082 to web, but nothing listens there");
  });
});

describe("tcp cells by name", () => {
  const session = labPerSuite("the check lab tests", WEB, { docker: "26" });

  it("Docker's DNS resolves the service's container on a shared network; elsewhere it is a bad address", async () => {
    const report = await session().ping(WEB, { by: ["tcp"], from: ["peer", "client"], to: ["web"] });
    expect(cell(report, "peer", "web", "tcp", "web:80")).toMatchObject({ actual: "reach", verdict: "pass" });
    expect(cell(report, "peer", "web", "tcp", "web:82")).toMatchObject({
      actual: "blocked",
      error: "refused: nothing listens on 82",
    });
    expect(cell(report, "client", "web", "tcp", "web:80")).toMatchObject({ actual: "blocked", verdict: "pass" });
    expect(cell(report, "client", "web", "tcp", "web:80").error).toMatch(
      /bad address 'web'|no answer from Docker's DNS/,
    );
  });
});

describe("udp cells and Crossnet's responder", () => {
  const session = labPerSuite("the check lab tests", WEB, { docker: "26" });

  it("a published udp port nothing listens on is refused (ICMP port unreachable)", async () => {
    const report = await session().ping(WEB, { by: ["udp"], from: ["client"], to: ["web"] });
    expect(cell(report, "client", "web", "udp", "192.168.0.101:5353")).toMatchObject({
      actual: "blocked",
      error: "refused: nothing listens on udp 5353",
    });
  });

  it("with the responder, the closed tcp and udp ports answer; the real httpd keeps its port; nothing is left after", async () => {
    const report = await session().ping(WEB, { by: ["tcp", "udp"], from: ["client"], to: ["web"], responder: true });
    expect(cell(report, "client", "web", "udp", "192.168.0.101:5353")).toMatchObject({
      actual: "reach",
      verdict: "pass",
    });
    expect(cell(report, "client", "web", "tcp", "192.168.0.101:8082")).toMatchObject({
      actual: "reach",
      verdict: "pass",
    });
    expect(cell(report, "client", "web", "tcp", "192.168.0.101:8080")).toMatchObject({
      actual: "reach",
      verdict: "pass",
    });
    expect(
      report.responders?.map(({ host, listening, real, failed }) => ({
        host,
        listening: listening.length,
        real: real.length,
        failed,
      })),
    ).toEqual([{ host: "node-1", listening: 2, real: 2, failed: [] }]);
    // Removed after the run: the same port is refused again.
    const after = await session().ping(WEB, { by: ["udp"], from: ["client"], to: ["web"] });
    expect(cell(after, "client", "web", "udp", "192.168.0.101:5353").error).toBe(
      "refused: nothing listens on udp 5353",
    );
  });
});

describe("mtu cells on the swarm overlay", () => {
  const design = loadExample("overlay-swarm");
  const session = labPerSuite("the check lab tests", design, { docker: "26" });

  it("report 1450 and pass", async () => {
    const report = await session().ping(design, { by: ["mtu"] });
    expect(report.cells.map((c) => ({ by: c.by, mtu: c.mtu, verdict: c.verdict }))).toEqual([
      { by: "mtu", mtu: { expected: 1450, path: 1450, interface: 1450 }, verdict: "pass" },
      { by: "mtu", mtu: { expected: 1450, path: 1450, interface: 1450 }, verdict: "pass" },
    ]);
  });

  it("an interface MTU raised above the path's is diagnosed as a black hole", async () => {
    const raise = (mtu: string) =>
      hostExec(
        "node-2",
        [
          "sh",
          "-c",
          'nsenter --net=/proc/$(docker inspect -f "{{.State.Pid}}" bbox-1)/ns/net ip link set eth0 mtu "$1"',
          "sh",
          mtu,
        ],
        { timeoutMs: 30_000 },
      );
    const raised = await raise("1500");
    expect(raised.stderr).toBe("");
    try {
      const report = await session().ping(design, { by: ["mtu"], from: ["bbox-1"] });
      const [hole] = report.cells;
      expect(hole).toMatchObject({ verdict: "fail", mtu: { expected: 1450, path: 1450, interface: 1500 } });
      expect(hole?.diagnosis?.en).toContain("MTU black hole: bbox-1's route to");
    } finally {
      await raise("1450");
    }
  });
});
