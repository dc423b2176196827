import { expect, it } from "vitest";
import { checkTopologyText } from "../topology/check";
import type { Topology } from "../topology/schema";
import { example, loadExamples, yaml } from "../topology/testing/text";
import { LABEL_KEY, ovsInterface } from "./commands";
import type { HostSnapshot, Observed } from "./observed";
import { planDestroy, planTopology } from "./plan";
import { ovsInterfaceFor } from "./plan-containers";
import { displayCommand, renderHostScript, renderPlanJson, renderPlanText } from "./render";
import { appliedSnapshot } from "./testing/applied-snapshot";
import type { Plan } from "./types";

const examples = loadExamples();
const label = (topology: Topology) => ({ [LABEL_KEY]: topology.name });

function design(text: string): Topology {
  const { topology, ok, issues } = checkTopologyText(text);
  if (!topology || !ok) throw new Error(JSON.stringify(issues));
  return topology;
}

/** The applied state of a design with one host's snapshot changed. */
function drifted(topology: Topology, host: string, change: (snapshot: HostSnapshot) => void): Observed {
  const observed = structuredClone(appliedSnapshot(topology));
  const snapshot = observed[host];
  if (!snapshot) throw new Error(`no host ${host}`);
  change(snapshot);
  return observed;
}

function container(snapshot: HostSnapshot, name: string) {
  const found = snapshot.docker.containers.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no container ${name} on ${snapshot.host}`);
  return found;
}

const text = (plan: Plan) => renderPlanText(plan);

it.each(examples.map(({ file, topology }) => [file, topology]))(
  "%s: the same design planned twice gives byte-identical text, JSON and scripts",
  (_file, topology) => {
    const render = (plan: Plan) =>
      [
        renderPlanText(plan, { explain: true }),
        renderPlanJson(plan),
        ...Object.keys(topology.hosts).map((host) => renderHostScript(plan, host, topology.name)),
      ].join("\u0000");
    expect(render(planTopology(topology))).toBe(render(planTopology(structuredClone(topology))));
    const applied = appliedSnapshot(topology);
    expect(render(planDestroy(topology, applied))).toBe(render(planDestroy(topology, structuredClone(applied))));
  },
);

/** Each object's fields in reverse order; the maps of names (hosts, networks, containers …) keep theirs. */
function reverseFields(value: unknown, isMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => reverseFields(item));
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value);
  const ordered = isMap ? keys : [...keys].reverse();
  const maps = new Set(["hosts", "nics", "vlans", "networks", "containers", "parent", "subnets"]);
  return Object.fromEntries(
    ordered.map((key) => [key, reverseFields((value as Record<string, unknown>)[key], !isMap && maps.has(key))]),
  );
}

it.each(examples.map(({ file, text }) => [file, text]))(
  "%s: the same design with every object's fields in another order, as JSON, plans byte-identically",
  (_file, source) => {
    const original = design(source);
    const inOrder = JSON.stringify(original);
    const reordered = JSON.stringify(reverseFields(JSON.parse(inOrder)));
    expect(reordered).not.toBe(inOrder);
    expect(renderPlanJson(planTopology(design(reordered)))).toBe(renderPlanJson(planTopology(original)));
  },
);

it("the order of containers is the order they start, so it decides which predicted address each gets", () => {
  const source = yaml`
    name: order
    hosts: { node-1: { nics: {} } }
    networks: { n: { driver: bridge, subnet: 172.20.0.0/24 } }
    containers:
      first: { host: node-1, image: busybox, networks: { n: {} } }
      second: { host: node-1, image: busybox, networks: { n: {} } }
  `;
  const runs = (topology: Topology) =>
    planTopology(topology)
      .steps.filter((step) => step.kind === "run-container")
      .map((step) => step.argv.slice(3, 7).join(" "));
  expect(runs(design(source))).toEqual(["--name first --ip 172.20.0.2", "--name second --ip 172.20.0.3"]);
  const swapped = source.replace(
    /( {2}first: .*\n)( {2}second: .*\n)/,
    (_all, first: string, second: string) => second + first,
  );
  expect(runs(design(swapped))).toEqual(["--name second --ip 172.20.0.2", "--name first --ip 172.20.0.3"]);
});

it("a container deleted by hand: one step, run it again", () => {
  const topology = example("macvlan-8021q.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    snapshot.docker.containers = snapshot.docker.containers.filter((c) => c.name !== "bbox-12");
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-1:
      + container:bbox-12@node-1  (missing)
          docker run -itd --name bbox-12 --ip 172.16.12.11 --network mac_net12 --label crossnet.topology=macvlan-8021q busybox

    Plan: 1 to add, 0 to change, 0 to remove, on 1 host.
    "
  `);
});

it("a stopped container: one step, start it", () => {
  const topology = example("macvlan-8021q.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    container(snapshot, "bbox-22").running = false;
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-2:
      ~ container:bbox-22@node-2  (stopped)
          docker start bbox-22

    Plan: 0 to add, 1 to change, 0 to remove, on 1 host.
    "
  `);
});

it("a container with another address: remove it, then run it with the design's address", () => {
  const topology = example("macvlan-8021q.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    const bbox = container(snapshot, "bbox-11");
    bbox.networks.mac_net11 = { ip: "172.16.11.99", aliases: [] };
  });
  const plan = planTopology(topology, observed);
  expect(text(plan)).toMatchInlineSnapshot(`
    "node-1:
      - container:bbox-11@node-1  (address on mac_net11 is 172.16.11.99, design says 172.16.11.11)
          docker rm -f bbox-11
      + container:bbox-11@node-1  (address on mac_net11 is 172.16.11.99, design says 172.16.11.11)
          docker run -itd --name bbox-11 --ip 172.16.11.11 --network mac_net11 --label crossnet.topology=macvlan-8021q busybox

    Plan: 1 to add, 0 to change, 1 to remove, on 1 host.
    "
  `);
  expect(plan.steps.map((step) => step.kind)).toEqual(["remove-container", "run-container"]);
  expect(plan.steps[1]?.dependsOn).toContain(plan.steps[0]?.id);
});

it("a container with another image is replaced too", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    container(snapshot, "bbox-2").image = "alpine";
  });
  expect(planTopology(topology, observed).steps.map((step) => `${step.kind} ${step.cause.en}`)).toEqual([
    "remove-container image is alpine, design says busybox",
    "run-container image is alpine, design says busybox",
  ]);
});

it("a container that lost its second network is connected again, nothing else", () => {
  const topology = example("overlay-isolation.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    delete container(snapshot, "bbox-3").networks.ov_net1;
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-2:
      + container:bbox-3@node-2:ov_net1  (not attached)
          docker network connect ov_net1 bbox-3

    Plan: 1 to add, 0 to change, 0 to remove, on 1 host.
    "
  `);
});

it("a container of ours on a network the design no longer gives it is disconnected", () => {
  const topology = example("overlay-isolation.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    container(snapshot, "bbox-1").networks.ov_net2 = { ip: "10.0.1.9", aliases: [] };
  });
  expect(planTopology(topology, observed).steps.map((step) => `${step.kind} ${step.resourceId}`)).toEqual([
    "disconnect-network container:bbox-1@node-2:ov_net2",
  ]);
});

it("a labelled network the design no longer has is removed, after the labelled containers on it", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    snapshot.docker.networks.push({
      id: "old",
      name: "old_net",
      driver: "bridge",
      scope: "local",
      subnet: "172.30.0.0/16",
      labels: label(topology),
    });
    snapshot.docker.containers.push({
      id: "gone",
      name: "bbox-old",
      image: "busybox",
      running: true,
      labels: label(topology),
      networks: { old_net: { ip: "172.30.0.2", aliases: [] } },
    });
  });
  const plan = planTopology(topology, observed);
  expect(text(plan)).toMatchInlineSnapshot(`
    "node-2:
      - container:bbox-old@node-2  (not in design)
          docker rm -f bbox-old
      - network:old_net@node-2  (not in design)
          docker network rm old_net

    Plan: 0 to add, 0 to change, 2 to remove, on 1 host.
    "
  `);
  expect(plan.steps[1]?.dependsOn).toEqual([plan.steps[0]?.id]);
});

it("an unlabelled network or container of another topology is never touched", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    snapshot.docker.networks.push({ id: "x", name: "theirs", driver: "bridge", scope: "local", labels: {} });
    snapshot.docker.networks.push({
      id: "y",
      name: "other_topology_net",
      driver: "bridge",
      scope: "local",
      labels: { [LABEL_KEY]: "another-design" },
    });
    snapshot.docker.containers.push({
      id: "z",
      name: "other-app",
      image: "nginx",
      running: false,
      labels: { [LABEL_KEY]: "another-design" },
      networks: {},
    });
  });
  expect(planTopology(topology, observed)).toEqual({ steps: [], conflicts: [] });
});

it("an unlabelled container with a design container's name is a conflict, with no step for it", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    const bbox = container(snapshot, "bbox-2");
    bbox.labels = {};
    bbox.image = "nginx";
  });
  const plan = planTopology(topology, observed);
  expect(plan.steps).toEqual([]);
  expect(text(plan)).toMatchInlineSnapshot(`
    "No steps, but the conflicts below need a person.
    ! container:bbox-2@node-2: a container named bbox-2 already runs on node-2 and was not created by Crossnet
      hint: Remove it by hand ('docker rm -f bbox-2') or rename the container in the design.

    Plan: 0 to add, 0 to change, 0 to remove, on 0 hosts.
    "
  `);
});

it("an unlabelled network with a design network's name and another subnet is a conflict", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    const network = snapshot.docker.networks.find((candidate) => candidate.name === "mac_net1");
    if (!network) throw new Error("no mac_net1");
    network.labels = {};
    network.subnet = "10.9.0.0/24";
  });
  const plan = planTopology(topology, observed);
  expect(plan.steps).toEqual([]);
  expect(plan.conflicts.map((conflict) => conflict.resourceId)).toEqual(["network:mac_net1@node-1"]);
});

it("our network with another subnet is re-created, its containers removed first and started again", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    const network = snapshot.docker.networks.find((candidate) => candidate.name === "mac_net1");
    if (!network) throw new Error("no mac_net1");
    network.subnet = "10.9.0.0/24";
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-1:
      - container:bbox-1@node-1  (network mac_net1: subnet differs (10.9.0.0/24 on the host, 10.0.0.0/24 in the design))
          docker rm -f bbox-1
      - network:mac_net1@node-1  (subnet differs (10.9.0.0/24 on the host, 10.0.0.0/24 in the design))
          docker network rm mac_net1
      + network:mac_net1@node-1  (subnet differs (10.9.0.0/24 on the host, 10.0.0.0/24 in the design))
          docker network create -d macvlan --subnet 10.0.0.0/24 --gateway 10.0.0.1 -o parent=ens33 --label crossnet.topology=macvlan mac_net1
      + container:bbox-1@node-1  (network re-created)
          docker run -itd --name bbox-1 --ip 10.0.0.11 --network mac_net1 --label crossnet.topology=macvlan busybox

    Plan: 2 to add, 0 to change, 2 to remove, on 1 host.
    "
  `);
});

it("an unreachable host is a conflict, and nothing is planned for it", () => {
  const topology = example("macvlan-8021q.yaml");
  const observed: Observed = {
    "node-1": { ...(appliedSnapshot(topology)["node-1"] as HostSnapshot) },
    "node-2": {
      ...(appliedSnapshot(topology)["node-2"] as HostSnapshot),
      reachable: false,
      error: "ssh: connect timed out",
    },
  };
  expect(planTopology(topology, observed)).toMatchObject({
    steps: [],
    conflicts: [
      {
        host: "node-2",
        resourceId: "host:node-2",
        message: { en: "node-2 could not be read: ssh: connect timed out" },
        hint: {
          en: "Check the host is up and its inventory entry (address, key, host key). Nothing is planned for it.",
        },
      },
    ],
  });
  const fresh = planTopology(topology, { "node-2": { ...(observed["node-2"] as HostSnapshot) } });
  expect(new Set(fresh.steps.map((step) => step.host))).toEqual(new Set(["node-1"]));
});

it("host drift is repaired step by step: promiscuous mode off, a VLAN sub-interface gone, an address removed", () => {
  const topology = example("macvlan-8021q.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    snapshot.links = snapshot.links
      .filter((link) => link.name !== "ens32.20")
      .map((link) =>
        link.name === "ens32"
          ? { ...link, promisc: false }
          : link.name === "ens32.10"
            ? { ...link, addresses: [] }
            : link,
      );
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-2:
      ~ nic:ens32@node-2  (not promiscuous)
          ip link set ens32 promisc on
      ~ vlan:ens32.10@node-2  (address missing)
          ip addr add 192.168.1.20/24 dev ens32.10
      + vlan:ens32.20@node-2  (missing)
          ip link add link ens32 name ens32.20 type vlan id 20
      ~ vlan:ens32.20@node-2  (new)
          ip link set ens32.20 up
      ~ vlan:ens32.20@node-2  (new)
          ip addr add 192.168.2.20/24 dev ens32.20

    Plan: 1 to add, 4 to change, 0 to remove, on 1 host.
    "
  `);
});

it("a worker that left the swarm joins again with the manager's token", () => {
  const topology = example("overlay-swarm.yaml");
  const observed = drifted(topology, "node-3", (snapshot) => {
    snapshot.docker.swarm = { state: "inactive" };
  });
  const plan = planTopology(topology, observed);
  expect(text(plan)).toMatchInlineSnapshot(`
    "node-3:
      + swarm@node-3  (not in the swarm)
          docker swarm join --token "$SWARM_WORKER_TOKEN" --advertise-addr 192.168.0.103 192.168.0.102:2377

    Plan: 1 to add, 0 to change, 0 to remove, on 1 host.
    "
  `);
  expect(plan.steps[0]?.inputs).toEqual([
    {
      name: "SWARM_WORKER_TOKEN",
      host: "node-2",
      argv: ["docker", "swarm", "join-token", "-q", "worker"],
      explain: "The worker join token, printed on node-2 by 'docker swarm join-token -q worker'.",
    },
  ]);
});

it("a host in another swarm is a conflict, not a join", () => {
  const topology = example("overlay-swarm.yaml");
  const observed = drifted(topology, "node-3", (snapshot) => {
    snapshot.docker.swarm = { state: "active", nodeId: "n3", clusterId: "someone-elses-swarm", manager: false };
  });
  const plan = planTopology(topology, observed);
  expect(plan.steps).toEqual([]);
  expect(plan.conflicts.map((conflict) => conflict.message.en)).toEqual(["node-3 is in another swarm than node-2"]);
});

it("a stopped KV store is started again; the daemons and the overlay are left alone", () => {
  const topology = example("overlay-kv.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    container(snapshot, "etcd").running = false;
  });
  expect(
    planTopology(topology, observed).steps.map((step) => `${step.host} ${step.kind} ${step.argv.join(" ")}`),
  ).toEqual(["node-1 start-container docker start etcd"]);
});

it("a daemon pointed at another KV store is re-pointed and restarted", () => {
  const topology = example("overlay-kv.yaml");
  const observed = drifted(topology, "node-3", (snapshot) => {
    snapshot.docker.clusterStore = "etcd://10.9.9.9:2379";
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-3:
      + daemon@node-3  (not read yet)
          sh -c 'if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /etc/docker/daemon.json.crossnet-orig; else touch /etc/docker/daemon.json.crossnet-none; fi'
      ~ daemon@node-3  (cluster store is etcd://10.9.9.9:2379)
          tee /etc/docker/daemon.json <<'EOF' …
      ~ daemon@node-3  (new daemon settings)
          systemctl restart docker
      ~ daemon@node-3  (new daemon settings)
          sh -c 'i=0; until grep -Eq '\\''^ *[0-9]+: [0-9A-F]{8}:1F0A [0-9A-F]{8}:[0-9A-F]{4} 0A '\\'' /proc/net/tcp; do i=$((i + 1)); if [ $i -ge 150 ]; then echo '\\''dockerd has no overlay gossip (serf, TCP 7946) listening after 30 s: check its cluster-store and cluster-advertise settings and its log'\\'' >&2; exit 1; fi; sleep 0.2; done'

    Plan: 1 to add, 3 to change, 0 to remove, on 1 host.
    "
  `);
});

it("a routed bridge that lost its route and NAT exemption gets exactly those back", () => {
  const topology = example("bridge-routed.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    snapshot.routes = snapshot.routes.filter((route) => route.dst !== "172.20.1.0/24");
    snapshot.rules = snapshot.rules.filter((rule) => rule.table !== "nat");
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-2:
      + route:172.20.1.0/24@node-2  (missing)
          ip route add 172.20.1.0/24 via 192.168.0.101
      + rule:nat-return-172.20.1.0/24@node-2  (missing)
          iptables -t nat -I POSTROUTING -s 172.20.2.0/24 -d 172.20.1.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN

    Plan: 2 to add, 0 to change, 0 to remove, on 1 host.
    "
  `);
});

it("an OVS tunnel pointing at the wrong peer is changed in place", () => {
  const topology = example("ovs-vxlan.yaml");
  const observed = drifted(topology, "node-1", (snapshot) => {
    const port = snapshot.ovs[0]?.ports.find((candidate) => candidate.name === "vx-node-2");
    if (!port) throw new Error("no tunnel port");
    port.remoteIp = "192.168.0.250";
  });
  expect(text(planTopology(topology, observed))).toMatchInlineSnapshot(`
    "node-1:
      ~ ovs:br-ovs:vx-node-2@node-1  (tunnel endpoint differs)
          ovs-vsctl --may-exist add-port br-ovs vx-node-2 -- set interface vx-node-2 type=vxlan options:remote_ip=192.168.0.102 options:key=100

    Plan: 0 to add, 1 to change, 0 to remove, on 1 host.
    "
  `);
});

it.each(examples.map(({ file, topology }) => [file, topology]))(
  "%s: destroy removes only what carries the topology's label (and the design's routes)",
  (_file, topology) => {
    const applied = appliedSnapshot(topology);
    const plan = planDestroy(topology, applied);
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps.length).toBeGreaterThan(0);
    for (const step of plan.steps) {
      expect(step.action).toBe("-");
      const snapshot = applied[step.host] as HostSnapshot;
      const target = step.argv[step.argv.length - 1] ?? "";
      if (step.kind === "remove-container")
        expect(container(snapshot, target).labels[LABEL_KEY], step.id).toBe(topology.name);
      else if (step.kind === "remove-network")
        expect(snapshot.docker.networks.find((n) => n.name === target)?.labels[LABEL_KEY], step.id).toBe(topology.name);
      else if (step.kind === "del-rule") expect(step.argv, step.id).toContain(`${LABEL_KEY}=${topology.name}`);
      else expect(step.kind, step.id).toBe("del-route");
    }
    const touched = plan.steps.map((step) => step.argv.join(" "));
    for (const untouchable of [
      "docker rm -f someone-elses-app",
      "docker network rm docker_gwbridge",
      "docker network rm ingress",
      "docker network rm bridge",
      "iptables -D DOCKER-USER -j RETURN",
    ])
      expect(touched).not.toContain(untouchable);
  },
);

it("destroy of the routed bridges, as text", () => {
  const topology = example("bridge-routed.yaml");
  expect(text(planDestroy(topology, appliedSnapshot(topology)))).toMatchInlineSnapshot(`
    "node-1:
      - container:bbox-1@node-1  (destroy)
          docker rm -f bbox-1
      - network:br_net@node-1  (destroy)
          docker network rm br_net
      - rule:nat:POSTROUTING:-s 172.20.1.0/24 -d 172.20.2.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN@node-1  (destroy)
          iptables -t nat -D POSTROUTING -s 172.20.1.0/24 -d 172.20.2.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN
      - rule:filter:DOCKER-USER:-i ens33 -o br_net -m comment --comment crossnet.topology=bridge-routed -j ACCEPT@node-1  (destroy)
          iptables -D DOCKER-USER -i ens33 -o br_net -m comment --comment crossnet.topology=bridge-routed -j ACCEPT
      - route:172.20.2.0/24@node-1  (destroy)
          ip route del 172.20.2.0/24 via 192.168.0.102

    node-2:
      - container:bbox-2@node-2  (destroy)
          docker rm -f bbox-2
      - network:br_net@node-2  (destroy)
          docker network rm br_net
      - rule:nat:POSTROUTING:-s 172.20.2.0/24 -d 172.20.1.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN@node-2  (destroy)
          iptables -t nat -D POSTROUTING -s 172.20.2.0/24 -d 172.20.1.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN
      - rule:filter:DOCKER-USER:-i ens33 -o br_net -m comment --comment crossnet.topology=bridge-routed -j ACCEPT@node-2  (destroy)
          iptables -D DOCKER-USER -i ens33 -o br_net -m comment --comment crossnet.topology=bridge-routed -j ACCEPT
      - route:172.20.1.0/24@node-2  (destroy)
          ip route del 172.20.1.0/24 via 192.168.0.101

    Plan: 0 to add, 0 to change, 10 to remove, on 2 hosts.
    "
  `);
});

/** What the hosts look like after a destroy ran: labelled containers, networks, rules and the design's routes gone. */
function afterDestroy(topology: Topology, observed: Observed): Observed {
  const ours = (labels: Record<string, string>) => labels[LABEL_KEY] === topology.name;
  const routes = new Set(
    Object.values(topology.networks ?? {}).flatMap((n) =>
      n.driver === "bridge" ? Object.values(n.subnets ?? {}) : [],
    ),
  );
  return Object.fromEntries(
    Object.entries(structuredClone(observed)).map(([host, snapshot]) => [
      host,
      {
        ...snapshot,
        docker: {
          ...snapshot.docker,
          containers: snapshot.docker.containers.filter((c) => !ours(c.labels)),
          networks: snapshot.docker.networks.filter((n) => !ours(n.labels)),
        },
        rules: snapshot.rules.filter((rule) => !rule.spec.includes(`${LABEL_KEY}=${topology.name}`)),
        routes: snapshot.routes.filter((route) => !routes.has(route.dst)),
      },
    ]),
  );
}

it.each(examples.map(({ file, topology }) => [file, topology]))(
  "%s: destroy twice in a row: the second is empty; destroy on fresh hosts is empty",
  (_file, topology) => {
    expect(planDestroy(topology, afterDestroy(topology, appliedSnapshot(topology)))).toEqual({
      steps: [],
      conflicts: [],
    });
    expect(planDestroy(topology, {})).toEqual({ steps: [], conflicts: [] });
  },
);

it("destroy says so when a host cannot be read, instead of leaving it out silently", () => {
  const topology = example("macvlan.yaml");
  const observed = drifted(topology, "node-2", (snapshot) => {
    snapshot.reachable = false;
    snapshot.error = "connection refused";
  });
  const plan = planDestroy(topology, observed);
  expect(new Set(plan.steps.map((step) => step.host))).toEqual(new Set(["node-1"]));
  expect(plan.conflicts.map((conflict) => conflict.message.en)).toEqual([
    "node-2 could not be read: connection refused",
  ]);
});

it("the JSON contract: each step has exactly id, host, kind, resourceId, action, cause, argv, explain, dependsOn", () => {
  const json = JSON.parse(renderPlanJson(planTopology(example("macvlan.yaml")))) as { steps: object[] };
  expect(Object.keys(json)).toEqual(["steps"]);
  for (const step of json.steps)
    expect(Object.keys(step)).toEqual([
      "id",
      "host",
      "kind",
      "resourceId",
      "action",
      "cause",
      "argv",
      "explain",
      "dependsOn",
    ]);
  expect(json.steps[2]).toMatchInlineSnapshot(`
    {
      "action": "~",
      "argv": [
        "ip",
        "link",
        "set",
        "ens33",
        "promisc",
        "on",
      ],
      "cause": "not promiscuous",
      "dependsOn": [],
      "explain": "Puts ens33 in promiscuous mode so it accepts frames for the MAC addresses of macvlan containers, not only its own.",
      "host": "node-2",
      "id": "nic:ens33@node-2/set-promisc",
      "kind": "set-promisc",
      "resourceId": "nic:ens33@node-2",
    }
  `);
});

it("the JSON adds stdin, inputs and conflicts only where there are some", () => {
  const kv = JSON.parse(renderPlanJson(planTopology(example("overlay-kv.yaml")))) as { steps: { kind: string }[] };
  const daemon = kv.steps.find((step) => step.kind === "set-cluster-store");
  expect(Object.keys(daemon ?? {})).toContain("stdin");
  const swarm = JSON.parse(renderPlanJson(planTopology(example("overlay-swarm.yaml")))) as {
    steps: { kind: string }[];
  };
  expect(Object.keys(swarm.steps.find((step) => step.kind === "swarm-join") ?? {})).toContain("inputs");
  const topology = example("macvlan.yaml");
  const conflicted = drifted(topology, "node-1", (snapshot) => {
    snapshot.reachable = false;
  });
  expect(Object.keys(JSON.parse(renderPlanJson(planTopology(topology, conflicted))))).toEqual(["steps", "conflicts"]);
});

it("the script for one host runs its steps by hand, with here-documents and the inputs it needs", () => {
  const kv = example("overlay-kv.yaml");
  expect(renderHostScript(planTopology(kv), "node-2", kv.name)).toMatchInlineSnapshot(`
    "#!/usr/bin/env bash
    # Crossnet plan for topology 'overlay-kv', host node-2: run it as root on node-2.
    # Steps that need another host first are marked; run the hosts' scripts in the order of \`crossnet plan\`.
    set -euo pipefail

    # ~ nic:ens32@node-2 (address missing)
    # Gives ens32 its address 192.168.0.102/24 on the hosts' network.
    ip addr add 192.168.0.102/24 dev ens32

    # + daemon@node-2 (not read yet)
    # Keeps a byte-exact copy of node-2's /etc/docker/daemon.json as /etc/docker/daemon.json.crossnet-orig
    # (or notes that there was none); destroy puts it back.
    # after: kv:node-1/start-kv-store
    sh -c 'if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /etc/docker/daemon.json.crossnet-orig; else touch /etc/docker/daemon.json.crossnet-none; fi'

    # ~ daemon@node-2 (no cluster store)
    # Tells dockerd where the KV store is (etcd://192.168.0.101:2379) and which address to advertise to
    # the other hosts (ens32:2376), merged into /etc/docker/daemon.json: its other settings stay. The
    # tutorial edited ExecStart in docker.service and also opened -H tcp://0.0.0.0:2376; Crossnet leaves
    # that out: an unauthenticated Docker API on the network is root for anyone who reaches it.
    # after: kv:node-1/start-kv-store
    tee /etc/docker/daemon.json <<'CROSSNET_EOF'
    {
      "cluster-store": "etcd://192.168.0.101:2379",
      "cluster-advertise": "ens32:2376"
    }
    CROSSNET_EOF

    # ~ daemon@node-2 (new daemon settings)
    # Restarts dockerd so it registers with the KV store (running containers stop unless they have a
    # restart policy).
    systemctl restart docker

    # ~ daemon@node-2 (new daemon settings)
    # Waits (at most 30 s) until dockerd's overlay gossip (serf, TCP port 7946) listens, before the next
    # host's dockerd restarts: dockerd 20.10 joins just one gossip neighbour in its life, so dockerds
    # restarted together can split into groups whose containers never learn of each other.
    sh -c 'i=0; until grep -Eq '\\''^ *[0-9]+: [0-9A-F]{8}:1F0A [0-9A-F]{8}:[0-9A-F]{4} 0A '\\'' /proc/net/tcp; do i=$((i + 1)); if [ $i -ge 150 ]; then echo '\\''dockerd has no overlay gossip (serf, TCP 7946) listening after 30 s: check its cluster-store and cluster-advertise settings and its log'\\'' >&2; exit 1; fi; sleep 0.2; done'

    # + network:ov_net1@node-2 (missing)
    # Creates overlay ov_net1 once, on node-2: it is stored in the KV store, so the other hosts see it too
    # (SCOPE global).
    docker network create -d overlay --label crossnet.topology=overlay-kv ov_net1

    # + container:bbox-1@node-2 (missing)
    # Starts bbox-1 (busybox) on node-2 attached to ov_net1; Docker gives it 10.0.0.2, the next free
    # address. -itd keeps busybox's shell running in the background.
    docker run -itd --name bbox-1 --network ov_net1 --label crossnet.topology=overlay-kv busybox
    "
  `);
  const swarm = example("overlay-swarm.yaml");
  expect(renderHostScript(planTopology(swarm), "node-3", swarm.name)).toContain(
    `: "\${SWARM_WORKER_TOKEN:?run 'docker swarm join-token -q worker' on node-2 and export SWARM_WORKER_TOKEN}"`,
  );
  expect(renderHostScript({ steps: [], conflicts: [] }, "node-9", "t")).toContain("# Nothing to do on this host.");
});

it("on userspace OVS (the lab) a tunnel is a kernel vxlan device added to the bridge, and re-applying is a no-op", () => {
  const topology = example("ovs-vxlan.yaml");
  const fresh = planTopology(topology, {}, { ovsDatapath: "netdev" });
  const node1 = fresh.steps.filter((step) => step.host === "node-1" && step.resourceId.includes("vx-node-2"));
  expect(node1.map((step) => displayCommand(step.argv))).toEqual([
    "ip link add vx-node-2 type vxlan id 100 remote 192.168.0.102 local 192.168.0.101 dstport 4789 dev ens33",
    "ip link set vx-node-2 up",
    "ovs-vsctl --may-exist add-port br-ovs vx-node-2",
  ]);
  expect(planTopology(topology, appliedSnapshot(topology), { ovsDatapath: "netdev" }).steps).toEqual([]);
});

it("OVS tunnels across three or more hosts form a star from the first host (a mesh loops), with one VXLAN UDP port per hub link on the lab", () => {
  const topology = checkTopologyText(
    [
      "name: ovs-star",
      "hosts:",
      "  node-1: { nics: { ens33: { address: 192.168.0.11/24 } } }",
      "  node-2: { nics: { eth0: { address: 192.168.0.12/24 } } }",
      "  node-3: { nics: { ens33: { address: 192.168.0.13/24 } } }",
      "networks:",
      "  ovs1: { driver: ovs, subnet: 10.40.0.0/24, tunnel: vxlan, vni: 101 }",
      "containers:",
      "  c1: { host: node-1, image: busybox, networks: { ovs1: { ip: 10.40.0.11 } } }",
      "  c2: { host: node-2, image: busybox, networks: { ovs1: { ip: 10.40.0.12 } } }",
      "  c3: { host: node-3, image: busybox, networks: { ovs1: { ip: 10.40.0.13 } } }",
      "",
    ].join("\n"),
  ).topology as Topology;
  const links = planTopology(topology, {}, { ovsDatapath: "netdev" })
    .steps.filter((step) => step.kind === "create-tunnel-link")
    .map((step) => `${step.host}: ${displayCommand(step.argv)}`);
  expect(links).toEqual([
    "node-1: ip link add vx-node-2 type vxlan id 101 remote 192.168.0.12 local 192.168.0.11 dstport 4789 dev ens33",
    "node-1: ip link add vx-node-3 type vxlan id 101 remote 192.168.0.13 local 192.168.0.11 dstport 4790 dev ens33",
    "node-2: ip link add vx-node-1 type vxlan id 101 remote 192.168.0.11 local 192.168.0.12 dstport 4789 dev eth0",
    "node-3: ip link add vx-node-1 type vxlan id 101 remote 192.168.0.11 local 192.168.0.13 dstport 4790 dev ens33",
  ]);
  const tunnels = planTopology(topology, {}, { ovsDatapath: "system" }).steps.filter(
    (step) => step.kind === "add-ovs-tunnel",
  );
  expect(tunnels.map((step) => `${step.host}→${step.argv.find((a) => a.startsWith("options:remote_ip="))}`)).toEqual([
    "node-1→options:remote_ip=192.168.0.12",
    "node-1→options:remote_ip=192.168.0.13",
    "node-2→options:remote_ip=192.168.0.11",
    "node-3→options:remote_ip=192.168.0.11",
  ]);
  expect(planTopology(topology, appliedSnapshot(topology), { ovsDatapath: "netdev" }).steps).toEqual([]);
});

it("on the lab a GRE tunnel is a conflict that says why (its kernel has no gretap), not a failing step", () => {
  const topology = checkTopologyText(
    yaml`
      name: ovs-gre
      hosts:
        node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
        node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
      networks:
        ovs_net: { driver: ovs, subnet: 10.10.0.0/24, tunnel: gre, vni: 7 }
      containers:
        bbox-1: { host: node-1, image: busybox, networks: { ovs_net: { ip: 10.10.0.11 } } }
        bbox-2: { host: node-2, image: busybox, networks: { ovs_net: { ip: 10.10.0.12 } } }
    `,
  ).topology as Topology;
  const plan = planTopology(topology, {}, { ovsDatapath: "netdev" });
  expect(plan.steps.some((step) => step.kind === "create-tunnel-link")).toBe(false);
  expect(plan.conflicts.map((conflict) => conflict.message.en)).toEqual([
    "the lab cannot build GRE tunnel gre-node-2 of ovs_net: its kernel has no GRE (gretap) devices, and userspace OVS only tunnels over a NIC it owns",
    "the lab cannot build GRE tunnel gre-node-1 of ovs_net: its kernel has no GRE (gretap) devices, and userspace OVS only tunnels over a NIC it owns",
  ]);
  expect(planTopology(topology, {}, { ovsDatapath: "system" }).conflicts).toEqual([]);
});

it("ovs-docker names the container's OVS interface after the bridge, never Docker's ethN, unless it is alone (eth1, as in the tutorial)", () => {
  expect(ovsInterface("br-ovs")).toBe("br-ovs");
  expect(ovsInterface("eth1")).toBe("oeth1");
  expect(ovsInterface("br-ovs", true)).toBe("eth1");
  const topology = example("ovs-vxlan.yaml");
  const bbox1 = topology.containers?.["bbox-1"];
  if (!bbox1) throw new Error("ovs-vxlan.yaml has no bbox-1");
  expect(ovsInterfaceFor(topology, bbox1, "ovs_net")).toBe("eth1");
  const alsoOnBridge = { ...bbox1, networks: { br: {}, ...bbox1.networks } };
  const withBridge = { ...topology, networks: { ...topology.networks, br: { driver: "bridge" as const } } };
  expect(ovsInterfaceFor(withBridge, alsoOnBridge, "ovs_net")).toBe("br-ovs");
});

it("a stopped container on a swarm overlay is run again, not started (the worker forgot the network)", () => {
  const topology = example("overlay-swarm.yaml");
  const applied = appliedSnapshot(topology);
  const bbox2 = applied["node-3"]?.docker.containers.find((container) => container.name === "bbox-2");
  if (!bbox2) throw new Error("no bbox-2 on node-3");
  bbox2.running = false;
  const steps = planTopology(topology, applied).steps.filter((step) => step.resourceId === "container:bbox-2@node-3");
  expect(steps.map((step) => step.kind)).toEqual(["remove-container", "run-container"]);
  expect(steps[0]?.cause.en).toContain("stopped on swarm overlay ov_net1");
});

it("a Consul design applied on the lab's etcd takes the store the lab serves, and re-applying is a no-op", () => {
  const text = loadExamples().find((e) => e.file === "overlay-kv.yaml")?.text ?? "";
  const consul = checkTopologyText(text.replace("etcd://node-1:2379", "consul://node-1:8500")).topology as Topology;
  const options = { kvProvided: true, kvUrl: "etcd://192.168.0.101:2379" };
  const daemon = planTopology(consul, {}, options).steps.find((step) => step.kind === "set-cluster-store");
  expect(daemon?.stdin).toContain('"cluster-store": "etcd://192.168.0.101:2379"');
  const applied = appliedSnapshot(consul, { kvProvided: true, kvUrl: options.kvUrl });
  for (const host of Object.values(applied)) if (host.docker.clusterStore) host.docker.clusterStore = options.kvUrl;
  expect(planTopology(consul, applied, options).steps).toEqual([]);
});

it("a network to remove that a hand-started container still uses is a conflict, not a failing step", () => {
  const topology = example("macvlan.yaml");
  const applied = appliedSnapshot(topology);
  const node1 = applied["node-1"];
  if (!node1) throw new Error("no node-1");
  node1.docker.containers.push({
    id: "hand",
    name: "by-hand",
    image: "busybox",
    running: true,
    labels: {},
    networks: { mac_net1: { ip: "10.0.0.50", aliases: [] } },
  });
  const plan = planDestroy(topology, applied);
  expect(plan.steps.some((step) => step.resourceId === "network:mac_net1@node-1")).toBe(false);
  expect(plan.steps.some((step) => step.resourceId === "network:mac_net1@node-2")).toBe(true);
  expect(plan.conflicts.map((conflict) => conflict.message.en)).toEqual([
    "network mac_net1 should go, but containers Crossnet did not create still use it: by-hand@node-1",
  ]);
});

it("a re-created container on OVS first loses the port ovs-docker made for its predecessor", () => {
  const topology = example("ovs-vxlan.yaml");
  const applied = appliedSnapshot(topology);
  const node1 = applied["node-1"];
  if (!node1) throw new Error("no node-1");
  node1.docker.containers = node1.docker.containers.filter((container) => container.name !== "bbox-1");
  const steps = planTopology(topology, applied, { ovsDatapath: "netdev" }).steps.map((step) =>
    displayCommand(step.argv),
  );
  expect(steps).toEqual([
    "docker run -itd --name bbox-1 --network none --label crossnet.topology=ovs-vxlan busybox",
    "ovs-docker del-port br-ovs eth1 bbox-1",
    "ovs-docker add-port br-ovs eth1 bbox-1 --ipaddress=10.10.0.11/24 --mtu=1450",
  ]);
});

it("a NAT exemption that Docker's masquerade rule shadows is removed and inserted again on top", () => {
  const topology = example("bridge-routed.yaml");
  const applied = appliedSnapshot(topology);
  const node2 = applied["node-2"];
  if (!node2) throw new Error("no node-2");
  node2.rules = node2.rules.map((rule) => (rule.table === "nat" ? { ...rule, shadowed: true } : rule));
  const steps = planTopology(topology, applied).steps;
  expect(steps.map((step) => `${step.host} ${step.kind} ${step.cause.en}`)).toEqual([
    "node-2 del-rule below Docker's masquerade rule",
    "node-2 add-rule below Docker's masquerade rule",
  ]);
});

it("destroy says why each container and network goes: destroy, not 'not in design'", () => {
  const topology = example("macvlan.yaml");
  const plan = planDestroy(topology, appliedSnapshot(topology));
  const removals = plan.steps.filter((step) => step.kind === "remove-container" || step.kind === "remove-network");
  expect(removals.length).toBeGreaterThan(0);
  for (const step of removals) {
    expect(step.cause.en).toBe("destroy");
    expect(step.explain.en).not.toContain("no longer has");
    expect(step.explain.en).toContain("which Crossnet created for macvlan");
  }
});

it("two OVS networks between the same hosts name their tunnels by key; a lone one keeps the tutorial's plain name", () => {
  const topology = design(yaml`
    name: two-ovs
    hosts:
      node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
      node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
      node-3: { nics: { ens33: { address: 192.168.0.103/24 } } }
    networks:
      a: { driver: ovs, subnet: 10.10.1.0/24, bridge: br-a, vni: 101 }
      b: { driver: ovs, subnet: 10.10.2.0/24, bridge: br-b, vni: 102 }
    containers:
      a1: { host: node-1, image: busybox, networks: { a: {}, b: {} } }
      a2: { host: node-2, image: busybox, networks: { a: {}, b: {} } }
      a3: { host: node-3, image: busybox, networks: { b: {} } }
  `);
  const ports = planTopology(topology, {})
    .steps.filter((step) => step.kind === "add-ovs-tunnel")
    .map((step) => step.resourceId);
  expect(ports).toEqual([
    "ovs:br-a:vx101-node-2@node-1",
    "ovs:br-a:vx101-node-1@node-2",
    "ovs:br-b:vx102-node-2@node-1",
    "ovs:br-b:vx-node-3@node-1",
    "ovs:br-b:vx102-node-1@node-2",
    "ovs:br-b:vx-node-1@node-3",
  ]);
  expect(planTopology(topology, appliedSnapshot(topology)).steps).toEqual([]);
});

const PUBLISHED = yaml`
  name: web
  hosts:
    node-1: { nics: { ens33: { address: 192.168.0.101/24 } } }
    node-2: { nics: { ens33: { address: 192.168.0.102/24 } } }
  networks: { br: { driver: bridge, subnet: 172.30.0.0/24 } }
  containers:
    web: { host: node-1, image: busybox, networks: { br: {} }, command: [httpd, -f, -p, "80"], services: [{ proto: tcp, port: 80 }], publish: ["8080:80/tcp", "192.168.0.101:5353:53/udp"] }
    client: { host: node-2, image: busybox, networks: { br: {} } }
`;

it("published ports become -p flags and a label, and the plan says what publishing does", () => {
  const plan = planTopology(design(PUBLISHED));
  const run = plan.steps.find((step) => step.kind === "run-container" && step.resourceId.startsWith("container:web@"));
  expect(run?.argv).toEqual([
    "docker",
    "run",
    "-itd",
    "--name",
    "web",
    "--ip",
    "172.30.0.2",
    "--network",
    "br",
    "-p",
    "8080:80/tcp",
    "-p",
    "192.168.0.101:5353:53/udp",
    "--label",
    "crossnet.publish=8080:80/tcp,192.168.0.101:5353:53/udp",
    "--label",
    "crossnet.topology=web",
    "busybox",
    "httpd",
    "-f",
    "-p",
    "80",
  ]);
  expect(run?.explain.en).toContain("-p 8080:80/tcp, 192.168.0.101:5353:53/udp publishes ports on node-1");
});

it("a container with published ports, applied, needs no step; other published ports re-create it", () => {
  const topology = design(PUBLISHED);
  expect(planTopology(topology, appliedSnapshot(topology)).steps).toEqual([]);
  const observed = drifted(topology, "node-1", (snapshot) => {
    container(snapshot, "web").labels["crossnet.publish"] = "8081:80/tcp";
  });
  expect(planTopology(topology, observed).steps.map((step) => `${step.kind} ${step.cause.en}`)).toEqual([
    "remove-container published ports are 8081:80/tcp, design says 8080:80/tcp,192.168.0.101:5353:53/udp",
    "run-container published ports are 8081:80/tcp, design says 8080:80/tcp,192.168.0.101:5353:53/udp",
  ]);
});

const SHIMMED = yaml`
  name: macvlan-hosts
  hosts:
    node-1: { nics: { ens33: { address: 192.168.0.53/24, promisc: true } }, shims: [{ network: mac_net1, name: shim0, ip: 192.168.0.250 }] }
    node-2: { nics: { ens33: { address: 192.168.0.54/24, promisc: true } } }
  networks:
    mac_net1: { driver: macvlan, subnet: 192.168.0.0/24, gateway: 192.168.0.1, parent: { node-1: ens33, node-2: ens33 } }
  containers:
    bbox-1: { host: node-1, image: busybox, networks: { mac_net1: { ip: 192.168.0.11 } } }
    bbox-2: { host: node-2, image: busybox, networks: { mac_net1: { ip: 192.168.0.12 } } }
`;

it("a macvlan shim: its interface on the parent, a /32 address, up, and a route to each of the host's containers", () => {
  const topology = design(SHIMMED);
  const steps = planTopology(topology).steps.filter(
    (step) => step.resourceId.includes("shim0") || step.resourceId.startsWith("route:"),
  );
  expect(steps.map((step) => displayCommand(step.argv))).toEqual([
    "ip link add shim0 link ens33 type macvlan mode bridge",
    "ip addr add 192.168.0.250/32 dev shim0",
    "ip link set dev shim0 up alias crossnet.topology=macvlan-hosts",
    "ip route add 192.168.0.11/32 dev shim0",
  ]);
  expect(steps[0]?.explain.en).toContain("macvlan never passes frames between a parent and its children");
  expect(planTopology(topology, appliedSnapshot(topology)).steps).toEqual([]);
});

it("destroy deletes the shim; a host without it has nothing to delete", () => {
  const topology = design(SHIMMED);
  const destroy = planDestroy(topology, appliedSnapshot(topology)).steps.filter((step) => step.kind === "remove-shim");
  expect(destroy.map((step) => `${step.host}: ${displayCommand(step.argv)}`)).toEqual(["node-1: ip link del shim0"]);
  const gone = drifted(topology, "node-1", (snapshot) => {
    snapshot.links = snapshot.links.filter((link) => link.name !== "shim0");
  });
  expect(planDestroy(topology, gone).steps.filter((step) => step.kind === "remove-shim")).toEqual([]);
});

it("a shim the design dropped is deleted; an interface of a shim's name that is not ours is a conflict", () => {
  const topology = design(SHIMMED);
  const dropped = design(SHIMMED.replace(", shims: [{ network: mac_net1, name: shim0, ip: 192.168.0.250 }]", ""));
  expect(
    planTopology(dropped, appliedSnapshot(topology))
      .steps.filter((step) => step.kind === "remove-shim")
      .map((step) => `${step.cause.en}: ${displayCommand(step.argv)}`),
  ).toEqual(["not in design: ip link del shim0"]);
  const foreign = drifted(topology, "node-1", (snapshot) => {
    for (const link of snapshot.links)
      if (link.name === "shim0") {
        link.kind = "bridge";
        delete link.alias;
      }
  });
  const plan = planTopology(topology, foreign);
  expect(plan.steps.filter((step) => step.resourceId.startsWith("shim:"))).toEqual([]);
  expect(plan.conflicts.map((conflict) => conflict.message.en)).toEqual([
    "node-1 already has an interface shim0 that is not this design's shim (bridge)",
  ]);
  expect(planDestroy(topology, foreign).steps.filter((step) => step.kind === "remove-shim")).toEqual([]);
});

it("a swarm overlay keeps its design subnet when the manager runs none of its containers", () => {
  const topology = design(`
name: idle-manager
hosts:
  node-1: { nics: { ens33: { address: 192.168.0.11/24 } } }
  node-2: { nics: { ens33: { address: 192.168.0.12/24 } } }
networks:
  sw2: { driver: overlay, control: swarm, subnet: 10.41.0.0/24, gateway: 10.41.0.1 }
  sw4: { driver: overlay, control: swarm }
containers:
  c1: { host: node-1, image: busybox, networks: { sw4: {} } }
  c2: { host: node-2, image: busybox, networks: { sw2: { ip: 10.41.0.206 } } }
`);
  const create = planTopology(topology, {}).steps.find((step) => step.id === "network:sw2@node-1/create-network");
  expect(create?.argv.join(" ")).toContain("--subnet 10.41.0.0/24 --gateway 10.41.0.1");
  const wrongSubnet = drifted(topology, "node-1", (snapshot) => {
    const sw2 = snapshot.docker.networks.find((network) => network.name === "sw2");
    if (sw2) sw2.subnet = "10.0.1.0/24";
  });
  expect(planTopology(topology, wrongSubnet).steps.map((step) => step.id)).toContain(
    "network:sw2@node-1/remove-network",
  );
});
