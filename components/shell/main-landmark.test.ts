import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/** Every .tsx file under `dir`, recursively. */
function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith(".tsx") ? [path] : [];
  });
}

/**
 * A page has one `main` landmark, the root layout's (app/layout.tsx wraps every page in it); a page or
 * component that renders its own `<main>` or `role="main"` nests a second one inside it, which screen
 * readers announce as two. e2e/landmarks.spec.ts checks the rendered pages.
 */
describe("one main landmark", () => {
  it("only the root layout renders <main> or role=main", () => {
    const owners = ["app", "components"]
      .flatMap((dir) => tsxFiles(join(ROOT, dir)))
      .filter((file) => /<main[\s>]|role=["{]?["']?main["']/.test(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(owners).toEqual(["app/layout.tsx"]);
  });
});
