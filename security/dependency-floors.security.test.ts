import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/security.md: keep next >= 16.2.6 and react >= 19.2.3 (the React Server Components remote
 * code execution of December 2025 and its follow-ups; proxy bypasses in 2025-2026). Checked on what
 * package.json pins, what the lock file resolves, and what is installed, so none can drift below.
 */

const ROOT = join(import.meta.dirname, "..");
const FLOORS: Record<string, string> = { next: "16.2.6", react: "19.2.3", "react-dom": "19.2.3" };

type Version = [number, number, number];

/** `MAJOR.MINOR.PATCH` of an exact version; pre-releases are refused (they sort below the release). */
function parseVersion(text: string): Version | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

function atLeast(version: Version, floor: Version): boolean {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = floor[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Record<string, unknown>;
const pkg = json("package.json") as { dependencies: Record<string, string> };
const lock = json("package-lock.json") as { packages: Record<string, { version?: string }> };

describe("version floors", () => {
  it("the comparison itself orders versions numerically and refuses ranges and pre-releases", () => {
    expect(atLeast([16, 10, 0], [16, 2, 6])).toBe(true);
    expect(atLeast([16, 2, 5], [16, 2, 6])).toBe(false);
    expect(atLeast([15, 9, 9], [16, 2, 6])).toBe(false);
    expect(parseVersion("^16.2.6")).toBeNull();
    expect(parseVersion("16.3.0-canary.1")).toBeNull();
  });

  for (const [name, floor] of Object.entries(FLOORS)) {
    const min = parseVersion(floor) as Version;
    it(`${name}: pinned exactly, and pinned, locked and installed versions are >= ${floor}`, () => {
      const pinned = parseVersion(pkg.dependencies[name] ?? "");
      expect(pinned, `package.json pins ${name} to an exact version`).not.toBeNull();
      const locked = parseVersion(lock.packages[`node_modules/${name}`]?.version ?? "");
      const installed = parseVersion(String(json(`node_modules/${name}/package.json`).version));
      for (const [where, version] of [
        ["package.json", pinned],
        ["package-lock.json", locked],
        ["node_modules", installed],
      ] as const) {
        expect(version, `${name} in ${where}`).not.toBeNull();
        expect(atLeast(version as Version, min), `${name} ${version?.join(".")} in ${where} is below ${floor}`).toBe(
          true,
        );
      }
    });
  }
});
