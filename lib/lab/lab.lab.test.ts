import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InventorySchema } from "../inventory/schema";
import {
  findLabLeftovers,
  hostExec,
  isLabError,
  type LabEvent,
  type LabSpec,
  type LabUpResult,
  labDown,
  labStatus,
  labUp,
  switchArgv,
} from "./index";
import { daemonPidFile } from "./paths";
import { sshRun, timeIt } from "./testing/lab-test-helpers";

/** Two hosts with different data NIC names, each with VLAN 10 (OVS-tagged) and a plain address. */
const spec: LabSpec = {
  name: "lab-test",
  hosts: [
    {
      name: "lt-1",
      nics: [
        { name: "ens33", address: "192.168.0.11/24", promisc: true, vlans: [{ vid: 10, address: "192.168.10.11/24" }] },
      ],
      dockerd: {},
    },
    {
      name: "lt-2",
      nics: [
        { name: "ens32", address: "192.168.0.12/24", promisc: true, vlans: [{ vid: 10, address: "192.168.10.12/24" }] },
      ],
      dockerd: {},
    },
  ],
};

const hostNames = spec.hosts.map((host) => host.name);
const dir = mkdtempSync(join(tmpdir(), "cn-lab-test-"));
const inventoryPath = join(dir, "inventory.yaml");
const events: LabEvent[] = [];
let lab: LabUpResult;

const docker = async (host: string, args: string[]) => {
  const result = await hostExec(host, ["docker", ...args], { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`${host}: docker ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
};

beforeAll(async () => {
  lab = await labUp(spec, { inventoryPath, onEvent: (event) => events.push(event) });
});

afterAll(async () => {
  // Only tear down what this file built: a failed labUp (e.g. another lab is up) must not remove someone else's lab.
  if (lab) await labDown();
  rmSync(dir, { recursive: true, force: true });
});

describe("lab with two hosts and VLAN 10", () => {
  it("reports progress with durations and writes an inventory matching InventorySchema", () => {
    expect(
      events
        .filter((event) => event.type === "host-done")
        .map((event) => event.type === "host-done" && event.host)
        .sort(),
    ).toEqual(["lt-1", "lt-2"]);
    expect(events.some((event) => event.type === "step" && event.step === "dockerd" && event.durationMs > 0)).toBe(
      true,
    );
    expect(events.at(-1)).toMatchObject({ type: "done", inventoryPath });
    const inventory = InventorySchema.parse(parse(readFileSync(inventoryPath, "utf8")));
    expect(inventory).toEqual(lab.inventory);
    expect(inventory.hosts["lt-1"]).toMatchObject({
      address: "198.18.0.11",
      ssh: { user: "root", port: 22 },
      docker: { endpoint: "ssh" },
    });
    expect(inventory.lab?.emulated.some((line) => line.includes("ens33.10 is an OVS internal port tagged 10"))).toBe(
      true,
    );
    expect(statSync(lab.keyPath).mode & 0o777).toBe(0o600);
  });

  it("gives each host its hostname, NIC names, addresses and no default route", async () => {
    for (const [host, nic, address, vlanAddress, mgmt] of [
      ["lt-1", "ens33", "192.168.0.11", "192.168.10.11", "198.18.0.11"],
      ["lt-2", "ens32", "192.168.0.12", "192.168.10.12", "198.18.0.12"],
    ] as const) {
      expect((await hostExec(host, ["hostname"])).stdout.trim()).toBe(host);
      const links = JSON.parse((await hostExec(host, ["ip", "-j", "addr"])).stdout) as {
        ifname: string;
        flags: string[];
        addr_info: { family: string; local: string; prefixlen: number }[];
      }[];
      const v4 = (name: string) =>
        links
          .find((link) => link.ifname === name)
          ?.addr_info.filter((a) => a.family === "inet")
          .map((a) => `${a.local}/${a.prefixlen}`);
      expect(v4(nic)).toEqual([`${address}/24`]);
      expect(v4(`${nic}.10`)).toEqual([`${vlanAddress}/24`]);
      expect(v4("mgmt0")).toEqual([`${mgmt}/24`]);
      expect(links.find((link) => link.ifname === nic)?.flags).toContain("PROMISC");
      expect((await hostExec(host, ["ip", "route", "show", "default"])).stdout.trim()).toBe("");
      expect((await hostExec(host, ["ls", "/sys/class/net"])).stdout).toContain(`${nic}.10`);
      // ip_forward was 0 when dockerd started, like on a fresh machine: dockerd turned it on and set FORWARD to DROP.
      expect((await hostExec(host, ["cat", "/proc/sys/net/ipv4/ip_forward"])).stdout.trim()).toBe("1");
      expect((await hostExec(host, ["iptables", "-S", "FORWARD"])).stdout.split("\n")[0]).toBe("-P FORWARD DROP");
    }
  });

  it("runs a dockerd 20.10 per host with busybox:latest imported and docker0 on 172.17.0.0/16", async () => {
    for (const host of ["lt-1", "lt-2"]) {
      expect(await docker(host, ["version", "--format", "{{.Server.Version}}"])).toMatch(/^20\.10\./);
      expect(await docker(host, ["images", "--format", "{{.Repository}}:{{.Tag}}"])).toContain("busybox:latest");
      expect(await docker(host, ["info", "--format", "{{.Name}}"])).toBe(host);
      expect((await hostExec(host, ["ip", "-4", "-o", "addr", "show", "docker0"])).stdout).toContain("172.17.0.1/16");
    }
  });

  it("lets the lab key in over SSH only with the pinned host key, and docker in the session talks to that host", async () => {
    for (const host of lab.hosts) {
      const pinned = lab.inventory.hosts[host.name]?.ssh.hostKey ?? "";
      const result = await sshRun(
        host.mgmtAddress,
        lab.keyPath,
        pinned,
        "hostname; docker version --format '{{.Server.Version}}'",
      );
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout.split("\n").slice(0, 2)).toEqual([host.name, expect.stringMatching(/^20\.10\./)]);
    }
    const wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    await expect(sshRun("198.18.0.11", lab.keyPath, wrong, "true")).rejects.toThrow();
  });

  it("carries VLAN 10 between hosts as tagged frames, and macvlan on ens33.10 reaches across hosts", async () => {
    const parents = { "lt-1": "ens33.10", "lt-2": "ens32.10" } as const;
    for (const [host, parent] of Object.entries(parents)) {
      await docker(host, [
        "network",
        "create",
        "-d",
        "macvlan",
        "--subnet",
        "172.16.10.0/24",
        "-o",
        `parent=${parent}`,
        "mac10",
      ]);
    }
    await docker("lt-1", [
      "run",
      "-d",
      "--name",
      "c1",
      "--network",
      "mac10",
      "--ip",
      "172.16.10.11",
      "busybox",
      "sleep",
      "600",
    ]);
    await docker("lt-2", [
      "run",
      "-d",
      "--name",
      "c2",
      "--network",
      "mac10",
      "--ip",
      "172.16.10.12",
      "busybox",
      "sleep",
      "600",
    ]);

    const [file, ...args] = switchArgv(["tcpdump", "-l", "-n", "-e", "-c", "2", "-i", "br-data", "vlan 10 and icmp"]);
    const capture = spawn(file ?? "ip", args, { stdio: ["ignore", "pipe", "pipe"] });
    let frames = "";
    capture.stdout.on("data", (chunk: Buffer) => {
      frames += chunk.toString();
    });
    const captured = new Promise<void>((resolve) => capture.on("close", () => resolve()));
    await new Promise<void>((resolve) => capture.stderr.once("data", () => resolve())); // "listening on br-data"
    try {
      const ping = await hostExec("lt-1", ["docker", "exec", "c1", "ping", "-c", "2", "-W", "2", "172.16.10.12"]);
      expect(ping.stdout).toMatch(/2 packets transmitted, 2 packets received/);
      await Promise.race([captured, new Promise((resolve) => setTimeout(resolve, 5000))]);
    } finally {
      capture.kill();
    }
    expect(frames).toMatch(/802\.1Q.*vlan 10.*172\.16\.10\.11 > 172\.16\.10\.12: ICMP echo request/);
  });

  it("runs the engine's Go programs and the session's docker CLI at the lab's GC pacing (GOGC=400)", async () => {
    const environ = (pid: string) =>
      readFileSync(`/proc/${pid}/environ`, "utf8")
        .split("\0")
        .filter((entry) => entry.startsWith("GOGC="));
    const dockerd = readFileSync(daemonPidFile("lt-1", "dockerd"), "utf8").trim();
    expect(environ(dockerd)).toEqual(["GOGC=400"]);
    // The shim of c1 (started by containerd, which dockerd started) passes it on to runc and the hooks.
    const id = await docker("lt-1", ["inspect", "--format", "{{.Id}}", "c1"]);
    const shims = readdirSync("/proc")
      .filter((pid) => /^\d+$/.test(pid))
      .filter((pid) => {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
          return argv[0]?.endsWith("containerd-shim-runc-v2") && argv.includes(id);
        } catch {
          return false;
        }
      });
    expect(shims).toHaveLength(1);
    expect(environ(shims[0] ?? "")).toEqual(["GOGC=400"]);
    const host = lab.hosts[0];
    if (!host) throw new Error("no host");
    const pinned = lab.inventory.hosts[host.name]?.ssh.hostKey ?? "";
    expect((await sshRun(host.mgmtAddress, lab.keyPath, pinned, "printenv GOGC")).stdout.trim()).toBe("400");
  });

  it("fails lookups of unknown names at once on macvlan and bridge networks", async () => {
    await docker("lt-1", ["network", "create", "br1"]);
    await docker("lt-1", ["run", "-d", "--name", "b1", "--network", "br1", "busybox", "sleep", "600"]);
    for (const container of ["c1", "b1"]) {
      const baseline = await timeIt(() => hostExec("lt-1", ["docker", "exec", container, "true"]));
      for (const name of ["no-such-host", "no.such.example"]) {
        const lookup = await timeIt(() =>
          hostExec("lt-1", ["docker", "exec", container, "ping", "-c", "1", "-W", "1", name]),
        );
        expect(lookup.value.stderr, `${container} ${name}`).toContain("bad address");
        const extra = lookup.ms - baseline.ms;
        console.log(
          `DNS failure ${container} ${name}: ${lookup.ms} ms (docker exec alone ${baseline.ms} ms, lookup ~${extra} ms)`,
        );
        expect(lookup.ms, `${container} ${name}`).toBeLessThan(baseline.ms + 500);
      }
    }
    const known = await hostExec("lt-1", ["docker", "exec", "b1", "ping", "-c", "1", "-W", "1", "b1"]);
    expect(known.stdout).toContain("1 packets received");
  });

  it("reports status with pids alive and what is emulated", async () => {
    const status = await labStatus();
    expect(status.state).toBe("up");
    expect(status.name).toBe("lab-test");
    for (const host of status.hosts) {
      expect(host.netnsPresent).toBe(true);
      expect(host.daemons.map((daemon) => daemon.name)).toEqual([
        "ovsdb-server",
        "ovs-vswitchd",
        "dnsmasq",
        "dockerd",
        "sshd",
      ]);
      expect(host.daemons.every((daemon) => daemon.alive && daemon.pid !== null)).toBe(true);
    }
    expect(status.emulated.join("\n")).toContain("ens32.10 is an OVS internal port tagged 10");
  });

  it("refuses a second lab while one is up", async () => {
    const error = await labUp(spec, { inventoryPath }).catch((caught: unknown) => caught);
    expect(isLabError(error) && error.code).toBe("lab-already-up");
    expect(String((error as Error).message)).toContain("lab-test");
  });

  it("goes down leaving nothing behind (containers still running), and down again is a no-op", async () => {
    const down = await labDown();
    expect(down.found).toBe(true);
    expect(down.removed.containers).toBe(3);
    expect(down.removed.netns).toBe(3);
    expect(down.warnings).toEqual([]);
    console.log(`lab down: ${down.durationMs} ms`, down.removed);
    expect(await findLabLeftovers(hostNames)).toEqual([]);
    const again = await labDown();
    expect(again.found).toBe(false);
    expect((await labStatus()).state).toBe("down");
  });
});
