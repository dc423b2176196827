/**
 * Nesting and width limits of an imported design, checked before the YAML parser sees the text.
 * A real design nests about eight levels deep and its largest map is the container list (at most
 * 5,000 entries), so these limits refuse only hostile input.
 */
export const SHAPE_LIMITS = { depth: 32, width: 10_000 } as const;

/** Why a text was refused: too deep, or one collection too wide, at a 1-based line. */
export type ShapeProblem = { kind: "depth" | "width"; found: number; limit: number; line: number };

/**
 * One linear pass over the text (no parse tree, no recursion) that finds nesting deeper than
 * {@link SHAPE_LIMITS.depth} or a collection with more than {@link SHAPE_LIMITS.width} entries,
 * so a megabyte of `[[[[…` or a map of 100,000 keys is refused in milliseconds instead of
 * stalling the server in the parser. Block nesting follows indentation (each `- ` of a compact
 * sequence is a level too); flow nesting follows brackets outside quotes and comments; width
 * counts lines per block parent and commas per flow collection. It over-approximates (e.g. lines
 * of a block scalar count as entries), which only matters past the limits.
 */
export function prescanShape(
  text: string,
  limits: { depth: number; width: number } = SHAPE_LIMITS,
): ShapeProblem | null {
  const indents: number[] = [];
  const blockWidths: number[] = [];
  const flowWidths: number[] = [];
  let line = 0;
  let position = 0;
  while (position <= text.length) {
    let end = text.indexOf("\n", position);
    if (end === -1) end = text.length;
    line += 1;
    let i = position;
    if (flowWidths.length === 0) {
      while (i < end && text.charCodeAt(i) === 32) i += 1;
      const first = text[i];
      if (i < end && first !== "#" && first !== "\r" && !(first === "-" && text.startsWith("---", i))) {
        const indent = i - position;
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) > indent) {
          indents.pop();
          blockWidths.pop();
        }
        if (indents.length === 0 || (indents[indents.length - 1] ?? 0) < indent) {
          indents.push(indent);
          blockWidths.push(0);
        }
        const width = (blockWidths[blockWidths.length - 1] ?? 0) + 1;
        blockWidths[blockWidths.length - 1] = width;
        if (width > limits.width) return { kind: "width", found: width, limit: limits.width, line };
        let dashes = 0;
        while (text[i] === "-" && (text[i + 1] === " " || text[i + 1] === "\t")) {
          dashes += 1;
          i += 2;
          while (text[i] === " ") i += 1;
        }
        if (indents.length + dashes > limits.depth)
          return { kind: "depth", found: indents.length + dashes, limit: limits.depth, line };
      }
    }
    let quote: string | null = null;
    for (; i < end; i += 1) {
      const ch = text[i];
      if (quote) {
        if (ch === "\\" && quote === '"') i += 1;
        else if (ch === quote) {
          if (quote === "'" && text[i + 1] === "'") i += 1;
          else quote = null;
        }
        continue;
      }
      if (ch === "#" && (i === position || text[i - 1] === " " || text[i - 1] === "\t")) break;
      if ((ch === '"' || ch === "'") && (i === position || /[\s[{,:]/.test(text[i - 1] ?? " "))) quote = ch;
      else if (ch === "[" || ch === "{") {
        flowWidths.push(0);
        const depth = indents.length + flowWidths.length;
        if (depth > limits.depth) return { kind: "depth", found: depth, limit: limits.depth, line };
      } else if (ch === "]" || ch === "}") flowWidths.pop();
      else if (ch === "," && flowWidths.length > 0) {
        const width = (flowWidths[flowWidths.length - 1] ?? 0) + 1;
        flowWidths[flowWidths.length - 1] = width;
        if (width >= limits.width) return { kind: "width", found: width + 1, limit: limits.width, line };
      }
    }
    position = end + 1;
  }
  return null;
}
