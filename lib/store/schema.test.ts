import { getTableConfig } from "drizzle-orm/sqlite-core";
import { expect, test } from "vitest";
import { schema } from "./schema";
import { openTestStore } from "./testing";

test("the drizzle schema and the migrations describe the same columns, nullability and keys", () => {
  const store = openTestStore();
  for (const table of Object.values(schema)) {
    const config = getTableConfig(table);
    const actual = store.sqlite
      .prepare(`SELECT name, "notnull" AS required, pk FROM pragma_table_info(?) ORDER BY cid`)
      .all(config.name) as { name: string; required: number; pk: number }[];
    const expected = config.columns.map((column) => ({
      name: column.name,
      required: column.notNull || column.primary ? 1 : 0,
      pk: column.primary ? 1 : 0,
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect({ table: config.name, columns: actual.map((c) => ({ ...c, pk: c.pk > 0 ? 1 : 0 })).sort(byName) }).toEqual({
      table: config.name,
      columns: expected.sort(byName),
    });
  }
});

test("the audit table refuses updates and deletes", () => {
  const store = openTestStore();
  store.sqlite
    .prepare("INSERT INTO audit (seq, at, who, kind, prev_hash, hash) VALUES (1, 'now', 'me', 'event', 'a', 'b')")
    .run();
  expect(() => store.sqlite.prepare("UPDATE audit SET who = 'x'").run()).toThrow(/append-only/);
  expect(() => store.sqlite.prepare("DELETE FROM audit").run()).toThrow(/append-only/);
});
