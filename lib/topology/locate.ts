import { isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { IssuePath } from "./issues";

/**
 * Finds the source position of `path` in a parsed YAML/JSON document: the key of the last segment when
 * `atKey` (for unknown keys), otherwise its value. Falls back to the deepest existing ancestor.
 */
export function locate(
  root: Node | null | undefined,
  path: IssuePath,
  lineCounter: LineCounter,
  atKey = false,
): { line: number; column: number } | undefined {
  let node: unknown = root;
  let best: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      node = last && atKey ? pair.key : (pair.value ?? pair.key);
      best = last && atKey ? pair.key : pair.value && hasRange(pair.value) ? pair.value : pair.key;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (!node) break;
      best = node;
    } else break;
  }
  if (!hasRange(best)) return undefined;
  const position = lineCounter.linePos(best.range[0]);
  return { line: position.line, column: position.col };
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === "object" && node !== null && Array.isArray((node as { range?: unknown }).range);
}
