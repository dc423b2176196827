import type { FilterProblem } from "./filter";

/**
 * The hard caps of a capture: no capture can run unbounded. Every capture stops at the first cap it
 * hits: packets kept, seconds elapsed, bytes received; frames are cut at `snaplen` bytes. Pure.
 */
export type CaptureCaps = { count: number; seconds: number; bytes: number; snaplen: number };

/** Defaults and the largest values accepted (a request above them is refused, never clipped silently). */
export const CAPTURE_LIMITS = {
  count: { default: 100, max: 10_000 },
  seconds: { default: 10, max: 120 },
  bytes: { default: 16 * 1024 * 1024, max: 64 * 1024 * 1024 },
  snaplen: { default: 1600, max: 9216 },
} as const;

/** The caps for a request (`count`, `seconds` from the user; bytes and snaplen fixed), or what is wrong with them. */
export function resolveCaps(request: {
  count?: number;
  seconds?: number;
}): CaptureCaps | { problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const pick = (name: "count" | "seconds", value: number | undefined, min: number): number => {
    const limit = CAPTURE_LIMITS[name];
    if (value === undefined) return limit.default;
    if (!Number.isFinite(value) || value < min || value > limit.max || (name === "count" && !Number.isInteger(value)))
      problems.push({
        path: name,
        message: `${name} ${value} is out of range: give ${name === "count" ? "a whole number" : "a number"} from ${min} to ${limit.max}`,
      });
    return value;
  };
  const count = pick("count", request.count, 1);
  const seconds = pick("seconds", request.seconds, 0.2);
  if (problems.length) return { problems };
  return { count, seconds, bytes: CAPTURE_LIMITS.bytes.default, snaplen: CAPTURE_LIMITS.snaplen.default };
}
