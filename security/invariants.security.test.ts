import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { InventorySchema } from "../lib/inventory/schema";
import { PROBE_LIMITS, resolveProbeSettings } from "../lib/probe/settings";

/**
 * Rules of security.md that are properties of the whole source tree, checked on it so a change
 * that breaks one fails here: no local shell (requirement 3), no way to accept any host key
 * (requirement 4), no plain-TCP Docker (5), no host data rendered as HTML (the bar's last fact),
 * bounded probe work (10).
 */

const ROOT = join(import.meta.dirname, "..");
const DIRS = ["lib", "app", "cli", "components", "scripts", "bin", "bench", "e2e"];
const SKIP = new Set(["node_modules", ".next", "testing", "fixtures"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry) && !/\.test\.ts$|\.spec\.ts$/.test(entry) ? [path] : [];
  });
}

const files = DIRS.flatMap((dir) => sources(join(ROOT, dir))).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, "utf8"),
}));

function offenders(pattern: RegExp, allowed: (path: string) => boolean = () => false): string[] {
  return files.filter((file) => pattern.test(file.text) && !allowed(file.path)).map((file) => file.path);
}

describe("the source tree", () => {
  it("is scanned (the walk finds the code)", () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files.some((file) => file.path === "lib/exec/ssh.ts")).toBe(true);
  });

  it("starts no local shell: child processes only with argv (no exec/execSync, no shell: true)", () => {
    expect(offenders(/\b(?:exec|execSync)\s*(?:,|\})[^;]*from\s+["']node:child_process["']/)).toEqual([]);
    expect(offenders(/\bchild_process\.exec(?:Sync)?\(/)).toEqual([]);
    const spawning = files.filter((file) => /from\s+["'](?:node:)?child_process["']/.test(file.text));
    expect(spawning.length).toBeGreaterThan(5);
    expect(spawning.filter((file) => /\bshell\s*:\s*(?:true|["'`][^"'`])/.test(file.text)).map((f) => f.path)).toEqual(
      [],
    );
  });

  it("has no switch to accept any host key, and ssh2 always gets a host verifier", () => {
    expect(offenders(/StrictHostKeyChecking|UserKnownHostsFile=\/dev\/null|acceptAnyHostKey|insecureHostKey/i)).toEqual(
      [],
    );
    const ssh = files.find((file) => file.path === "lib/exec/ssh.ts")?.text ?? "";
    expect(ssh).toMatch(
      /hostVerifier: \(key: Buffer\) => \{[\s\S]*?return presented\.fingerprint === target\.hostKey;/,
    );
  });

  it("renders host data as text: the only raw HTML is the constant theme script", () => {
    expect(offenders(/dangerouslySetInnerHTML/, (path) => path === "app/layout.tsx")).toEqual([]);
    expect(offenders(/\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/)).toEqual([]);
    const layout = files.find((file) => file.path === "app/layout.tsx")?.text ?? "";
    expect(layout).toMatch(/dangerouslySetInnerHTML=\{\{ __html: THEME_SCRIPT \}\}/);
  });
});

describe("Docker transport", () => {
  const host = (docker: unknown) => ({
    hosts: {
      "node-1": {
        address: "198.18.0.11",
        ssh: { port: 22, user: "root", key: "k", hostKey: `SHA256:${"A".repeat(43)}` },
        docker,
      },
    },
  });

  it("refuses plain TCP with the reason, accepts SSH, a unix socket, or TCP with mutual TLS", () => {
    for (const endpoint of ["tcp://10.0.0.2:2375", "tcp://0.0.0.0:2376", "http://10.0.0.2:2375"]) {
      const result = InventorySchema.safeParse(host({ endpoint }));
      expect(result.success, endpoint).toBe(false);
    }
    expect(InventorySchema.safeParse(host({ endpoint: "tcp://10.0.0.2:2375" })).error?.issues[0]?.message).toMatch(
      /plain TCP to the Docker API is refused/,
    );
    expect(InventorySchema.safeParse(host({ endpoint: "ssh" })).success).toBe(true);
    expect(InventorySchema.safeParse(host({ endpoint: "unix:///run/docker.sock" })).success).toBe(true);
    const tls = { endpoint: "tcp://10.0.0.2:2376", tls: { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } };
    expect(InventorySchema.safeParse(host(tls)).success).toBe(true);
  });
});

describe("bounded work", () => {
  it("caps matrix size, per-pair timeout and per-host concurrency, refusing values past them", () => {
    // 70,000: the full IP matrix of 256 containers (65,280 cells) fits; see MAX_PAIRS_LIMIT.
    expect(PROBE_LIMITS.maxPairs.max).toBeLessThanOrEqual(70_000);
    expect(PROBE_LIMITS.deadlineS.max).toBeLessThanOrEqual(10);
    expect(PROBE_LIMITS.hostConcurrency.max).toBeLessThanOrEqual(64);
    expect(() => resolveProbeSettings({ maxPairs: 1_000_000 })).toThrow(/maxPairs must be from 1 to 70000/);
    expect(() => resolveProbeSettings({ deadlineS: 3600 })).toThrow(/deadlineS/);
    expect(() => resolveProbeSettings({ hostConcurrency: 10_000 })).toThrow(/hostConcurrency/);
    expect(() => resolveProbeSettings({ count: Number.NaN })).toThrow(/count/);
  });
});
