import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { main } from "../../cli/main";
import { runCli } from "../../cli/testing/run-cli";
import { expectMatrix } from "../expect/expect";
import { checkTopologyText } from "../topology/check";
import { formatIp, parseCidr, parseIp } from "../topology/ip";
import type { Topology } from "../topology/schema";
import { designArb, hostileString, injectString, stringSlots } from "../topology/testing/arbitraries";
import { validateTopology } from "../topology/validate";
import { dockerCmd } from "./commands";
import { daemonJsonCmd } from "./daemon-json";
import { planDestroy, planTopology } from "./plan";
import { renderHostScript, renderPlanJson, renderPlanText } from "./render";
import { appliedSnapshot } from "./testing/applied-snapshot";
import type { Step } from "./types";

/**
 * Thousands of random designs, some with a hostile string put in any one of their names or values,
 * through the whole pure pipeline. Nothing may throw; a design that validates may only ever produce
 * argv elements that are the command builders' own words or values of the design itself; and a design
 * that does not validate never gets a plan out of the CLI.
 */

const scratch = mkdtempSync(join(tmpdir(), "crossnet-plan-security-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every word the command builders write themselves. An option (leading '-') must be one of these. */
const BUILDER_WORDS = new Set(
  [
    "ip link set promisc on add name type vlan id up addr dev route via del",
    "sysctl -w net.ipv4.ip_forward=1",
    "iptables -t nat -I -D DOCKER-USER POSTROUTING -i -o -m comment --comment -j ACCEPT RETURN -s -d",
    "docker swarm init --advertise-addr join-token -q worker join --token {{SWARM_WORKER_TOKEN}}",
    "tee /etc/docker/daemon.json systemctl restart",
    "network create rm -f start connect disconnect --ip --alias --ipam-driver --subnet --gateway --ip-range",
    "--attachable --label run -itd --name --network --network-alias none bridge macvlan overlay",
    "weavemesh calico calico-ipam encrypted=true",
    "ovs-vsctl --may-exist add-br -- set datapath_type=netdev add-port interface ovs-docker eth1 --mtu=1450 --mtu=1462",
    "-d -p 2379:2379 8500:8500 -h consul progrium/consul -server -bootstrap",
    "mangle PREROUTING tcp --dport DROP cp -p touch mv rm sh -c",
    "/etc/docker/daemon.json.crossnet-orig /etc/docker/daemon.json.crossnet-none",
    "etcd quay.io/coreos/etcd:v3.4.34 --enable-v2 --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls",
  ].flatMap((line) => line.split(" ")),
);
// The one constant script a plan runs (backing up daemon.json on a host not read yet): no data in it.
BUILDER_WORDS.add(daemonJsonCmd.backupEither()[2] ?? "");
// The constant script that waits for dockerd's overlay gossip to listen after a restart: no data in it either.
BUILDER_WORDS.add(dockerCmd.waitGossip()[2] ?? "");

/** Every key and string (or number) value of the design, byte for byte. */
function designValues(topology: Topology): Set<string> {
  const values = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === "string" || typeof value === "number") values.add(String(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null)
      for (const [key, item] of Object.entries(value)) {
        values.add(key);
        walk(item);
      }
  };
  walk(topology);
  return values;
}

const isIp = (text: string) => parseIp(text) !== undefined && formatIp(parseIp(text) ?? 0) === text;
const isCidr = (text: string) => {
  const parsed = parseCidr(text, false);
  return parsed !== undefined && `${formatIp(parsed.ip)}/${parsed.cidr.prefix}` === text;
};

/** Why an argv element is not allowed, or undefined. */
function refusal(word: string, values: Set<string>): string | undefined {
  if (BUILDER_WORDS.has(word)) return undefined;
  if (word.startsWith("-") && !/^--(ipaddress|gateway)=/.test(word)) return "option-like word from data";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
  if (/[\u0000-\u001f\u007f]/.test(word)) return "control character";
  const fromDesign = (part: string) =>
    values.has(part) ||
    isIp(part) ||
    isCidr(part) ||
    /^[0-9]+$/.test(part) ||
    (/^(.+)\.([0-9]+)$/.test(part) && values.has(part.replace(/\.[0-9]+$/, "")));
  if (fromDesign(word)) return undefined;
  const templates: RegExp[] = [
    /^(?:parent|macvlan_mode|com\.docker\.network\.bridge\.name|crossnet\.topology)=(.+)$/,
    /^type=(vxlan|gre)$/,
    /^options:(?:remote_ip|key)=(.+)$/,
    /^--(?:ipaddress|gateway)=(.+)$/,
    /^(.+):2377$/,
    /^http:\/\/(.+):2379$/,
    /^(.+):(?:2379:2379|8500:8500)$/,
    /^(?:vx|gre)[0-9]*-(.+)$/,
  ];
  for (const template of templates) {
    const match = template.exec(word);
    if (match && (fromDesign(match[1] ?? "") || /^(vxlan|gre|h[0-9]+)$/.test(match[1] ?? ""))) return undefined;
  }
  return "neither a builder word nor a design value";
}

/** A `docker run`'s words after the image are the container's own command, passed on byte for byte. */
function commandStart(step: Step): number {
  if (step.kind !== "run-container") return step.argv.length;
  const label = step.argv.indexOf("--label");
  return label < 0 ? step.argv.length : label + 3;
}

/** Every argv element that is not allowed, as `step id: argv[i] = "word" (why)`; empty when all are. */
function unsafeArgv(topology: Topology, steps: Step[]): string[] {
  const values = designValues(topology);
  const problems: string[] = [];
  for (const step of steps) {
    const start = commandStart(step);
    const command = topology.containers?.[step.argv[4] ?? ""]?.command ?? [];
    step.argv.forEach((word, index) => {
      const why =
        index >= start ? (command.includes(word) ? undefined : "not the container's command") : refusal(word, values);
      if (why) problems.push(`${step.id}: argv[${index}] = ${JSON.stringify(word)} (${why})`);
    });
    for (const input of step.inputs ?? [])
      for (const word of input.argv) if (!BUILDER_WORDS.has(word)) problems.push(`${step.id}: input ${word}`);
  }
  return problems;
}

const caseArb = fc.record({
  design: designArb({ hosts: 4, networks: 5, containers: 8 }),
  hostile: fc.option(fc.tuple(fc.nat(), hostileString), { freq: 2 }),
  // A container's command is the one free text the schema lets into argv: aim there often.
  command: fc.option(hostileString, { freq: 3 }),
  // Mostly JSON: YAML writing costs about 2 ms a design; both formats go through the same YAML parser.
  json: fc.constantFrom(true, true, true, false),
});

type Case = { design: Topology; hostile: [number, string] | null; command: string | null; json: boolean };

function textOf({ design, hostile, command, json }: Case): string {
  let doc = hostile ? injectString(design, hostile[0] % Math.max(stringSlots(design), 1), hostile[1]) : design;
  if (command !== null) {
    doc = structuredClone(doc);
    for (const container of Object.values(doc.containers ?? {})) container.command = ["sh", "-c", command];
  }
  return json ? JSON.stringify(doc) : stringify(doc);
}

it("random and hostile designs: checking never throws; a valid design plans, renders and has safe argv", () => {
  let valid = 0;
  let hostileValid = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const text = textOf(c);
      const result = checkTopologyText(text);
      if (result.topology) validateTopology(result.topology);
      if (!result.ok || !result.topology) {
        expect(result.issues.some((issue) => issue.severity === "error")).toBe(true);
        return;
      }
      valid++;
      if (c.hostile) hostileValid++;
      const topology = result.topology;
      const plan = planTopology(topology);
      renderPlanText(plan, { explain: true });
      renderPlanJson(plan);
      for (const host of Object.keys(topology.hosts)) renderHostScript(plan, host, topology.name);
      expectMatrix(topology);
      expect(unsafeArgv(topology, plan.steps)).toEqual([]);
      const applied = appliedSnapshot(topology);
      expect(planTopology(topology, applied).steps).toEqual([]);
      const destroy = planDestroy(topology, applied);
      renderPlanText(destroy);
      expect(unsafeArgv(topology, destroy.steps)).toEqual([]);
    }),
    { numRuns: 2000, seed: 0x5eed },
  );
  expect(valid).toBeGreaterThan(600);
  expect(hostileValid).toBeGreaterThan(50);
});

it("the argv check itself refuses what it must: options from data, control characters, foreign values", () => {
  const values = new Set(["node-1", "ens33", "mac_net1"]);
  expect(refusal("-oProxyCommand=x", values)).toBe("option-like word from data");
  expect(refusal("a\nb", new Set(["a\nb"]))).toBe("control character");
  expect(refusal("x; touch /tmp/pwned", values)).toBe("neither a builder word nor a design value");
  expect(refusal("parent=ens34", values)).toBe("neither a builder word nor a design value");
  expect(refusal("parent=ens33", values)).toBeUndefined();
  expect(refusal("ens33.10", values)).toBeUndefined();
  expect(refusal("10.0.0.011", values)).toBe("neither a builder word nor a design value");
});

it("a hostile design never gets a plan out of `crossnet plan` (in process, hundreds of designs)", async () => {
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const cases = fc.sample(
      caseArb.filter((c) => c.hostile !== null),
      { numRuns: 300, seed: 0xbad },
    );
    let refused = 0;
    for (const [index, c] of cases.entries()) {
      const text = textOf(c);
      if (checkTopologyText(text).ok) continue;
      const file = join(scratch, `hostile-${index}.${c.json ? "json" : "yaml"}`);
      writeFileSync(file, text);
      out.mockClear();
      const code = await main(["plan", file, ...(index % 2 ? ["--json"] : [])]);
      expect(code, file).toBe(1);
      expect(out).not.toHaveBeenCalled();
      refused++;
    }
    expect(refused).toBeGreaterThan(100);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
});

const host = { "node-1": { nics: { eth0: {} } } };

it.concurrent.each([
  ["a network named like a shell command", { hosts: host, networks: { "x; touch /tmp/pwned": { driver: "bridge" } } }],
  [
    "a container named like an ssh option",
    { hosts: host, containers: { "-oProxyCommand=x": { host: "node-1", image: "busybox", networks: {} } } },
  ],
  ["command substitution in a NIC name", { hosts: { "node-1": { nics: { "$(id)": {} } } } }],
])("`node bin/crossnet.js plan` exits 1 and prints no plan for %s", async (title, design) => {
  const file = join(scratch, `${title.replace(/\W+/g, "-")}.yaml`);
  writeFileSync(file, stringify({ name: "hostile", ...design }));
  const result = await runCli(["plan", file]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain("invalid-name");
  expect(result.stderr).toMatch(/fix (it|them) first/);
});
