import type { z } from "zod";
import type { IssuePath } from "./issues";
import { TopologySchema } from "./schema";

type AnySchema = z.core.$ZodType;
type Def = {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
  in?: AnySchema;
};

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if ((def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType)
      current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

/** The keys an object at `path` may have, read from the schema (so hints never go stale). */
export function allowedKeys(data: unknown, path: IssuePath): string[] {
  let schema: AnySchema = TopologySchema;
  let value: unknown = data;
  for (const segment of path) {
    schema = pick(unwrap(schema), value);
    const def = defOf(schema);
    value =
      typeof value === "object" && value !== null ? (value as Record<string, unknown>)[String(segment)] : undefined;
    if (def.type === "object" && def.shape) {
      const next = def.shape[String(segment)];
      if (!next) return [];
      schema = next;
    } else if (def.type === "record" && def.valueType) schema = def.valueType;
    else return [];
  }
  const def = defOf(pick(unwrap(schema), value));
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function pick(schema: AnySchema, value: unknown): AnySchema {
  const def = defOf(schema);
  if ((def.type === "union" || def.type === "discriminatedUnion") && def.options) {
    const driver = typeof value === "object" && value !== null ? (value as Record<string, unknown>).driver : undefined;
    const objects = def.options.map(unwrap).filter((option) => defOf(option).type === "object");
    const match = objects.find((option) => {
      const literal = defOf(option).shape?.driver;
      return literal && (defOf(literal) as unknown as { values?: unknown[] }).values?.includes(driver);
    });
    return match ?? objects[0] ?? schema;
  }
  return schema;
}

/** The allowed word nearest to `word` (edit distance at most 2), for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] ?? 0;
}
