import { describe, expect, it } from "vitest";
import { LABEL_KEY } from "@/lib/plan/commands";
import { planTopology } from "@/lib/plan/plan";
import { renderPlanText } from "@/lib/plan/render";
import { appliedSnapshot } from "@/lib/plan/testing/applied-snapshot";
import type { Plan } from "@/lib/plan/types";
import { checkTopologyText } from "@/lib/topology/check";
import type { Topology } from "@/lib/topology/schema";
import { example, loadExamples } from "@/lib/topology/testing/text";

/**
 * The tutorial's experiments, one file each in examples/. For each: the plan on fresh hosts as text,
 * the tutorial's own commands found in it step for step, and re-planning after an apply gives nothing.
 */

const examples = loadExamples();

function plan(topology: Topology): Plan {
  return planTopology(topology);
}

/**
 * A command of the tutorial as argv, with its `--ip=X` and `--gateway=X` written as two words the way
 * Crossnet writes them (docker reads both forms the same).
 */
function tutorial(line: string): string[] {
  return line
    .trim()
    .split(/\s+/)
    .flatMap((word) => (/^--(ip|gateway)=/.test(word) ? word.split("=") : [word]));
}

/** Crossnet's argv without the label it adds to everything it creates (so destroy and drift find only its own). */
function withoutLabel(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--label" && argv[i + 1]?.startsWith(`${LABEL_KEY}=`)) i++;
    else out.push(argv[i] ?? "");
  }
  return out;
}

/** The host's commands, in plan order, that equal the tutorial's commands; fails naming the first one missing. */
function expectInOrder(p: Plan, host: string, lines: string[], normalize = withoutLabel): void {
  const commands = p.steps.filter((step) => step.host === host).map((step) => normalize(step.argv).join(" "));
  let from = 0;
  for (const line of lines) {
    const wanted = tutorial(line).join(" ");
    const at = commands.indexOf(wanted, from);
    expect(at, `'${wanted}' on ${host}, after position ${from}, in:\n${commands.join("\n")}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

it("every example is valid and has no warnings except the ones the tutorial teaches", () => {
  const notes = examples.map(({ file, text }) => [
    file,
    checkTopologyText(text)
      .issues.map((issue) => `${issue.severity} ${issue.code}`)
      .join(", "),
  ]);
  expect(Object.fromEntries(notes)).toEqual({
    "bridge-routed.yaml": "",
    "macvlan-8021q.yaml": "info macvlan-no-dns-across-hosts, info macvlan-no-dns-across-hosts",
    "macvlan.yaml": "info macvlan-no-dns-across-hosts",
    "overlay-isolation.yaml": "info swarm-ip-runtime, info swarm-ip-runtime",
    "overlay-kv.yaml": "warning overlay-kv-removed",
    "overlay-swarm.yaml": "info swarm-ip-runtime",
    "ovs-vxlan.yaml": "",
  });
});

describe("the plan on fresh hosts", () => {
  it("bridge-routed: address, forwarding, a route to the peer's subnet, the bridge, then the NAT exemption above Docker's masquerade", () => {
    expect(renderPlanText(plan(example("bridge-routed.yaml")))).toMatchInlineSnapshot(`
      "node-1:
        ~ nic:ens33@node-1  (address missing)
            ip addr add 192.168.0.101/24 dev ens33
        ~ sysctl:ip_forward@node-1  (forwarding off)
            sysctl -w net.ipv4.ip_forward=1
        + route:172.20.2.0/24@node-1  (missing)
            ip route add 172.20.2.0/24 via 192.168.0.102
        + network:br_net@node-1  (missing)
            docker network create -d bridge --subnet 172.20.1.0/24 -o com.docker.network.bridge.name=br_net --label crossnet.topology=bridge-routed br_net
        + rule:nat-return-172.20.2.0/24@node-1  (missing)
            iptables -t nat -I POSTROUTING -s 172.20.1.0/24 -d 172.20.2.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN
        + rule:forward-br_net@node-1  (missing)
            iptables -I DOCKER-USER -i ens33 -o br_net -m comment --comment crossnet.topology=bridge-routed -j ACCEPT
        + container:bbox-1@node-1  (missing)
            docker run -itd --name bbox-1 --ip 172.20.1.2 --network br_net --label crossnet.topology=bridge-routed busybox

      node-2:
        ~ nic:ens33@node-2  (address missing)
            ip addr add 192.168.0.102/24 dev ens33
        ~ sysctl:ip_forward@node-2  (forwarding off)
            sysctl -w net.ipv4.ip_forward=1
        + route:172.20.1.0/24@node-2  (missing)
            ip route add 172.20.1.0/24 via 192.168.0.101
        + network:br_net@node-2  (missing)
            docker network create -d bridge --subnet 172.20.2.0/24 -o com.docker.network.bridge.name=br_net --label crossnet.topology=bridge-routed br_net
        + rule:nat-return-172.20.1.0/24@node-2  (missing)
            iptables -t nat -I POSTROUTING -s 172.20.2.0/24 -d 172.20.1.0/24 -m comment --comment crossnet.topology=bridge-routed -j RETURN
        + rule:forward-br_net@node-2  (missing)
            iptables -I DOCKER-USER -i ens33 -o br_net -m comment --comment crossnet.topology=bridge-routed -j ACCEPT
        + container:bbox-2@node-2  (missing)
            docker run -itd --name bbox-2 --ip 172.20.2.2 --network br_net --label crossnet.topology=bridge-routed busybox

      Plan: 10 to add, 4 to change, 0 to remove, on 2 hosts.
      "
    `);
  });

  it("macvlan: promiscuous parent, the macvlan network on each host, containers with fixed addresses", () => {
    expect(renderPlanText(plan(example("macvlan.yaml")))).toMatchInlineSnapshot(`
      "node-1:
        ~ nic:ens33@node-1  (not promiscuous)
            ip link set ens33 promisc on
        ~ nic:ens33@node-1  (address missing)
            ip addr add 192.168.0.53/24 dev ens33
        + network:mac_net1@node-1  (missing)
            docker network create -d macvlan --subnet 10.0.0.0/24 --gateway 10.0.0.1 -o parent=ens33 --label crossnet.topology=macvlan mac_net1
        + container:bbox-1@node-1  (missing)
            docker run -itd --name bbox-1 --ip 10.0.0.11 --network mac_net1 --label crossnet.topology=macvlan busybox

      node-2:
        ~ nic:ens33@node-2  (not promiscuous)
            ip link set ens33 promisc on
        ~ nic:ens33@node-2  (address missing)
            ip addr add 192.168.0.54/24 dev ens33
        + network:mac_net1@node-2  (missing)
            docker network create -d macvlan --subnet 10.0.0.0/24 --gateway 10.0.0.1 -o parent=ens33 --label crossnet.topology=macvlan mac_net1
        + container:bbox-2@node-2  (missing)
            docker run -itd --name bbox-2 --ip 10.0.0.12 --network mac_net1 --label crossnet.topology=macvlan busybox

      Plan: 4 to add, 4 to change, 0 to remove, on 2 hosts.
      "
    `);
  });

  it("macvlan-8021q: VLAN 10 and 20 sub-interfaces, one macvlan network per VLAN, four containers", () => {
    expect(renderPlanText(plan(example("macvlan-8021q.yaml")))).toMatchInlineSnapshot(`
      "node-1:
        ~ nic:ens33@node-1  (not promiscuous)
            ip link set ens33 promisc on
        + vlan:ens33.10@node-1  (missing)
            ip link add link ens33 name ens33.10 type vlan id 10
        ~ vlan:ens33.10@node-1  (new)
            ip link set ens33.10 up
        ~ vlan:ens33.10@node-1  (new)
            ip addr add 192.168.1.10/24 dev ens33.10
        + vlan:ens33.20@node-1  (missing)
            ip link add link ens33 name ens33.20 type vlan id 20
        ~ vlan:ens33.20@node-1  (new)
            ip link set ens33.20 up
        ~ vlan:ens33.20@node-1  (new)
            ip addr add 192.168.2.10/24 dev ens33.20
        + network:mac_net11@node-1  (missing)
            docker network create -d macvlan --subnet 172.16.11.0/24 --gateway 172.16.11.1 -o parent=ens33.10 --label crossnet.topology=macvlan-8021q mac_net11
        + network:mac_net12@node-1  (missing)
            docker network create -d macvlan --subnet 172.16.12.0/24 --gateway 172.16.12.1 -o parent=ens33.20 --label crossnet.topology=macvlan-8021q mac_net12
        + container:bbox-11@node-1  (missing)
            docker run -itd --name bbox-11 --ip 172.16.11.11 --network mac_net11 --label crossnet.topology=macvlan-8021q busybox
        + container:bbox-12@node-1  (missing)
            docker run -itd --name bbox-12 --ip 172.16.12.11 --network mac_net12 --label crossnet.topology=macvlan-8021q busybox

      node-2:
        ~ nic:ens32@node-2  (not promiscuous)
            ip link set ens32 promisc on
        + vlan:ens32.10@node-2  (missing)
            ip link add link ens32 name ens32.10 type vlan id 10
        ~ vlan:ens32.10@node-2  (new)
            ip link set ens32.10 up
        ~ vlan:ens32.10@node-2  (new)
            ip addr add 192.168.1.20/24 dev ens32.10
        + vlan:ens32.20@node-2  (missing)
            ip link add link ens32 name ens32.20 type vlan id 20
        ~ vlan:ens32.20@node-2  (new)
            ip link set ens32.20 up
        ~ vlan:ens32.20@node-2  (new)
            ip addr add 192.168.2.20/24 dev ens32.20
        + network:mac_net11@node-2  (missing)
            docker network create -d macvlan --subnet 172.16.11.0/24 --gateway 172.16.11.1 -o parent=ens32.10 --label crossnet.topology=macvlan-8021q mac_net11
        + network:mac_net12@node-2  (missing)
            docker network create -d macvlan --subnet 172.16.12.0/24 --gateway 172.16.12.1 -o parent=ens32.20 --label crossnet.topology=macvlan-8021q mac_net12
        + container:bbox-21@node-2  (missing)
            docker run -itd --name bbox-21 --ip 172.16.11.12 --network mac_net11 --label crossnet.topology=macvlan-8021q busybox
        + container:bbox-22@node-2  (missing)
            docker run -itd --name bbox-22 --ip 172.16.12.12 --network mac_net12 --label crossnet.topology=macvlan-8021q busybox

      Plan: 12 to add, 10 to change, 0 to remove, on 2 hosts.
      "
    `);
  });

  it("overlay-isolation: swarm init and join, two overlays, bbox-3 connected to ov_net1 last", () => {
    expect(renderPlanText(plan(example("overlay-isolation.yaml")))).toMatchInlineSnapshot(`
      "node-2:
        ~ nic:ens32@node-2  (address missing)
            ip addr add 192.168.0.102/24 dev ens32
        + swarm@node-2  (not in a swarm)
            docker swarm init --advertise-addr 192.168.0.102
        + network:ov_net1@node-2  (missing)
            docker network create -d overlay --attachable --label crossnet.topology=overlay-isolation ov_net1
        + network:ov_net2@node-2  (missing)
            docker network create -d overlay --attachable --label crossnet.topology=overlay-isolation ov_net2
        + container:bbox-1@node-2  (missing)
            docker run -itd --name bbox-1 --network ov_net1 --label crossnet.topology=overlay-isolation busybox
        + container:bbox-3@node-2  (missing)
            docker run -itd --name bbox-3 --network ov_net2 --label crossnet.topology=overlay-isolation busybox
        + container:bbox-3@node-2:ov_net1  (second network)
            docker network connect ov_net1 bbox-3

      node-3:
        ~ nic:ens32@node-3  (address missing)
            ip addr add 192.168.0.103/24 dev ens32
        + swarm@node-3  (not in the swarm)
            docker swarm join --token "$SWARM_WORKER_TOKEN" --advertise-addr 192.168.0.103 192.168.0.102:2377
        + container:bbox-2@node-3  (missing)
            docker run -itd --name bbox-2 --network ov_net1 --label crossnet.topology=overlay-isolation busybox

      Plan: 8 to add, 2 to change, 0 to remove, on 2 hosts.
      "
    `);
  });

  it("overlay-kv: the KV store, each daemon pointed at it, the overlay created once", () => {
    expect(renderPlanText(plan(example("overlay-kv.yaml")))).toMatchInlineSnapshot(`
      "node-1:
        ~ nic:ens32@node-1  (address missing)
            ip addr add 192.168.0.101/24 dev ens32
        + kv:node-1  (missing)
            docker run -d -p 192.168.0.101:2379:2379 --name etcd --label crossnet.topology=overlay-kv quay.io/coreos/etcd:v3.4.34 etcd --enable-v2 --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://192.168.0.101:2379
        + rule:kv-drop@node-1  (missing)
            iptables -t mangle -I PREROUTING -p tcp -m tcp --dport 2379 -m comment --comment crossnet.topology=overlay-kv -j DROP
        + rule:kv-allow-192.168.0.101/32@node-1  (missing)
            iptables -t mangle -I PREROUTING -s 192.168.0.101/32 -p tcp -m tcp --dport 2379 -m comment --comment crossnet.topology=overlay-kv -j ACCEPT
        + rule:kv-allow-192.168.0.102/32@node-1  (missing)
            iptables -t mangle -I PREROUTING -s 192.168.0.102/32 -p tcp -m tcp --dport 2379 -m comment --comment crossnet.topology=overlay-kv -j ACCEPT
        + rule:kv-allow-192.168.0.103/32@node-1  (missing)
            iptables -t mangle -I PREROUTING -s 192.168.0.103/32 -p tcp -m tcp --dport 2379 -m comment --comment crossnet.topology=overlay-kv -j ACCEPT

      node-2:
        ~ nic:ens32@node-2  (address missing)
            ip addr add 192.168.0.102/24 dev ens32
        + daemon@node-2  (not read yet)
            sh -c 'if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /etc/docker/daemon.json.crossnet-orig; else touch /etc/docker/daemon.json.crossnet-none; fi'
        ~ daemon@node-2  (no cluster store)
            tee /etc/docker/daemon.json <<'EOF' …
        ~ daemon@node-2  (new daemon settings)
            systemctl restart docker
        ~ daemon@node-2  (new daemon settings)
            sh -c 'i=0; until grep -Eq '\\''^ *[0-9]+: [0-9A-F]{8}:1F0A [0-9A-F]{8}:[0-9A-F]{4} 0A '\\'' /proc/net/tcp; do i=$((i + 1)); if [ $i -ge 150 ]; then echo '\\''dockerd has no overlay gossip (serf, TCP 7946) listening after 30 s: check its cluster-store and cluster-advertise settings and its log'\\'' >&2; exit 1; fi; sleep 0.2; done'
        + network:ov_net1@node-2  (missing)
            docker network create -d overlay --label crossnet.topology=overlay-kv ov_net1
        + container:bbox-1@node-2  (missing)
            docker run -itd --name bbox-1 --network ov_net1 --label crossnet.topology=overlay-kv busybox

      node-3:
        ~ nic:ens32@node-3  (address missing)
            ip addr add 192.168.0.103/24 dev ens32
        + daemon@node-3  (not read yet)
            sh -c 'if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /etc/docker/daemon.json.crossnet-orig; else touch /etc/docker/daemon.json.crossnet-none; fi'
        ~ daemon@node-3  (no cluster store)
            tee /etc/docker/daemon.json <<'EOF' …
        ~ daemon@node-3  (new daemon settings)
            systemctl restart docker
        ~ daemon@node-3  (new daemon settings)
            sh -c 'i=0; until grep -Eq '\\''^ *[0-9]+: [0-9A-F]{8}:1F0A [0-9A-F]{8}:[0-9A-F]{4} 0A '\\'' /proc/net/tcp; do i=$((i + 1)); if [ $i -ge 150 ]; then echo '\\''dockerd has no overlay gossip (serf, TCP 7946) listening after 30 s: check its cluster-store and cluster-advertise settings and its log'\\'' >&2; exit 1; fi; sleep 0.2; done'
        + container:bbox-2@node-3  (missing)
            docker run -itd --name bbox-2 --network ov_net1 --label crossnet.topology=overlay-kv busybox

      Plan: 10 to add, 9 to change, 0 to remove, on 3 hosts.
      "
    `);
  });

  it("overlay-swarm: the same overlay the way Docker does it today", () => {
    expect(renderPlanText(plan(example("overlay-swarm.yaml")))).toMatchInlineSnapshot(`
      "node-2:
        ~ nic:ens32@node-2  (address missing)
            ip addr add 192.168.0.102/24 dev ens32
        + swarm@node-2  (not in a swarm)
            docker swarm init --advertise-addr 192.168.0.102
        + network:ov_net1@node-2  (missing)
            docker network create -d overlay --attachable --label crossnet.topology=overlay-swarm ov_net1
        + container:bbox-1@node-2  (missing)
            docker run -itd --name bbox-1 --network ov_net1 --label crossnet.topology=overlay-swarm busybox

      node-3:
        ~ nic:ens32@node-3  (address missing)
            ip addr add 192.168.0.103/24 dev ens32
        + swarm@node-3  (not in the swarm)
            docker swarm join --token "$SWARM_WORKER_TOKEN" --advertise-addr 192.168.0.103 192.168.0.102:2377
        + container:bbox-2@node-3  (missing)
            docker run -itd --name bbox-2 --network ov_net1 --label crossnet.topology=overlay-swarm busybox

      Plan: 5 to add, 2 to change, 0 to remove, on 2 hosts.
      "
    `);
  });

  it("ovs-vxlan: an OVS bridge per host, a VXLAN port to the peer, containers plugged in", () => {
    expect(renderPlanText(plan(example("ovs-vxlan.yaml")))).toMatchInlineSnapshot(`
      "node-1:
        ~ nic:ens33@node-1  (address missing)
            ip addr add 192.168.0.101/24 dev ens33
        + ovs:br-ovs@node-1  (missing)
            ovs-vsctl --may-exist add-br br-ovs
        + ovs:br-ovs:vx-node-2@node-1  (missing)
            ovs-vsctl --may-exist add-port br-ovs vx-node-2 -- set interface vx-node-2 type=vxlan options:remote_ip=192.168.0.102 options:key=100
        + container:bbox-1@node-1  (missing)
            docker run -itd --name bbox-1 --network none --label crossnet.topology=ovs-vxlan busybox
        + container:bbox-1@node-1:ovs_net  (new container)
            ovs-docker add-port br-ovs eth1 bbox-1 --ipaddress=10.10.0.11/24 --mtu=1450

      node-2:
        ~ nic:ens33@node-2  (address missing)
            ip addr add 192.168.0.102/24 dev ens33
        + ovs:br-ovs@node-2  (missing)
            ovs-vsctl --may-exist add-br br-ovs
        + ovs:br-ovs:vx-node-1@node-2  (missing)
            ovs-vsctl --may-exist add-port br-ovs vx-node-1 -- set interface vx-node-1 type=vxlan options:remote_ip=192.168.0.101 options:key=100
        + container:bbox-2@node-2  (missing)
            docker run -itd --name bbox-2 --network none --label crossnet.topology=ovs-vxlan busybox
        + container:bbox-2@node-2:ovs_net  (new container)
            ovs-docker add-port br-ovs eth1 bbox-2 --ipaddress=10.10.0.12/24 --mtu=1450

      Plan: 8 to add, 2 to change, 0 to remove, on 2 hosts.
      "
    `);
  });
});

describe("the tutorial's commands, step for step", () => {
  it("§4.2 macvlan (plus a label; node-1 sets ens33 promiscuous, where the tutorial's 'ip link set ens32' is a typo for its parent ens33)", () => {
    const p = plan(example("macvlan.yaml"));
    expectInOrder(p, "node-1", [
      "ip link set ens33 promisc on",
      "docker network create -d macvlan --subnet 10.0.0.0/24 --gateway=10.0.0.1 -o parent=ens33 mac_net1",
      "docker run -itd --name bbox-1 --ip 10.0.0.11 --network mac_net1 busybox",
    ]);
    // The tutorial shows only the run on node-2; the network must exist there too, as on node-1.
    expectInOrder(p, "node-2", [
      "ip link set ens33 promisc on",
      "docker network create -d macvlan --subnet 10.0.0.0/24 --gateway=10.0.0.1 -o parent=ens33 mac_net1",
      "docker run -itd --name bbox-2 --ip 10.0.0.12 --network mac_net1 busybox",
    ]);
  });

  it("§4.3 macvlan over 802.1q (iproute2 instead of ifcfg-ens33.10 files with VLAN=yes and ifup; plus a label)", () => {
    const p = plan(example("macvlan-8021q.yaml"));
    expectInOrder(p, "node-1", [
      // ifcfg-ens33.10: DEVICE=ens33.10 VLAN=yes IPADDR=192.168.1.10 PREFIX=24, then `ifup ens33.10`
      "ip link add link ens33 name ens33.10 type vlan id 10",
      "ip link set ens33.10 up",
      "ip addr add 192.168.1.10/24 dev ens33.10",
      "ip link add link ens33 name ens33.20 type vlan id 20",
      "ip link set ens33.20 up",
      "ip addr add 192.168.2.10/24 dev ens33.20",
      "docker network create -d macvlan --subnet 172.16.11.0/24 --gateway 172.16.11.1 -o parent=ens33.10 mac_net11",
      "docker network create -d macvlan --subnet 172.16.12.0/24 --gateway 172.16.12.1 -o parent=ens33.20 mac_net12",
      // The tutorial's prompt says node-2 for these two, under the heading "node-1"; the design puts them on node-1.
      "docker run -itd --name bbox-11 --ip=172.16.11.11 --network mac_net11 busybox",
      "docker run -itd --name bbox-12 --ip=172.16.12.11 --network mac_net12 busybox",
    ]);
    expectInOrder(p, "node-2", [
      "ip link add link ens32 name ens32.10 type vlan id 10",
      "ip addr add 192.168.1.20/24 dev ens32.10",
      "ip link add link ens32 name ens32.20 type vlan id 20",
      "ip addr add 192.168.2.20/24 dev ens32.20",
      "docker network create -d macvlan --subnet 172.16.11.0/24 --gateway 172.16.11.1 -o parent=ens32.10 mac_net11",
      "docker network create -d macvlan --subnet 172.16.12.0/24 --gateway 172.16.12.1 -o parent=ens32.20 mac_net12",
      "docker run -itd --name bbox-21 --ip=172.16.11.12 --network mac_net11 busybox",
      "docker run -itd --name bbox-22 --ip=172.16.12.12 --network mac_net12 busybox",
    ]);
  });

  it("§4.3 the parent NICs are promiscuous before the VLAN networks use them", () => {
    const p = plan(example("macvlan-8021q.yaml"));
    expectInOrder(p, "node-1", [
      "ip link set ens33 promisc on",
      "ip link add link ens33 name ens33.10 type vlan id 10",
    ]);
    expectInOrder(p, "node-2", [
      "ip link set ens32 promisc on",
      "ip link add link ens32 name ens32.10 type vlan id 10",
    ]);
  });

  it("§5.2-5.5 overlay with Consul (-H tcp://0.0.0.0:2376 dropped; daemon.json instead of ExecStart flags; plus labels)", () => {
    const consul = checkTopologyText(
      loadExamples()
        .find((e) => e.file === "overlay-kv.yaml")
        ?.text.replace('"etcd://node-1:2379"', '"consul://node-1:8500"') ?? "",
    ).topology as Topology;
    const p = plan(consul);
    expectInOrder(p, "node-1", [
      // published on node-1's data address only, and firewalled to the design's hosts (lib/plan/kv-firewall.ts)
      "docker run -d -p 192.168.0.101:8500:8500 -h consul --name consul progrium/consul -server -bootstrap",
    ]);
    for (const host of ["node-2", "node-3"]) {
      const daemon = p.steps.find((step) => step.host === host && step.kind === "set-cluster-store");
      // ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock
      //   --cluster-store=consul://192.168.0.101:8500 --cluster-advertise=ens32:2376
      expect(JSON.parse(daemon?.stdin ?? "{}")).toEqual({
        "cluster-store": "consul://192.168.0.101:8500",
        "cluster-advertise": "ens32:2376",
      });
      expect(daemon?.stdin).not.toContain("tcp://");
      // systemctl daemon-reload is not needed: daemon.json is read on restart.
      expectInOrder(p, host, ["tee /etc/docker/daemon.json", "systemctl restart docker"]);
    }
    expectInOrder(p, "node-2", [
      "docker network create -d overlay ov_net1",
      "docker run -itd --name bbox-1 --network ov_net1 busybox",
    ]);
    expectInOrder(p, "node-3", ["docker run -itd --name bbox-2 --network ov_net1 busybox"]);
    expect(p.steps.filter((step) => step.kind === "create-network").map((step) => step.host)).toEqual(["node-2"]);
  });

  it("§5.6 isolation, today's way (swarm, so --attachable; plus labels): ov_net2, bbox-3 on it, then connect to ov_net1", () => {
    const p = plan(example("overlay-isolation.yaml"));
    const swarmForm = (argv: string[]) => withoutLabel(argv).filter((word) => word !== "--attachable");
    expectInOrder(
      p,
      "node-2",
      [
        "docker network create -d overlay ov_net1",
        "docker network create -d overlay ov_net2",
        "docker run -itd --name bbox-1 --network ov_net1 busybox",
        "docker run -itd --name bbox-3 --network ov_net2 busybox",
        "docker network connect ov_net1 bbox-3",
      ],
      swarmForm,
    );
    expectInOrder(p, "node-3", ["docker run -itd --name bbox-2 --network ov_net1 busybox"], swarmForm);
  });
});

it.each(examples.map(({ file, topology }) => [file, topology]))(
  "%s: re-planning against the hosts after an apply gives no steps and no conflicts",
  (_file, topology) => {
    const again = planTopology(topology, appliedSnapshot(topology));
    expect(again.steps).toEqual([]);
    expect(again.conflicts).toEqual([]);
    expect(renderPlanText(again)).toBe(
      "No changes: the hosts match the design.\nPlan: 0 to add, 0 to change, 0 to remove, on 0 hosts.\n",
    );
  },
);

it.each(examples.map(({ file, topology }) => [file, topology]))(
  "%s: every step's dependencies come earlier in the plan (the runner walks each host in order)",
  (_file, topology) => {
    const seen = new Set<string>();
    for (const step of plan(topology).steps) {
      for (const dep of step.dependsOn) expect(seen, `${step.id} needs ${dep} first`).toContain(dep);
      seen.add(step.id);
    }
  },
);
