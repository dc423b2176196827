import "server-only";
import type { LockHolder } from "./lock";
import type { RunEvent } from "./runner";

// The events and statuses of a converge (lib/app/converge.ts), defined beside the runner's so the view
// models (lib/views) and the stream protocol read them without depending on the use case itself.

/** Progress of an apply/destroy: the runner's events plus the phases around them. */
export type ApplyEvent =
  | RunEvent
  | { type: "phase"; phase: "lock" | "observe" | "plan" | "run" | "verify" | "release" }
  | { type: "host-unreachable"; host: string; error: string }
  | { type: "lock-taken-over"; host: string; from: LockHolder };

/** How an apply or destroy ended: every step done, some hosts or resources left out, or nothing usable. */
export type ApplyStatus = "done" | "partial" | "failed";
