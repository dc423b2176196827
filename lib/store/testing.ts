import type { Migration } from "./migrate";
import { openStore, type Store } from "./open";

/** A clock tests move by hand. */
export type TestClock = { now: () => Date; advance(ms: number): void; set(iso: string): void };

/** A {@link TestClock} starting at `start` (default 2025-01-01T00:00:00Z). */
export function createTestClock(start = "2025-01-01T00:00:00.000Z"): TestClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(iso) {
      current = Date.parse(iso);
    },
  };
}

/**
 * A migrated in-memory store for tests, with a hand-moved clock. Throws if opening fails: in a
 * test that is a bug, not an expected outcome.
 */
export function openTestStore(
  options: { clock?: TestClock; path?: string; migrations?: readonly Migration[] } = {},
): Store & { clock: TestClock } {
  const clock = options.clock ?? createTestClock();
  const opened = openStore({ path: options.path ?? ":memory:", now: clock.now, migrations: options.migrations });
  if (!opened.ok) throw new Error(opened.error.message);
  return { ...opened.value, clock };
}
