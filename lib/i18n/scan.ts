/**
 * Finds the t`…` templates in source text and returns their catalogue keys ({0}, {1} … for the
 * `${…}` parts), so a test can check that every sentence of the core has a translation.
 */
export function templateKeys(source: string): string[] {
  const keys: string[] = [];
  const pattern = /(^|[^A-Za-z0-9_$.])t`/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const start = match.index + match[0].length;
    const parsed = readTemplate(source, start);
    if (!parsed) continue;
    keys.push(parsed.key);
    for (const inner of parsed.expressions) keys.push(...templateKeys(inner));
  }
  return keys;
}

function readTemplate(source: string, start: number): { key: string; expressions: string[] } | undefined {
  let key = "";
  let index = start;
  let argument = 0;
  const expressions: string[] = [];
  while (index < source.length) {
    const ch = source[index];
    if (ch === "\\") {
      key += cooked(source[index + 1] ?? "");
      index += 2;
    } else if (ch === "`") return { key, expressions };
    else if (ch === "$" && source[index + 1] === "{") {
      const end = closingBrace(source, index + 2);
      expressions.push(source.slice(index + 2, end));
      key += `{${argument++}}`;
      index = end + 1;
    } else {
      key += ch;
      index++;
    }
  }
  return undefined;
}

function cooked(ch: string): string {
  return ch === "n" ? "\n" : ch === "t" ? "\t" : ch;
}

function closingBrace(source: string, from: number): number {
  let depth = 1;
  let index = from;
  while (index < source.length) {
    const ch = source[index];
    if (ch === "`") {
      index = skipTemplate(source, index + 1);
      continue;
    }
    if (ch === '"' || ch === "'") {
      index++;
      while (index < source.length && source[index] !== ch) index += source[index] === "\\" ? 2 : 1;
      index++;
      continue;
    }
    if (ch === "{") depth++;
    if (ch === "}") {
      depth--;
      if (depth === 0) return index;
    }
    index++;
  }
  return index;
}

function skipTemplate(source: string, from: number): number {
  let index = from;
  while (index < source.length) {
    const ch = source[index];
    if (ch === "\\") index += 2;
    else if (ch === "`") return index + 1;
    else if (ch === "$" && source[index + 1] === "{") index = closingBrace(source, index + 2) + 1;
    else index++;
  }
  return index;
}
