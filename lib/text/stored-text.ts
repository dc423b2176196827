import { z } from "zod";
import { plain, type Text } from "../i18n/text";

/** A `Text` as stored: its template and arguments; its English is rebuilt from them when read. */
export type StoredText = { key: string; args: (string | StoredText)[] };

/**
 * Drops the English of a Text (and of its nested Texts) for storing: `en` is the template filled with
 * the English arguments, so keeping it would store every sentence twice.
 */
export function compactText(text: Text): StoredText {
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
export const TextSchema = StoredTextSchema.transform(englishOf);

/**
 * A sentence field of a stored summary: a stored Text, or a plain English string as older runs wrote
 * it (read back as a Text without a translation, so every edge renders it the same way).
 */
export const SentenceSchema = z.union([TextSchema, z.string().transform((text) => plain(text))]);

/** A Text read back from stored JSON (a run's summary), or undefined when `value` is not one. */
export function storedText(value: unknown): Text | undefined {
  const parsed = TextSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
