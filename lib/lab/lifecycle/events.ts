import "server-only";

/** Progress of `labUp` / `labDown`, for the CLI's progress display. Durations in milliseconds. */
export type LabEvent =
  | { type: "lab-started"; lab: string; hosts: string[] }
  | { type: "host-started"; host: string }
  /** One finished step; `host` is null for steps outside the hosts (switch, image, inventory). */
  | { type: "step"; host: string | null; step: string; durationMs: number }
  | { type: "host-done"; host: string; durationMs: number }
  | { type: "done"; durationMs: number; inventoryPath: string }
  /** One finished teardown step with how many things it removed. */
  | { type: "down-step"; step: string; durationMs: number; removed: number };

/** Callback receiving {@link LabEvent}s. */
export type LabEventSink = (event: LabEvent) => void;

/** Runs `action`, then reports it as a `step` event with its duration. */
export async function timedStep<T>(
  onEvent: LabEventSink | undefined,
  host: string | null,
  step: string,
  action: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const result = await action();
  onEvent?.({ type: "step", host, step, durationMs: Math.round(performance.now() - started) });
  return result;
}
