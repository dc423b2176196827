import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, expect, it, vi } from "vitest";
import { main } from "@/cli/main";
import { checkGraph } from "@/lib/graph/check-graph";
import { topologyToGraph } from "@/lib/graph/from-topology";
import { graphToTopology } from "@/lib/graph/to-topology";
import { checkTopologyText, type Topology } from "@/lib/topology";
import { designArb, hostileString, injectString, stringSlots } from "@/lib/topology/testing/arbitraries";
import { checkDocument } from "./documents";

/**
 * Requirements 1 and 9: one schema for every way a design gets in. The same hostile designs go
 * through the import and save actions (`checkDocument`) and the CLI (`crossnet validate --json`, in
 * process), which must report the same error codes; the canvas draws each one and must report, for
 * what it drew, the codes a text import of that drawing gets. Anything whose name or argument is not
 * allowed is refused by the import.
 */

const scratch = mkdtempSync(join(tmpdir(), "crossnet-entry-points-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Codes that mean a string could end up where it must not (argv, names): never stored. */
const DANGEROUS = new Set(["invalid-name", "invalid-argument", "invalid-image", "invalid-kv-url"]);

const hostileDesign = fc
  .tuple(designArb({ hosts: 3, networks: 3, containers: 4 }), hostileString, fc.nat())
  .map(([doc, value, slot]) => ({ doc: injectString(doc, slot % Math.max(1, stringSlots(doc)), value), value }));

const errorCodes = (issues: readonly { code: string; severity: string }[]) =>
  [...new Set(issues.filter((issue) => issue.severity === "error").map((issue) => issue.code))].sort();

async function cli(file: string): Promise<{ code: number; codes: string[] }> {
  const chunks: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await main(["validate", file, "--json"]);
    const parsed = JSON.parse(chunks.join("")) as { issues: { code: string; severity: string }[] };
    return { code, codes: errorCodes(parsed.issues) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

it("canvas, import/save and CLI agree on every hostile design, and names or arguments that are not allowed are never stored", async () => {
  const cases = fc.sample(hostileDesign, { numRuns: 300, seed: 0xc0ffee });
  let refused = 0;
  let dangerous = 0;
  let drawn = 0;
  for (const [index, { doc }] of cases.entries()) {
    const text = JSON.stringify(doc);
    const fromText = checkTopologyText(text);
    const textCodes = errorCodes(fromText.issues);

    // The canvas draws the design and checks what it draws with the same schema as a text import.
    // The editor draws only documents whose shape it knows; a hostile key in place of `hosts` is not one.
    const shaped = ["hosts", "networks", "containers"].every(
      (key) => key === "hosts" || !(key in doc) || typeof (doc as Record<string, unknown>)[key] === "object",
    );
    const graph = shaped && typeof doc.hosts === "object" && doc.hosts ? topologyToGraph(doc as Topology).graph : null;
    if (graph) drawn++;
    const canvas = graph ? checkGraph(graph) : null;
    if (graph && canvas) {
      const drawnText = JSON.stringify(graphToTopology(graph).topology);
      const canvasCodes = errorCodes(canvas.issues);
      const drawnCodes = errorCodes(checkTopologyText(drawnText).issues);
      // Same verdict, and a disallowed name or argument is reported on the canvas as by the import.
      expect(canvasCodes.length > 0, `canvas vs import of what it drew: ${drawnText}`).toBe(drawnCodes.length > 0);
      for (const code of drawnCodes.filter((c) => DANGEROUS.has(c))) expect(canvasCodes, drawnText).toContain(code);
    }
    const file = join(scratch, `case-${index}.json`);
    writeFileSync(file, text);
    const viaCli = await cli(file);
    expect(viaCli.codes, `CLI vs text for ${text}`).toEqual(textCodes);
    expect(viaCli.code).toBe(textCodes.length ? 1 : 0);

    const api = checkDocument(text);
    if (textCodes.some((code) => DANGEROUS.has(code))) {
      dangerous++;
      expect(api.ok, `import/save stored ${text}`).toBe(false);
    }
    if (!api.ok) refused++;
  }
  process.stdout.write(
    `entry points: ${cases.length} hostile designs through import/save and CLI (${drawn} also drawn on the canvas); ${dangerous} with a disallowed name or argument, all refused; ${refused} refused by import in total\n`,
  );
  expect(dangerous).toBeGreaterThan(50);
  expect(drawn).toBeGreaterThan(150);
});

it.each([
  ["a network named like a shell command", "networks", "x; touch /tmp/pwned", "network name 'x; touch /tmp/pwned'"],
  ["a command substitution as a network name", "networks", "$(id)", "network name '$(id)'"],
  ["an option as a container name", "containers", "-oProxyCommand=x", "container name '-oProxyCommand=x'"],
])("%s is refused with the field named, by the import and the CLI", async (_title, section, name, message) => {
  const doc =
    section === "networks"
      ? { name: "t", hosts: { "node-1": { nics: { eth0: {} } } }, networks: { [name]: { driver: "bridge" } } }
      : {
          name: "t",
          hosts: { "node-1": { nics: { eth0: {} } } },
          containers: { [name]: { host: "node-1", image: "busybox", networks: {} } },
        };
  const text = JSON.stringify(doc);
  const api = checkDocument(text);
  expect(api.ok).toBe(false);
  if (!api.ok) expect(api.error).toContain(message);
  const file = join(scratch, `named-${section}.json`);
  writeFileSync(file, text);
  expect((await cli(file)).codes).toContain("invalid-name");
});

it("imports are size-limited and parsed as safe YAML: no alias bombs, no code-running tags", () => {
  const big = checkDocument(`name: t\nhosts: {}\ndescription: "${"x".repeat(1_048_576)}"\n`);
  expect(big.ok).toBe(false);
  if (!big.ok) expect(big.error).toMatch(/1048576|1 MiB/);
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [name, prev] of [
    ["b", "a"],
    ["c", "b"],
    ["d", "c"],
    ["e", "d"],
    ["f", "e"],
  ])
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  expect(checkDocument(`${lines.join("\n")}\nname: t\nhosts: {}\n`).ok).toBe(false);
  const tagged = checkDocument('name: !!js/function "function () { process.exit(1) }"\nhosts: {}\n');
  expect(tagged.ok).toBe(false);
  const proto = checkDocument('{"name":"t","hosts":{},"__proto__":{"polluted":true}}');
  expect(proto.ok).toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it("the CLI reads nothing that looks like an option as a file or value: it refuses it (exit 2)", async () => {
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    for (const argv of [
      ["validate", "-oProxyCommand=touch /tmp/pwned"],
      ["plan", "--script", "--host", "-x", "f.yaml"],
      ["audit", "list", "--limit", "-1"],
      ["users", "add", "-admin", "--role", "admin"],
    ])
      expect(await main(argv), argv.join(" ")).toBe(2);
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
});
