/**
 * A JSON reader that keeps every key of an object, in order, duplicates included. tshark's `-T json`
 * writes a packet's layers as keys of one object, and an encapsulated frame repeats them (`eth`, `ip`
 * outer, then `eth`, `ip` inner): `JSON.parse` would keep only the last. Pure.
 */

/** A JSON value whose objects are ordered lists of [key, value] pairs. */
export type OrderedValue = string | number | boolean | null | OrderedValue[] | { pairs: [string, OrderedValue][] };

/** @throws SyntaxError with the offset when `text` is not JSON. */
export function parseOrderedJson(text: string): OrderedValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i}`);
  };
  const space = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const string = (): string => {
    const start = ++i;
    let simple = true;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        simple = false;
        i += 2;
      } else i++;
    }
    if (i >= text.length) fail("unterminated string");
    const raw = text.slice(start, i);
    i++;
    return simple ? raw : (JSON.parse(`"${raw}"`) as string);
  };
  const value = (): OrderedValue => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      const pairs: [string, OrderedValue][] = [];
      space();
      if (text[i] === "}") {
        i++;
        return { pairs };
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail("expected a key");
        const key = string();
        space();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        pairs.push([key, value()]);
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { pairs };
        } else fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const items: OrderedValue[] = [];
      space();
      if (text[i] === "]") {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return items;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const match = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!match?.[0]) return fail("unexpected character");
    i += match[0].length;
    return match[0] === "true" ? true : match[0] === "false" ? false : match[0] === "null" ? null : Number(match[0]);
  };
  const result = value();
  space();
  if (i < text.length) fail("trailing characters");
  return result;
}
