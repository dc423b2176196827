#!/usr/bin/env node
// `npm test`: every check and test suite, in order, with a summary. Installs what it needs first
// (npm packages; as root, the Debian packages of the lab and the browser tests). Lab and browser
// suites need Linux and root: without them this says so and fails, unless CROSSNET_SKIP_LAB=1 is
// set, which skips them loudly.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const linux = process.platform === "linux";
const skipLab = process.env.CROSSNET_SKIP_LAB === "1";

function run(argv, env = {}) {
  const started = Date.now();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: "inherit", env: { ...process.env, ...env } });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000, status: result.status };
}

if (!existsSync(join(root, "node_modules", ".bin", "vitest"))) {
  console.log("== installing npm packages (npm ci)");
  if (!run(["npm", "ci", "--no-audit", "--no-fund"]).ok) process.exit(1);
}
if (linux && isRoot && !skipLab) {
  console.log("== checking Debian packages for the lab and browser tests");
  if (!run(["bash", "scripts/setup-lab.sh"]).ok) process.exit(1);
}

const suites = [
  ["typecheck", ["npx", "tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["lint", ["npm", "run", "--silent", "lint"]],
  ["unit", ["npx", "vitest", "run", "--project", "unit"]],
  ["security", ["npx", "vitest", "run", "--project", "security"]],
  ["lab", ["npx", "vitest", "run", "--project", "lab"], "lab"],
  ["browser (e2e)", ["npx", "playwright", "test"], "lab"],
  // Every bench at its smoke size, so a bench cannot rot unnoticed (the full sizes stay in `npm run bench`).
  ["benches (smoke)", ["node", "bin/run-ts.js", "bench/run.ts"], "lab", { CROSSNET_BENCH_SIZE: "smoke" }],
];

const results = [];
for (const [name, argv, needs, env] of suites) {
  if (needs === "lab" && (!linux || !isRoot)) {
    const why = !linux ? "they need Linux" : "they need root (network namespaces, dockerd, sshd)";
    if (skipLab) {
      console.log(`\n== ${name}: SKIPPED because CROSSNET_SKIP_LAB=1 (${why})`);
      results.push([name, "SKIPPED", 0]);
    } else {
      console.log(
        `\n== ${name}: CANNOT RUN: ${why}. Run 'sudo npm test', or 'npm run test:unit' for what needs neither.`,
      );
      results.push([name, "FAILED (not root)", 0]);
    }
    continue;
  }
  console.log(`\n== ${name}: ${argv.join(" ")}`);
  const result = run(argv, env);
  results.push([name, result.ok ? "passed" : `FAILED (exit ${result.status})`, result.seconds]);
}

console.log("\n== summary");
for (const [name, status, seconds] of results)
  console.log(`  ${name.padEnd(16)} ${status.padEnd(20)} ${seconds.toFixed(1)} s`);
process.exit(results.every(([, status]) => status === "passed" || status === "SKIPPED") ? 0 : 1);
