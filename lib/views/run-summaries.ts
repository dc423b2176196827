import { z } from "zod";
import { plain } from "../i18n/text";
import { SentenceSchema } from "../text/stored-text";

/**
 * The stored summary of each run kind, zod-typed. Reading never throws: a missing or malformed field
 * reads as its default, so runs stored by older versions (sentences as plain English) still open. The
 * ping run's summary (with its per-cell extras) is `PingRunSummarySchema` in lib/matrix/stored.ts.
 */

const or = <T extends z.ZodType>(schema: T, fallback: z.infer<T>) => schema.catch(fallback);
const count = or(z.number().finite(), 0);
const sentence = or(SentenceSchema.nullable(), null);

/** A run that could not start or ended in an error says why (`error`), whatever its kind. */
const common = { error: or(z.string().nullable(), null) };

/** An apply or destroy run: what ran, whether the hosts converged, and why it was refused if it was. */
export const ApplyRunSummarySchema = z.object({
  ...common,
  converged: or(z.boolean().nullable(), null),
  refused: or(z.string().nullable(), null),
  counts: or(z.object({ ok: count, failed: count, unknown: count, skipped: count }), {
    ok: 0,
    failed: 0,
    unknown: 0,
    skipped: 0,
  }),
  durationMs: count,
  /** What still differs after the run (the plan's summary line), null when nothing does. */
  remaining: sentence,
});
export type ApplyRunSummary = z.infer<typeof ApplyRunSummarySchema>;

/** A lab run: one line for people (what was built or removed, or what went wrong) and the hosts built. */
export const LabRunSummarySchema = z
  .object({
    ...common,
    message: sentence,
    /** Older runs kept the Text here and its English in `message`. */
    messageText: or(SentenceSchema.optional(), undefined),
    hosts: or(z.array(z.object({ name: z.string(), address: z.string() })), []),
  })
  .transform(({ messageText, message, ...rest }) => ({ ...rest, message: messageText ?? message ?? plain("") }));
export type LabRunSummary = z.infer<typeof LabRunSummarySchema>;

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A stored apply or destroy summary, read tolerantly. */
export function readApplyRunSummary(value: unknown): ApplyRunSummary {
  return ApplyRunSummarySchema.parse(object(value));
}

/** A stored lab summary, read tolerantly. */
export function readLabRunSummary(value: unknown): LabRunSummary {
  return LabRunSummarySchema.parse(object(value));
}
