#!/usr/bin/env node
// Runs one TypeScript file (its default export or top-level code) through tsx: `node bin/run-ts.js FILE [ARGS]`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { registerServerOnly } from "./server-only.js";

register();
registerServerOnly();
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: run-ts FILE [ARGS]");
  process.exit(2);
}
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(resolve(file)).href);
