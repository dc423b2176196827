import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CAPTURE_LIMITS, resolveCaps } from "./caps";

describe("resolveCaps: no capture runs unbounded", () => {
  it("gives every accepted request finite caps within the limits, and refuses the rest by field", () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.double(),
      fc.integer({ min: -10, max: 20_000 }),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, 0, -0, 1e300),
    );
    fc.assert(
      fc.property(value, value, (count, seconds) => {
        const caps = resolveCaps({ count, seconds });
        if ("problems" in caps) {
          expect(caps.problems.length).toBeGreaterThan(0);
          for (const problem of caps.problems) expect(["count", "seconds"]).toContain(problem.path);
          return;
        }
        expect(Number.isInteger(caps.count)).toBe(true);
        expect(caps.count).toBeGreaterThanOrEqual(1);
        expect(caps.count).toBeLessThanOrEqual(CAPTURE_LIMITS.count.max);
        expect(caps.seconds).toBeGreaterThan(0);
        expect(caps.seconds).toBeLessThanOrEqual(CAPTURE_LIMITS.seconds.max);
        expect(caps.bytes).toBeLessThanOrEqual(CAPTURE_LIMITS.bytes.max);
        expect(caps.snaplen).toBeLessThanOrEqual(CAPTURE_LIMITS.snaplen.max);
      }),
      { numRuns: 3000 },
    );
  });

  it("fills the defaults when nothing is asked", () => {
    expect(resolveCaps({})).toEqual({
      count: CAPTURE_LIMITS.count.default,
      seconds: CAPTURE_LIMITS.seconds.default,
      bytes: CAPTURE_LIMITS.bytes.default,
      snaplen: CAPTURE_LIMITS.snaplen.default,
    });
  });
});
