import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { HELP } from "./help";

const here = new URL("./", import.meta.url);

it("every command file in cli/commands is listed in HELP and loaded by the index, so it answers --help", () => {
  const files = readdirSync(here)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "help.ts" && file !== "index.ts")
    .map((file) => file.replace(/\.ts$/, ""))
    .sort();
  expect(Object.keys(HELP).sort()).toEqual(files);
  const index = readFileSync(new URL("index.ts", here), "utf8");
  for (const name of files) expect(index, name).toContain(`import("./${name}")`);
});
