/**
 * How hard a ping matrix works, and the caps that bound it (security.md requirement 10: matrix
 * size, per-pair time and per-host concurrency are bounded whatever the caller asks).
 */
export type ProbeSettings = {
  /** Echo requests per pair. */
  count: number;
  /** Seconds between echo requests. */
  intervalS: number;
  /** Seconds a pair may take (ping's `-w`); whole seconds, as busybox ping takes no fraction. */
  deadlineS: number;
  /**
   * Most cells one run may have; a larger matrix is refused before anything runs. At most
   * {@link MAX_PAIRS_LIMIT} whatever the caller asks.
   */
  maxPairs: number;
  /** Source containers probed at once on one host (each one `docker exec` there). */
  hostConcurrency: number;
  /** SSH connect limit per host, in ms: a host that does not answer in time is unreachable. */
  connectTimeoutMs: number;
};

/** The defaults: 3 packets 0.2 s apart, 1 s per pair. */
export const DEFAULT_PROBE_SETTINGS: ProbeSettings = {
  count: 3,
  intervalS: 0.2,
  deadlineS: 1,
  maxPairs: 2000,
  hostConcurrency: 16,
  connectTimeoutMs: 5000,
};

/**
 * The hard cap on `maxPairs` (security.md, "bounded work"): the full matrix by IP of 256 containers
 * (256 × 255 = 65,280 cells) fits, with room for a few multi-network containers. What one run can
 * cost stays bounded by it: each source pings all its targets at once with at most `count` (10)
 * packets in `deadlineS` (10 s), sources run `hostConcurrency` at a time per host, and the output a
 * host may send is capped per target (`host-run.ts`), so a run holds at most about 70,000 × 4 KiB
 * (≈ 280 MB) of host output even when hosts are hostile (about 10 MB when they are not).
 */
export const MAX_PAIRS_LIMIT = 70_000;

/** Inclusive bounds of each setting. */
export const PROBE_LIMITS = {
  count: { min: 1, max: 10 },
  intervalS: { min: 0.01, max: 5 },
  deadlineS: { min: 1, max: 10 },
  maxPairs: { min: 1, max: MAX_PAIRS_LIMIT },
  hostConcurrency: { min: 1, max: 64 },
  connectTimeoutMs: { min: 500, max: 60_000 },
} as const satisfies Record<keyof ProbeSettings, { min: number; max: number }>;

/** A setting out of its bounds, or a matrix larger than `maxPairs`. */
export class ProbeLimitError extends Error {
  override readonly name = "ProbeLimitError";
}

/**
 * Fills in defaults and checks every setting against {@link PROBE_LIMITS}.
 * @throws ProbeLimitError naming the setting, its bounds and the value given.
 */
export function resolveProbeSettings(input: Partial<ProbeSettings> = {}): ProbeSettings {
  const settings: ProbeSettings = { ...DEFAULT_PROBE_SETTINGS };
  for (const key of Object.keys(PROBE_LIMITS) as (keyof ProbeSettings)[]) {
    const value = input[key];
    if (value === undefined) continue;
    const { min, max } = PROBE_LIMITS[key];
    if (!Number.isFinite(value) || value < min || value > max)
      throw new ProbeLimitError(`${key} must be from ${min} to ${max}, not ${value}`);
    settings[key] = value;
  }
  for (const key of ["count", "deadlineS", "maxPairs", "hostConcurrency", "connectTimeoutMs"] as const)
    if (!Number.isInteger(settings[key]))
      throw new ProbeLimitError(`${key} must be a whole number, not ${settings[key]}`);
  if (Math.round(settings.intervalS * 1000) !== settings.intervalS * 1000)
    throw new ProbeLimitError(`intervalS has at most 3 decimals, not ${settings.intervalS}`);
  if ((settings.count - 1) * settings.intervalS >= settings.deadlineS)
    throw new ProbeLimitError(
      `${settings.count} packets ${settings.intervalS} s apart do not fit in a ${settings.deadlineS} s deadline: lower the count or the interval, or raise the deadline`,
    );
  return settings;
}

/** Seconds after which a pair's ping is killed whatever it is doing (a name lookup that hangs, say). */
export function wallBoundS(settings: ProbeSettings): number {
  return settings.deadlineS + 1;
}
