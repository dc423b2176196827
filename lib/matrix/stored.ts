import { z } from "zod";
import type { ReasonCode } from "../expect/types";
import { plain, type Text } from "../i18n/text";
import type { ProbeCell } from "../probe/types";
import type { JsonValue } from "../store/json";
import type { PingCell } from "../store/ping-cells";
import { cellId } from "./matrix";

/** A `Text` as stored: its template and arguments; its English is rebuilt from them when read. */
type StoredText = { key: string; args: (string | StoredText)[] };

/** Drops the English of a Text (and of its nested Texts): `en` is the template filled with the English arguments. */
function compactText(text: Text): StoredText {
  return { key: text.key, args: text.args.map((arg) => (typeof arg === "string" ? arg : compactText(arg))) };
}

/** The English of a stored Text, as the `t` tag builds it. */
function englishOf(text: StoredText): Text {
  const args = text.args.map((arg) => (typeof arg === "string" ? arg : englishOf(arg)));
  const en = text.key.replace(/\{(\d+)\}/g, (_match, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? "" : typeof arg === "string" ? arg : arg.en;
  });
  return { key: text.key, args, en };
}

const StoredTextSchema: z.ZodType<StoredText> = z.lazy(() =>
  z.object({ key: z.string(), args: z.array(z.union([z.string(), StoredTextSchema])) }),
);
/** A translatable sentence as stored (lib/i18n/text.ts's `Text`), read back with its English. */
const TextSchema = StoredTextSchema.transform(englishOf);

/** A Text read back from stored JSON (a run's summary), or undefined when `value` is not one. */
export function storedText(value: unknown): Text | undefined {
  const parsed = TextSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A field that falls back to `fallback` when missing or malformed (older runs, other writers). */
const or = <T extends z.ZodType>(schema: T, fallback: z.infer<T>) => schema.catch(fallback);

/**
 * What a cell has beyond the `ping_cells` columns, kept in the run's summary keyed by cell id: its
 * source host, its expectation's reason (code and the translatable `Text` with its arguments) and its
 * diagnosis as a `Text`. Network, command and attempts are also columns since migration 0003, and the
 * columns win. Runs stored before this shape kept the reason as `reason` (English) + `reasonText` and
 * the diagnosis as `diagnosisText`: they read back into the same fields.
 */
export const CellExtrasSchema = z
  .object({
    host: or(z.string(), ""),
    network: or(z.string().nullable(), null),
    reasonCode: or(z.string(), ""),
    // A Text; older runs without the Text kept the English here.
    reason: or(z.union([TextSchema, z.string()]).optional(), undefined),
    diagnosis: or(TextSchema.optional(), undefined),
    // Older runs' names for the same two Texts.
    reasonText: or(TextSchema.optional(), undefined),
    diagnosisText: or(TextSchema.optional(), undefined),
    command: or(z.string(), ""),
    attempts: or(z.number().int().min(1), 1),
  })
  .transform(({ reasonText, diagnosisText, reason, diagnosis, ...rest }) => {
    const text = reasonText ?? (typeof reason === "string" ? undefined : reason);
    return {
      ...rest,
      reason: text ?? (typeof reason === "string" && reason ? plain(reason) : undefined),
      /** True when only the English (or nothing) was stored: the reader may take the Text from the design. */
      reasonUntranslated: text === undefined,
      diagnosis: diagnosis ?? diagnosisText,
    };
  });
export type CellExtras = z.infer<typeof CellExtrasSchema>;

const count = or(z.number().finite(), 0);

/**
 * The summary of a ping run as stored (JSON), zod-typed: counts, unreachable hosts, the re-run origin,
 * and each cell's extras. Reading it never throws: a missing or malformed field reads as its default.
 */
export const PingRunSummarySchema = z.object({
  pass: count,
  fail: count,
  durationMs: count,
  cancelled: or(z.boolean(), false),
  unreachable: or(
    z.array(z.unknown()).transform((list) =>
      list.flatMap((entry) => {
        const parsed = z.object({ host: or(z.string(), ""), error: or(z.string(), "") }).safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
    [],
  ),
  /** The run this one re-ran the failed cells of, if any. */
  rerunOf: or(z.string().nullable(), null),
  extras: or(
    z.record(z.string(), z.unknown()).transform((record) => {
      const extras: Record<string, CellExtras> = {};
      for (const [id, raw] of Object.entries(record)) {
        const parsed = CellExtrasSchema.safeParse(raw);
        if (parsed.success && typeof raw === "object" && raw !== null && !Array.isArray(raw)) extras[id] = parsed.data;
      }
      return extras;
    }),
    {},
  ),
});
export type PingRunSummary = z.infer<typeof PingRunSummarySchema>;

/** A cell's extras as written: only what the columns lack, each sentence once as a Text. Read back as {@link CellExtras}. */
export type StoredCellExtras = Pick<CellExtras, "host" | "reasonCode"> & { reason: StoredText; diagnosis?: StoredText };

/** The summary to store for a finished ping run (read back with {@link readPingRunSummary}). */
export type StoredPingSummary = Omit<PingRunSummary, "extras"> & { extras: Record<string, StoredCellExtras> };

/** The summary to store for a finished ping run. */
export function pingRunSummary(
  cells: readonly ProbeCell[],
  facts: {
    durationMs: number;
    cancelled: boolean;
    unreachable: { host: string; error: string }[];
    rerunOf: string | null;
  },
): StoredPingSummary {
  const pass = cells.filter((cell) => cell.verdict === "pass").length;
  const extras: Record<string, StoredCellExtras> = {};
  // Only what the ping_cells columns do not hold (network, command and attempts are columns since
  // migration 0003), and each sentence once, as its Text (template and arguments; its English is rebuilt).
  for (const cell of cells)
    extras[cellId(cell)] = {
      host: cell.host,
      reasonCode: cell.reasonCode,
      reason: compactText(cell.reason),
      ...(cell.diagnosis ? { diagnosis: compactText(cell.diagnosis) } : {}),
    };
  return { pass, fail: cells.length - pass, ...facts, extras };
}

/** Reads a stored ping summary back, tolerating missing or malformed fields (older runs, other writers). */
export function readPingRunSummary(value: JsonValue | null): PingRunSummary {
  const parsed = PingRunSummarySchema.safeParse(
    typeof value === "object" && value !== null && !Array.isArray(value) ? value : {},
  );
  return parsed.success ? parsed.data : PingRunSummarySchema.parse({});
}

/** Stored rows back into cells, with their extras (a cell whose extras are missing gets empty ones). */
export function cellsFromStore(rows: readonly PingCell[], summary: PingRunSummary): ProbeCell[] {
  return rows.map((row) => {
    const id = cellId(row);
    const extra = summary.extras[id];
    const rtt =
      row.rttMinMs !== null && row.rttAvgMs !== null && row.rttMaxMs !== null
        ? { min: row.rttMinMs, avg: row.rttAvgMs, max: row.rttMaxMs }
        : null;
    return {
      from: row.from,
      to: row.to,
      by: row.by,
      target: row.target,
      ...(row.port === null ? {} : { port: row.port }),
      ...(row.mtuExpected === null
        ? {}
        : { mtu: { expected: row.mtuExpected, path: row.mtuPath, interface: row.mtuInterface } }),
      network: row.network ?? extra?.network ?? null,
      host: extra?.host ?? "",
      expected: row.expected,
      reasonCode: (extra?.reasonCode ?? "same-network") as ReasonCode,
      reason: extra?.reason ?? plain(""),
      actual: row.actual,
      sent: row.sent,
      received: row.received,
      lossPct: row.lossPct,
      rttMs: rtt,
      verdict: row.verdict === "pass" ? "pass" : "fail",
      // The column keeps the English for SQL readers; the Text in the summary is the cell's own.
      diagnosis: extra?.diagnosis ?? (row.diagnosis ? plain(row.diagnosis) : null),
      error: row.error,
      rawOutput: row.rawOutput,
      command: row.command || extra?.command || "",
      attempts: row.attempts || extra?.attempts || 1,
    };
  });
}
