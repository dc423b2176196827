import { describe, expect, it } from "vitest";
import { DEFAULT_PROBE_SETTINGS, MAX_PAIRS_LIMIT, ProbeLimitError, resolveProbeSettings, wallBoundS } from "./settings";

describe("resolveProbeSettings", () => {
  it("defaults to 3 packets 0.2 s apart within 1 s per pair", () => {
    expect(resolveProbeSettings()).toEqual(DEFAULT_PROBE_SETTINGS);
    expect(DEFAULT_PROBE_SETTINGS).toMatchObject({ count: 3, intervalS: 0.2, deadlineS: 1 });
    expect(wallBoundS(DEFAULT_PROBE_SETTINGS)).toBe(2);
  });

  it("refuses every setting beyond its cap, naming it", () => {
    for (const [key, value] of [
      ["count", 11],
      ["count", 0],
      ["intervalS", 6],
      ["deadlineS", 11],
      ["maxPairs", 70_001],
      ["hostConcurrency", 65],
      ["connectTimeoutMs", 100],
      ["count", Number.NaN],
    ] as const)
      expect(() => resolveProbeSettings({ [key]: value }), `${key}=${value}`).toThrow(
        new RegExp(`^${key} must be from`),
      );
  });

  it("lets maxPairs reach the full matrix of 256 containers (65,280 cells), and no further than 70,000", () => {
    expect(resolveProbeSettings({ maxPairs: 256 * 255 }).maxPairs).toBe(65_280);
    expect(resolveProbeSettings({ maxPairs: MAX_PAIRS_LIMIT }).maxPairs).toBe(70_000);
    expect(() => resolveProbeSettings({ maxPairs: 70_001 })).toThrow("maxPairs must be from 1 to 70000, not 70001");
    expect(() => resolveProbeSettings({ maxPairs: 16_256.5 })).toThrow("maxPairs must be a whole number");
  });

  it("refuses fractions where ping takes whole numbers, and packets that cannot fit the deadline", () => {
    expect(() => resolveProbeSettings({ deadlineS: 1.5 })).toThrow(ProbeLimitError);
    expect(() => resolveProbeSettings({ intervalS: 0.2001 })).toThrow(/3 decimals/);
    expect(() => resolveProbeSettings({ count: 10, intervalS: 0.2 })).toThrow(/do not fit in a 1 s deadline/);
    expect(resolveProbeSettings({ count: 10, intervalS: 0.2, deadlineS: 2 })).toMatchObject({ count: 10 });
  });
});
