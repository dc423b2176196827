#!/usr/bin/env node
// CI's dependency check: `npm audit --omit=dev` must report no high or critical advisory. When the
// advisory service cannot be asked (this workplace's registry answers the bulk endpoint with 405),
// that is said loudly and the check does not block: the version floors of security.md are still
// enforced by security/dependency-floors.security.test.ts.
import { spawnSync } from "node:child_process";

const result = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(`npm audit printed no JSON (exit ${result.status}):\n${result.stderr}`);
  process.exit(1);
}
if (report.statusCode || report.error || (report.message && !report.metadata)) {
  const why = report.message ?? report.error?.summary ?? `status ${report.statusCode}`;
  console.warn(`WARNING: npm audit could not reach the advisory database (${why}); no advisory check was possible.`);
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}`);
if (serious > 0) {
  console.error(`${serious} high or critical advisories in production dependencies: run 'npm audit --omit=dev'.`);
  process.exit(1);
}
