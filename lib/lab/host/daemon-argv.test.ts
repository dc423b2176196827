import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { hostPaths } from "../paths";
import {
  dnsmasqArgv,
  dockerdArgv,
  etcdArgv,
  inHost,
  ovsEnv,
  ovsOffloadArgv,
  ovsVsctlArgv,
  resolvConf,
  sshdArgv,
  sshdConfig,
  systemctlShim,
} from "./daemon-argv";

const paths = hostPaths("node-1");

describe("daemon argv builders", () => {
  it("enters all three namespaces of a host before the command", () => {
    expect(inHost(paths, "nsenter", ["hostname"])).toEqual([
      "nsenter",
      "--net=/run/netns/cn-node-1",
      "--uts=/run/cn-lab-ns/node-1.uts",
      "--mount=/run/cn-lab-ns/node-1.mnt",
      "--",
      "hostname",
    ]);
  });

  it("gives each dockerd its own roots, socket, pid file, config and cgroup parent", () => {
    expect(dockerdArgv({ dockerd: "dockerd" }, paths, "cn-node-1", {})).toEqual([
      "dockerd",
      "--data-root=/var/lib/cn-lab/node-1/docker",
      "--exec-root=/run/cn-lab/node-1/docker",
      "--pidfile=/run/cn-lab/node-1/dockerd.pid",
      "--host=unix:///run/cn-lab/node-1/docker.sock",
      "--cgroup-parent=cn-node-1",
    ]);
    const clustered = dockerdArgv({ dockerd: "dockerd" }, paths, "cn-node-1", {
      clusterStore: "etcd://192.168.0.11:2379",
      clusterAdvertise: "ens33:2376",
    });
    expect(clustered.slice(-2)).toEqual(["--cluster-store=etcd://192.168.0.11:2379", "--cluster-advertise=ens33:2376"]);
    expect(clustered.some((arg) => arg.includes("tcp://"))).toBe(false);
  });

  it("configures sshd for key-only root on the management address, docker pointed at the host", () => {
    const config = sshdConfig({ listenAddress: "198.18.0.11", paths });
    expect(config).toContain("ListenAddress 198.18.0.11:22\n");
    expect(config).toContain("PermitRootLogin prohibit-password\n");
    expect(config).toContain("PasswordAuthentication no\n");
    expect(config).toContain("UsePAM no\n");
    expect(config).toContain("PidFile /run/cn-lab/node-1/sshd.pid\n");
    expect(config).toContain(
      "SetEnv DOCKER_HOST=unix:///run/cn-lab/node-1/docker.sock DOCKER_API_VERSION=1.41 SHLVL=1 PATH=/var/lib/cn-lab/node-1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin GOGC=400\n",
    );
    expect(sshdArgv({ sshd: "sshd" }, paths)).toEqual([
      "sshd",
      "-D",
      "-e",
      "-f",
      "/var/lib/cn-lab/node-1/ssh/sshd_config",
    ]);
  });

  it("runs dnsmasq answering NXDOMAIN for everything on loopback, never forwarding", () => {
    const argv = dnsmasqArgv({ dnsmasq: "dnsmasq" }, paths);
    expect(argv).toContain("--no-resolv");
    expect(argv).toContain("--address=/#/");
    expect(argv.filter((arg) => arg.startsWith("--listen-address"))).toEqual(["--listen-address=127.0.0.1"]);
    expect(argv.some((arg) => arg.startsWith("--server"))).toBe(false);
  });

  it("lists only the loopback resolver in resolv.conf (a second server makes macvlan lookups time out)", () => {
    expect(
      resolvConf()
        .split("\n")
        .filter((line) => line.startsWith("nameserver")),
    ).toEqual(["nameserver 127.0.0.1"]);
  });

  it("runs etcd with the v2 API, a single member, advertising the data address", () => {
    const argv = etcdArgv({ etcd: "etcd" }, paths, { name: "node-1", address: "192.168.0.11" });
    expect(argv).toContain("--enable-v2=true");
    expect(argv).toContain("--advertise-client-urls=http://192.168.0.11:2379");
    expect(argv).toContain("--initial-cluster=node-1=http://127.0.0.1:2380");
    expect(argv).toContain("--data-dir=/var/lib/cn-lab/node-1/etcd");
  });

  it("binds etcd to the data address (and the lab's management one), never 0.0.0.0", () => {
    const argv = etcdArgv({ etcd: "etcd" }, paths, {
      name: "node-1",
      address: "192.168.0.11",
      listen: ["192.168.0.11", "198.18.0.11"],
    });
    expect(argv).toContain("--listen-client-urls=http://192.168.0.11:2379,http://198.18.0.11:2379");
    expect(argv.join(" ")).not.toContain("0.0.0.0");
  });

  it("keeps OVS in the host's own directory and builds one tagged internal port per VLAN", () => {
    expect(
      Object.values(ovsEnv(paths)).every((dir) => dir.startsWith("/run/cn-lab/") || dir.startsWith("/var/lib/cn-lab/")),
    ).toBe(true);
    const argv = ovsVsctlArgv({ "ovs-vsctl": "ovs-vsctl" }, paths, [
      { name: "ens33", promisc: true, vlans: [{ vid: 10 }, { vid: 20 }] },
      { name: "ens34", promisc: false, vlans: [] },
    ]);
    expect(argv.join(" ")).toBe(
      "ovs-vsctl --db=unix:/run/cn-lab/node-1/ovs/db.sock --timeout=30 --retry -- init" +
        " -- add-br cnovs0 -- set bridge cnovs0 datapath_type=netdev -- add-port cnovs0 ens33" +
        " -- add-port cnovs0 ens33.10 tag=10 -- set interface ens33.10 type=internal" +
        " -- add-port cnovs0 ens33.20 tag=20 -- set interface ens33.20 type=internal",
    );
  });

  it("turns OVS's offload passing on in the host's own database, without waiting for an ovs-vswitchd not yet started", () => {
    expect(ovsOffloadArgv({ "ovs-vsctl": "ovs-vsctl" }, paths).join(" ")).toBe(
      "ovs-vsctl --db=unix:/run/cn-lab/node-1/ovs/db.sock --no-wait --timeout=30 --retry" +
        " -- init -- set Open_vSwitch . other_config:userspace-tso-enable=true",
    );
  });

  it("the systemctl stand-in is valid sh that restarts only docker, by the lab's pid file", () => {
    const shim = systemctlShim("node-1");
    expect(spawnSync("/bin/dash", ["-n", "-c", shim]).status).toBe(0);
    expect(shim).toContain("pid=$(cat /run/cn-lab/node-1/pids/dockerd.pid)");
    const refused = spawnSync("/bin/dash", ["-c", shim, "systemctl", "stop", "docker"], { encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("only 'systemctl restart docker' is emulated");
  });
});
