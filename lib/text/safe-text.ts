// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

export type SafeTextOptions = {
  /** Characters left as they are (a terminal keeps `\t`). */
  keep?: string;
  /** Longest result, in characters; longer text is cut and ends with `ellipsis`. */
  max?: number;
  /** Default `…`. */
  ellipsis?: string;
};

/**
 * The one escaper for text that crosses an edge (terminal, dashboard, CSV, audit listing) and may hold
 * anything: names from a design file, output from a host. Control characters (C0, DEL, C1 such as CSI),
 * line and paragraph separators and the bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: "Trojan Source") are written as `\uXXXX`, so hostile text can neither move the cursor,
 * recolour, retitle, nor reorder what is shown around it. Pure; the same input gives the same output.
 */
export function safeText(text: string, options: SafeTextOptions = {}): string {
  const keep = options.keep ?? "";
  const escaped = text.replace(UNSAFE, (ch) =>
    keep.includes(ch) ? ch : `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
  if (options.max === undefined || escaped.length <= options.max) return escaped;
  const ellipsis = options.ellipsis ?? "…";
  return `${escaped.slice(0, Math.max(0, options.max - ellipsis.length))}${ellipsis}`;
}
