#!/usr/bin/env node
// Entry point of the `crossnet` command: loads the TypeScript CLI through tsx.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { registerServerOnly } from "./server-only.js";

register();
registerServerOnly();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(join(here, "..", "cli", "main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
