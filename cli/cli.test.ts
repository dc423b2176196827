import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, it } from "vitest";
import { expectMatrix } from "@/lib/expect/expect";
import { planTopology } from "@/lib/plan/plan";
import { renderPlanJson, renderPlanText } from "@/lib/plan/render";
import { checkTopologyText } from "@/lib/topology/check";
import { EXAMPLES_DIR, loadExamples, yaml } from "@/lib/topology/testing/text";
import { HELP } from "./commands/help";
import { type CliRun, runCli } from "./testing/run-cli";

/**
 * The `crossnet` command as a user runs it: a child process with an argv (no shell), its exit code
 * (0 valid, 1 errors in the design, 2 usage), its stdout and stderr. The JSON it prints is the contract
 * scripts rely on, so the keys are pinned exactly. Each run starts node, tsx and every command module
 * (about a second of CPU), hence the generous timeouts.
 */

const root = join(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "crossnet-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const crossnet = (...args: string[]): Promise<CliRun> => runCli(args);

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const examples = loadExamples().map(({ file: name, text, topology }) => ({
  name,
  path: relative(root, join(EXAMPLES_DIR, name)),
  text,
  topology,
}));

const INVALID = yaml`
  name: broken
  hosts:
    node-1: { nics: { ens33: { promsic: true } } }
  networks:
    mac_net1: { driver: macvlan, subnet: 10.0.0.0/24, gateway: 10.0.1.1, parent: { node-1: ens34 } }
  containers:
    bbox-1: { host: node-9, image: busybox, networks: { mac_net1: {} } }
`;

describe.concurrent("each example", { timeout: 60_000 }, () => {
  it.for(examples)(
    "validate $name --json: ok, and the issues exactly as the library reports them",
    async (example, { expect }) => {
      const run = await crossnet("validate", example.path, "--json");
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      const json = JSON.parse(run.stdout) as { ok: boolean; issues: Record<string, unknown>[] };
      expect(Object.keys(json)).toEqual(["ok", "issues"]);
      expect(json.ok).toBe(true);
      for (const issue of json.issues)
        expect(Object.keys(issue)).toEqual(["code", "severity", "path", "message", "hint", "line", "column"]);
      expect(json.issues).toEqual(
        checkTopologyText(example.text).issues.map((issue) => ({
          ...issue,
          message: issue.message.en,
          hint: issue.hint.en,
        })),
      );
    },
  );

  it.for(examples)(
    "plan $name --json: the steps byte for byte as renderPlanJson writes them",
    async (example, { expect }) => {
      const run = await crossnet("plan", example.path, "--json");
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(renderPlanJson(planTopology(example.topology)));
      const json = JSON.parse(run.stdout) as { steps: Record<string, unknown>[] };
      expect(Object.keys(json)).toEqual(["steps"]);
      for (const step of json.steps) {
        const optional = ["stdin", "inputs"].filter((key) => key in step);
        expect(Object.keys(step)).toEqual([
          "id",
          "host",
          "kind",
          "resourceId",
          "action",
          "cause",
          "argv",
          ...optional,
          "explain",
          "dependsOn",
        ]);
      }
    },
  );

  it.for(examples)(
    "expect $name --json: every pair with from, to, by, target, expected, reason",
    async (example, { expect }) => {
      const run = await crossnet("expect", example.path, "--json");
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as { pairs: Record<string, unknown>[] };
      expect(Object.keys(json)).toEqual(["pairs"]);
      for (const pair of json.pairs)
        expect(Object.keys(pair)).toEqual(["from", "to", "by", "target", "expected", "reason"]);
      expect(json.pairs).toEqual(
        expectMatrix(example.topology).pairs.map(({ from, to, by, target, expected, reason }) => ({
          from,
          to,
          by,
          target,
          expected,
          reason: reason.en,
        })),
      );
    },
  );
});

describe.concurrent("text output", { timeout: 60_000 }, () => {
  it("validate prints each problem as file:line:column, then a tally, and exits 1", async ({ expect }) => {
    const path = file("broken.yaml", INVALID);
    const run = await crossnet("validate", path);
    expect(run.code).toBe(1);
    expect(run.stdout.replaceAll(path, "broken.yaml")).toMatchInlineSnapshot(`
      "broken.yaml:3:30: error unknown-key: unknown key 'promsic' in 'hosts.node-1.nics.ens33' [hosts.node-1.nics.ens33.promsic]
          hint: Did you mean 'promisc'? Allowed here: address, promisc, vlans.
      broken.yaml:5:62: error gateway-outside-subnet: gateway 10.0.1.1 of 'mac_net1' is outside its subnet 10.0.0.0/24 [networks.mac_net1.gateway]
          hint: Pick an address inside 10.0.0.0/24, usually the first one.
      broken.yaml:5:90: error unknown-parent: parent 'ens34' of network 'mac_net1' does not exist on host 'node-1' [networks.mac_net1.parent.node-1]
          hint: Use one of ens33, or add it (a VLAN sub-interface X.N is declared as vlans: { N: {} } under NIC X).
      broken.yaml:7:19: error unknown-host: container 'bbox-1' runs on host 'node-9', which is not in hosts [containers.bbox-1.host]
          hint: Use one of: node-1.
      ✗ broken.yaml: 4 errors, 0 warnings, 0 notes
      "
    `);
  });

  it("plan of a broken design prints the problems on stderr, no plan on stdout, and exits 1", async ({ expect }) => {
    const path = file("broken-plan.yaml", INVALID);
    const run = await crossnet("plan", path);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${path}:5:`);
    expect(run.stderr).toContain(`crossnet plan: ${path} has 4 errors; fix them first (crossnet validate ${path})`);
  });

  it("plan prints the text renderer's output under a title", async ({ expect }) => {
    const example = examples.find((candidate) => candidate.name === "macvlan.yaml");
    if (!example) throw new Error("no macvlan example");
    const run = await crossnet("plan", example.path);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      renderPlanText(planTopology(example.topology), { title: "Plan for macvlan on fresh hosts:" }),
    );
  });

  it("expect prints one line per pair with its reason", async ({ expect }) => {
    const run = await crossnet("expect", "examples/macvlan.yaml", "--by", "name");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "bbox-1 → bbox-2  name bbox-2             blocked  no DNS across hosts on macvlan: node-1's Docker does not know bbox-2 on node-2 (ping: bad address); use the IP
      bbox-2 → bbox-1  name bbox-1             blocked  no DNS across hosts on macvlan: node-2's Docker does not know bbox-1 on node-1 (ping: bad address); use the IP
      "
    `);
  });
});

describe.concurrent("usage errors exit 2", { timeout: 60_000 }, () => {
  it.for([
    { args: [], says: "Usage: crossnet <command>" },
    { args: ["frobnicate"], says: "unknown command 'frobnicate'" },
    { args: ["validate"], says: "expected exactly one FILE" },
    { args: ["validate", "no/such/file.yaml"], says: "cannot read 'no/such/file.yaml'" },
    { args: ["plan", "examples/macvlan.yaml", "--jsno"], says: "Unknown option '--jsno'" },
    {
      args: ["expect", "examples/macvlan.yaml", "--by", "dns"],
      says: "--by takes ip, name, both, tcp, udp, mtu or all (a comma list allowed), not 'dns'",
    },
    { args: ["lab", "up", "--hosts", "2", "--docker", "27"], says: "--docker '27' is not one of 20.10, 26" },
    {
      args: ["lab", "up", "--hosts", "2", "--docker", "node-3=26"],
      says: "--docker names 'node-3', not a host of lab 'hosts-2'",
    },
  ])("crossnet $args", async ({ args, says }, { expect }) => {
    const run = await crossnet(...args);
    expect(run.code).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toContain(says);
  });

  it("a file over 1 MiB is refused before it is read", async ({ expect }) => {
    const run = await crossnet("validate", file("huge.yaml", `name: t\nhosts: {}\n# ${"x".repeat(1_100_000)}\n`));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("a design may be at most 1048576");
  });
});

describe.concurrent("every command answers --help", { timeout: 60_000 }, () => {
  it.for(Object.keys(HELP).flatMap((name) => [{ args: [name, "--help"] }, { args: [name, "-h"] }]))(
    "crossnet $args",
    async ({ args }, { expect }) => {
      const run = await crossnet(...args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: crossnet ${args[0]}`);
      expect(run.stderr).toBe("");
    },
  );

  it("crossnet ping --help runs nothing, even with other options", async ({ expect }) => {
    const run = await crossnet("ping", "examples/macvlan.yaml", "--inventory", "no/such.yaml", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--by ip|name|both");
  });
});
