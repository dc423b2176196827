import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectMatrix } from "../expect/expect";
import type { ExpectCell } from "../expect/types";
import { plain, t } from "../i18n/text";
import type { HostSnapshot, Observed } from "../plan/observed";
import { appliedSnapshot } from "../plan/testing/applied-snapshot";
import { checkTopologyText } from "../topology/check";
import type { Topology } from "../topology/schema";
import { diagnoseCellText, isolationPhraseText } from "./diagnose";
import type { Actual, ProbeCell } from "./types";

function example(name: string): Topology {
  const checked = checkTopologyText(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), "utf8"));
  if (!checked.topology) throw new Error(`${name}: ${checked.issues.map((issue) => issue.message.en).join("; ")}`);
  return checked.topology;
}

function design(text: string): Topology {
  const checked = checkTopologyText(text);
  if (!checked.ok || !checked.topology) throw new Error(checked.issues.map((issue) => issue.message.en).join("; "));
  return checked.topology;
}

function expectation(topology: Topology, from: string, to: string, by: "ip" | "name", network?: string): ExpectCell {
  const cell = expectMatrix(topology, { by }).pairs.find(
    (pair) => pair.from === from && pair.to === to && (network === undefined || pair.network === network),
  );
  if (!cell) throw new Error(`no expected cell ${from} → ${to} by ${by}`);
  return cell;
}

/** A probed cell for `expected`, with what happened. */
function probed(expected: ExpectCell, actual: Actual, extra: Partial<ProbeCell> = {}): ProbeCell {
  const reached = actual === "reach";
  return {
    from: expected.from,
    to: expected.to,
    by: expected.by,
    target: expected.target,
    network: expected.network ?? null,
    host: "",
    expected: expected.expected,
    reasonCode: expected.reasonCode,
    reason: expected.reason,
    actual,
    sent: actual === "error" ? 0 : 3,
    received: reached ? 3 : 0,
    lossPct: reached ? 0 : 100,
    rttMs: reached ? { min: 0.1, avg: 0.2, max: 0.3 } : null,
    verdict: actual === expected.expected ? "pass" : "fail",
    diagnosis: null,
    error: null,
    rawOutput: "",
    command: "",
    attempts: 2,
    ...extra,
  };
}

/** The applied state of a design, changed on one host. */
function observedWith(topology: Topology, host: string, change: (snapshot: HostSnapshot) => void): Observed {
  const observed = appliedSnapshot(topology, { kvProvided: true });
  const snapshot = observed[host];
  if (!snapshot) throw new Error(`no host ${host}`);
  change(snapshot);
  return observed;
}

function containerOf(snapshot: HostSnapshot, name: string) {
  const container = snapshot.docker.containers.find((candidate) => candidate.name === name);
  if (!container) throw new Error(`no container ${name} on ${snapshot.host}`);
  return container;
}

describe("diagnoseCellText: the basics first", () => {
  const topology = example("macvlan");
  const byIp = expectation(topology, "bbox-1", "bbox-2", "ip");

  it("names a source host that could not be reached", () => {
    const observed = observedWith(topology, "node-1", (snapshot) => {
      snapshot.reachable = false;
      snapshot.error = "SSH connect failed: connect ETIMEDOUT 198.18.0.11:22";
    });
    const cell = probed(byIp, "error", { error: "host node-1 unreachable: SSH connect failed" });
    expect(diagnoseCellText(cell, byIp, topology, observed).en).toBe(
      "host node-1 unreachable: SSH connect failed: connect ETIMEDOUT 198.18.0.11:22",
    );
  });

  it("names a target host that could not be reached", () => {
    const observed = observedWith(topology, "node-2", (snapshot) => {
      snapshot.reachable = false;
      snapshot.error = "no answer to keepalives (host down or network cut)";
    });
    expect(diagnoseCellText(probed(byIp, "blocked"), byIp, topology, observed).en).toBe(
      "host node-2 unreachable: no answer to keepalives (host down or network cut)",
    );
  });

  it("says which container is not running, source or target", () => {
    const targetStopped = observedWith(topology, "node-2", (snapshot) => {
      containerOf(snapshot, "bbox-2").running = false;
    });
    expect(diagnoseCellText(probed(byIp, "blocked"), byIp, topology, targetStopped).en).toBe(
      "container bbox-2 is not running (docker start bbox-2 on node-2)",
    );
    const sourceStopped = observedWith(topology, "node-1", (snapshot) => {
      containerOf(snapshot, "bbox-1").running = false;
    });
    const cell = probed(byIp, "error", { error: "container bbox-1 is not running (Error response from daemon: …)" });
    expect(diagnoseCellText(cell, byIp, topology, sourceStopped).en).toBe(
      "container bbox-1 is not running (docker start bbox-1 on node-1)",
    );
  });

  it("says when a container does not exist at all", () => {
    const observed = observedWith(topology, "node-2", (snapshot) => {
      snapshot.docker.containers = snapshot.docker.containers.filter((container) => container.name !== "bbox-2");
    });
    expect(diagnoseCellText(probed(byIp, "blocked"), byIp, topology, observed).en).toBe(
      "container bbox-2 does not exist on node-2 (crossnet apply creates it)",
    );
  });

  it("explains a target without an address", () => {
    const overlay = example("overlay-swarm");
    const cell = expectMatrix(overlay, { by: "ip", addresses: {} }).pairs.find((pair) => pair.to === "bbox-2");
    if (!cell) throw new Error("no cell");
    expect(cell.target).toBe("bbox-2@ov_net1");
    const observed = observedWith(overlay, "node-3", (snapshot) => {
      containerOf(snapshot, "bbox-2").running = false;
    });
    const probe = probed(cell, "error", { error: "no address of bbox-2 on ov_net1 to ping" });
    expect(diagnoseCellText(probe, cell, overlay, observed).en).toBe(
      "container bbox-2 is not running (docker start bbox-2 on node-3)",
    );
  });
});

describe("diagnoseCellText: expected reach, got blocked", () => {
  it("macvlan: the parent NIC is not promiscuous", () => {
    const topology = example("macvlan");
    const cell = expectation(topology, "bbox-1", "bbox-2", "ip");
    const observed = observedWith(topology, "node-2", (snapshot) => {
      const ens33 = snapshot.links.find((link) => link.name === "ens33");
      if (ens33) ens33.promisc = false;
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, observed).en).toBe(
      "parent NIC ens33 of node-2 is not promiscuous (ip link set ens33 promisc on)",
    );
  });

  it("macvlan over VLANs: the trunk NIC under ens32.10 is checked, and a missing or down parent is named", () => {
    const topology = example("macvlan-8021q");
    const cell = expectation(topology, "bbox-11", "bbox-21", "ip");
    const promisc = observedWith(topology, "node-2", (snapshot) => {
      const ens32 = snapshot.links.find((link) => link.name === "ens32");
      if (ens32) ens32.promisc = false;
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, promisc).en).toBe(
      "parent NIC ens32 of node-2 is not promiscuous (ip link set ens32 promisc on)",
    );
    const missing = observedWith(topology, "node-2", (snapshot) => {
      snapshot.links = snapshot.links.filter((link) => link.name !== "ens32.10");
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, missing).en).toBe(
      "parent NIC ens32.10 of node-2 is missing",
    );
    const down = observedWith(topology, "node-1", (snapshot) => {
      const parent = snapshot.links.find((link) => link.name === "ens33.10");
      if (parent) parent.up = false;
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, down).en).toBe(
      "parent NIC ens33.10 of node-1 is down",
    );
  });

  it("macvlan over VLANs: parents on different VLANs", () => {
    const topology = example("macvlan-8021q");
    const cell = expectation(topology, "bbox-11", "bbox-21", "ip");
    const observed = observedWith(topology, "node-2", (snapshot) => {
      const parent = snapshot.links.find((link) => link.name === "ens32.10");
      if (parent) parent.vid = 30;
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, observed).en).toBe(
      "the parents are on different VLANs (10 on node-1, 30 on node-2)",
    );
  });

  it("routed bridges: a missing route, on either side", () => {
    const topology = example("bridge-routed");
    const cell = expectation(topology, "bbox-1", "bbox-2", "ip");
    const here = observedWith(topology, "node-1", (snapshot) => {
      snapshot.routes = snapshot.routes.filter((route) => route.dst !== "172.20.2.0/24");
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, here).en).toBe(
      "no route between the bridge subnets of node-1 and node-2 (route to 172.20.2.0/24 missing on node-1)",
    );
    const back = observedWith(topology, "node-2", (snapshot) => {
      snapshot.routes = snapshot.routes.filter((route) => route.dst !== "172.20.1.0/24");
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, back).en).toBe(
      "no route between the bridge subnets of node-1 and node-2 (route to 172.20.1.0/24 missing on node-2)",
    );
  });

  it("routed bridges: forwarding off, then the DOCKER-USER rule", () => {
    const topology = example("bridge-routed");
    const cell = expectation(topology, "bbox-1", "bbox-2", "ip");
    const forwarding = observedWith(topology, "node-2", (snapshot) => {
      snapshot.ipForward = false;
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, forwarding).en).toBe(
      "IP forwarding is off on node-2 (net.ipv4.ip_forward=0), so it does not pass packets between its NIC and bridge br_net",
    );
    const rule = observedWith(topology, "node-2", (snapshot) => {
      snapshot.rules = snapshot.rules.filter((candidate) => candidate.chain !== "DOCKER-USER");
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, rule).en).toBe(
      "Docker's FORWARD policy drops packets from ens33 into bridge br_net on node-2 (the DOCKER-USER ACCEPT rule is missing)",
    );
  });

  it("overlays: a container only on the other overlay (before docker network connect)", () => {
    const topology = example("overlay-isolation");
    const cell = expectation(topology, "bbox-3", "bbox-1", "ip", "ov_net1");
    const observed = observedWith(topology, "node-2", (snapshot) => {
      const bbox3 = containerOf(snapshot, "bbox-3");
      delete bbox3.networks.ov_net1;
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, observed).en).toBe(
      "bbox-3 is not attached to ov_net1 on node-2; it is only on ov_net2 and the two overlays are isolated by design (docker network connect ov_net1 bbox-3, or crossnet apply)",
    );
  });

  it("overlays: a host outside the swarm", () => {
    const topology = example("overlay-swarm");
    const cell = expectation(topology, "bbox-1", "bbox-2", "name");
    const observed = observedWith(topology, "node-3", (snapshot) => {
      snapshot.docker.swarm = { state: "inactive" };
    });
    expect(diagnoseCellText(probed(cell, "blocked"), cell, topology, observed).en).toBe(
      "node-3 is not in the swarm, so overlay ov_net1 does not reach it (crossnet apply joins it)",
    );
  });

  it("says so when nothing observed explains it", () => {
    const topology = example("macvlan");
    const cell = expectation(topology, "bbox-1", "bbox-2", "ip");
    const probe = probed(cell, "blocked", { sent: 3, received: 0 });
    expect(diagnoseCellText(probe, cell, topology, appliedSnapshot(topology)).en).toBe(
      "expected reach (same macvlan network mac_net1: the parents ens33 on node-1 and ens33 on node-2 share one L2 segment), but got 0 of 3 replies; the design and the hosts' observed state show no cause",
    );
  });

  it("passes on the probe's own error when it could not run for a reason the state does not show", () => {
    const topology = example("macvlan");
    const cell = expectation(topology, "bbox-1", "bbox-2", "ip");
    const probe = probed(cell, "error", { error: "node-1: 'sh' did not finish within 32000 ms and was abandoned" });
    expect(diagnoseCellText(probe, cell, topology, appliedSnapshot(topology)).en).toBe(
      "the probe could not run on node-1: node-1: 'sh' did not finish within 32000 ms and was abandoned",
    );
  });
});

describe("diagnoseCellText: expected isolation, but it reached", () => {
  it("overlays: drift attached the container to the other overlay", () => {
    const topology = design(`
name: overlay-isolation-before
hosts:
  node-2: { nics: { ens32: { address: 192.168.0.102/24 } } }
  node-3: { nics: { ens32: { address: 192.168.0.103/24 } } }
networks:
  ov_net1: { driver: overlay, control: swarm }
  ov_net2: { driver: overlay, control: swarm }
containers:
  bbox-1: { host: node-2, image: busybox, networks: { ov_net1: {} } }
  bbox-2: { host: node-3, image: busybox, networks: { ov_net1: {} } }
  bbox-3: { host: node-2, image: busybox, networks: { ov_net2: {} } }
`);
    const cell = expectation(topology, "bbox-3", "bbox-1", "ip");
    expect(cell.reasonCode).toBe("overlay-isolated");
    const observed = observedWith(topology, "node-2", (snapshot) => {
      containerOf(snapshot, "bbox-3").networks.ov_net1 = { ip: "10.0.0.4", aliases: [] };
    });
    expect(diagnoseCellText(probed(cell, "reach"), cell, topology, observed).en).toBe(
      "expected isolation (the two overlays are isolated by design), but it reached: bbox-3 is attached to ov_net1 on node-2, which the design does not say (drift: crossnet status shows it)",
    );
    expect(diagnoseCellText(probed(cell, "reach"), cell, topology, appliedSnapshot(topology)).en).toBe(
      "expected isolation (the two overlays are isolated by design), but it reached",
    );
  });

  it("VLANs: a host holds both gateways and forwards (the tutorial's router set-up)", () => {
    const topology = example("macvlan-8021q");
    const cell = expectation(topology, "bbox-11", "bbox-22", "ip");
    expect(cell.reasonCode).toBe("vlans-not-routed");
    expect(diagnoseCellText(probed(cell, "reach"), cell, topology, appliedSnapshot(topology)).en).toBe(
      "expected isolation (VLAN 10 and VLAN 20 are not routed), but it reached",
    );
    const observed = observedWith(topology, "node-2", (snapshot) => {
      snapshot.ipForward = true;
      for (const [name, address] of [
        ["ens32.10", "172.16.11.1/24"],
        ["ens32.20", "172.16.12.1/24"],
      ] as const)
        snapshot.links.find((link) => link.name === name)?.addresses.push(address);
    });
    expect(diagnoseCellText(probed(cell, "reach"), cell, topology, observed).en).toBe(
      "expected isolation (VLAN 10 and VLAN 20 are not routed), but it reached: node-2 has the gateways of both networks (172.16.11.1 on ens32.10, 172.16.12.1 on ens32.20) and forwards between them",
    );
  });

  it("names across hosts on macvlan", () => {
    const topology = example("macvlan");
    const cell = expectation(topology, "bbox-1", "bbox-2", "name");
    expect(diagnoseCellText(probed(cell, "reach"), cell, topology, appliedSnapshot(topology)).en).toBe(
      "expected isolation (no DNS across hosts on macvlan: use the IP), but it reached",
    );
  });
});

describe("isolationPhraseText", () => {
  it("says it the tutorial's way", () => {
    const vlan = {
      reasonCode: "vlans-not-routed" as const,
      reason: t`VLAN ${"10"} and VLAN ${"20"} are not routed: no router joins ${"a, b"}`,
    };
    expect(isolationPhraseText(vlan).en).toBe("VLAN 10 and VLAN 20 are not routed");
    expect(isolationPhraseText({ reasonCode: "overlay-isolated", reason: plain("x") }).en).toBe(
      "the two overlays are isolated by design",
    );
  });
});

describe("tcp and mtu cells", () => {
  const web = design(`
name: web
hosts:
  node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
  node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
networks:
  web_net: { driver: bridge, subnet: 172.30.1.0/24 }
  client_net: { driver: bridge, subnet: 172.30.2.0/24 }
containers:
  web: { host: node-1, image: busybox, networks: { web_net: {} }, services: [{ proto: tcp, port: 80 }], publish: ["8080:80/tcp"] }
  client: { host: node-2, image: busybox, networks: { client_net: {} } }
  peer: { host: node-1, image: busybox, networks: { web_net: {} } }
`);
  const tcp = (from: string, target: string) => {
    const cell = expectMatrix(web, { by: ["tcp"], from: [from] }).pairs.find((pair) => pair.target === target);
    if (!cell) throw new Error(`no tcp cell to ${target}`);
    return cell;
  };

  it("a published port that resets: refused, nothing listens in the container", () => {
    const expected = tcp("client", "192.168.0.101:8080");
    const cell = probed(expected, "blocked", { port: 8080, error: "refused: nothing listens on 8080" });
    expect(diagnoseCellText(cell, expected, web, appliedSnapshot(web)).en).toBe(
      "refused: node-1 forwards port 8080 to web, but nothing listens there (the service is not running in web, or listens on another port than the one published)",
    );
  });

  it("a service on a shared network that resets: the path works, the service is not running", () => {
    const expected = tcp("peer", "172.30.1.2:80");
    const cell = probed(expected, "blocked", { port: 80, error: "refused: nothing listens on 80" });
    expect(diagnoseCellText(cell, expected, web, appliedSnapshot(web)).en).toBe(
      "refused: nothing listens on tcp 80 in web; the path works (the reset came back), the service is not running",
    );
  });

  it("a stopped container comes first, before any port", () => {
    const expected = tcp("client", "192.168.0.101:8080");
    const observed = appliedSnapshot(web);
    const stopped = observed["node-1"]?.docker.containers.find((c) => c.name === "web");
    if (stopped) stopped.running = false;
    const cell = probed(expected, "blocked", { port: 8080, error: "filtered: no answer" });
    expect(diagnoseCellText(cell, expected, web, observed).en).toBe(
      "container web is not running (docker start web on node-1)",
    );
  });

  it("an interface claiming more than the path carries is named a black hole", () => {
    const overlay = example("overlay-swarm");
    const expected = expectMatrix(overlay, { by: ["mtu"], from: ["bbox-1"] }).pairs[0];
    if (!expected) throw new Error("no mtu cell");
    const cell = probed(expected, "reach", { mtu: { expected: 1450, path: 1450, interface: 1500 }, verdict: "fail" });
    expect(diagnoseCellText(cell, expected, overlay, appliedSnapshot(overlay)).en).toBe(
      `MTU black hole: bbox-1's route to ${expected.target} claims 1500 bytes, but only 1450 pass with DF set; larger packets vanish without an ICMP "fragmentation needed" (an interface MTU set above the path's: set it to 1450, or lower the MTU where the path narrows)`,
    );
    const lowered = probed(expected, "reach", {
      mtu: { expected: 1450, path: 1400, interface: 1400 },
      verdict: "fail",
    });
    expect(diagnoseCellText(lowered, expected, overlay, appliedSnapshot(overlay)).en).toContain(
      "carries 1400 bytes, less than the 1450 expected: bbox-1's interface MTU is 1400",
    );
  });
});
