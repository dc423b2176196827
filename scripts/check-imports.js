#!/usr/bin/env node
// The import rule of docs/architecture.md, checked over the source tree (part of `npm run lint`).
//  - rings: core → core only (and no Node built-ins); adapters → core and adapters; application
//    (lib/app) → core, adapters, application; shells (app, components, cli, bench, e2e) → anything but
//    another shell's internals is not checked here. A client component ("use client") may not reach an
//    adapter at all (the `server-only` import inside every adapter makes the build fail too).
//  - no import cycle anywhere (static, type-only and dynamic `import()` edges all count: a type-only
//    cycle is still two files that cannot be understood apart).
//  - every adapter file (not tests, not testing helpers) imports "server-only".
// Usage: node scripts/check-imports.js [--stats]   (exit 1 on any violation, each printed with its path)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const roots = ["lib", "app", "components", "cli", "bench", "e2e", "proxy.ts", "instrumentation.ts"];
const exts = [".ts", ".tsx"];

/** Which ring a file belongs to; the first matching prefix wins. */
const rings = [
  ["lib/app/", "application"],
  ["lib/topology/", "core"],
  ["lib/plan/", "core"],
  ["lib/expect/", "core"],
  ["lib/graph/", "core"],
  ["lib/matrix/", "core"],
  ["lib/drift/", "core"],
  ["lib/i18n/text.ts", "core"],
  ["lib/i18n/zh-templates.ts", "core"],
  ["lib/i18n/locale.ts", "core"],
  ["lib/i18n/scan.ts", "core"],
  ["lib/i18n/ui/", "core"],
  ["lib/lessons/faults.ts", "core"],
  ["lib/lessons/judge.ts", "core"],
  ["lib/lessons/progress.ts", "core"],
  ["lib/lessons/schema.ts", "core"],
  ["lib/lessons/select.ts", "core"],
  ["lib/lessons/validate.ts", "core"],
  ["lib/lessons/view.ts", "core"],
  ["lib/lessons/run-end.ts", "core"],
  ["lib/lessons/capture-question.ts", "core"],
  ["lib/probe/perf-iperf.ts", "core"],
  ["lib/inventory/schema.ts", "core"],
  ["lib/inventory/document.ts", "core"],
  ["lib/inventory/coverage.ts", "core"],
  ["lib/secrets/dashboard-key.ts", "core"],
  ["lib/views/", "core"],
  ["lib/runs/stream.ts", "core"],
  ["lib/text/", "core"],
  ["lib/svg/", "core"],
  ["lib/capture/", "core"],
  ["lib/i18n/request-locale.ts", "core"],
  ["lib/", "adapter"],
  ["app/", "shell"],
  ["components/", "shell"],
  ["cli/", "shell"],
  ["bench/", "shell"],
  ["e2e/", "shell"],
  ["proxy.ts", "shell"],
  ["instrumentation.ts", "shell"],
];
const allowed = {
  core: new Set(["core"]),
  adapter: new Set(["core", "adapter"]),
  application: new Set(["core", "adapter", "application"]),
  shell: new Set(["core", "adapter", "application", "shell"]),
};

function ringOf(file) {
  for (const [prefix, ring] of rings) if (file === prefix || file.startsWith(prefix)) return ring;
  return "shell";
}

const isTest = (file) =>
  /\.(test|lab\.test|security\.test)\.tsx?$/.test(file) ||
  /(^|\/)testing(\/|\.ts$)/.test(file) ||
  /^lib\/.*\/test-[\w-]+\.ts$/.test(file);
/** Benchmarks and browser tests drive the real system through the testing helpers, as tests do. */
const mayUseTestHelpers = (file) => isTest(file) || file.startsWith("bench/") || file.startsWith("e2e/");

function walk(path, out) {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) {
      if (name === "node_modules" || name.startsWith(".") || name === "artifacts") continue;
      walk(`${path}/${name}`, out);
    }
  } else if (exts.some((ext) => path.endsWith(ext)) && !path.endsWith(".d.ts")) out.push(path);
}

/** Every module specifier a file names: static imports/exports (type-only too) and dynamic import(). */
function specifiers(source) {
  const found = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/[^\n]*/g, "$1");
  const staticRe = /(?:^|\n|;)\s*(import|export)\s+(type\s+)?([^'"`;]*?\sfrom\s+)?["']([^"']+)["']/g;
  for (let m = staticRe.exec(text); m; m = staticRe.exec(text)) {
    const typeOnly = Boolean(m[2]);
    found.push({ spec: m[4], kind: typeOnly ? "type" : "static" });
  }
  const dynRe = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = dynRe.exec(text); m; m = dynRe.exec(text)) found.push({ spec: m[1], kind: "dynamic" });
  return found;
}

function resolveSpec(from, spec) {
  let base;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = relative(root, resolve(root, dirname(from), spec));
  else return undefined;
  const candidates = [base, ...exts.map((e) => base + e), ...exts.map((e) => `${base}/index${e}`)];
  for (const c of candidates) if (existsSync(join(root, c)) && statSync(join(root, c)).isFile()) return c;
  return undefined;
}

const files = [];
for (const r of roots) walk(r, files);
const graph = new Map();
const problems = [];
const sources = new Map();
for (const file of files) {
  const source = readFileSync(join(root, file), "utf8");
  sources.set(file, source);
  const edges = [];
  for (const { spec, kind } of specifiers(source)) {
    const target = resolveSpec(file, spec);
    if (target) edges.push({ target, kind, spec });
    else if (spec.startsWith("node:") && ringOf(file) === "core" && !isTest(file))
      problems.push(`${file}: the core imports "${spec}" (core modules have no effects: move the I/O to an adapter)`);
  }
  graph.set(file, edges);
}

// Ring rule (tests and testing helpers may reach anything: they set up real adapters for the core).
for (const [file, edges] of graph) {
  if (isTest(file)) continue;
  const ring = ringOf(file);
  const client = /^\s*["']use client["']/.test(sources.get(file) ?? "");
  for (const { target, spec, kind } of edges) {
    // A type-only import has no effect at run time (it is erased): it counts for cycles, not for rings.
    if (kind === "type") continue;
    if (isTest(target)) {
      if (mayUseTestHelpers(file)) continue;
      problems.push(`${file}: imports test helper ${target} from production code`);
      continue;
    }
    const targetRing = ringOf(target);
    if (!allowed[ring].has(targetRing))
      problems.push(
        `${file} (${ring}) imports ${target} (${targetRing}) via "${spec}": ${ring} may import only ${[...allowed[ring]].join(", ")}`,
      );
    if (client && (targetRing === "adapter" || targetRing === "application"))
      problems.push(
        `${file} is a client component and imports ${target} (${targetRing}): pass data from a server component or action instead`,
      );
  }
}

// server-only in every adapter and application module.
for (const file of files) {
  const ring = ringOf(file);
  if ((ring !== "adapter" && ring !== "application") || isTest(file)) continue;
  if (!/^import\s+["']server-only["'];?\s*$/m.test(sources.get(file) ?? ""))
    problems.push(
      `${file}: an ${ring} module must start with import "server-only" (so a client bundle cannot include it)`,
    );
}

// Cycles: strongly connected components (Tarjan), each reported once with one concrete loop.
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const components = [];
let counter = 0;
function strongConnect(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const { target } of graph.get(v) ?? []) {
    if (!index.has(target)) {
      strongConnect(target);
      low.set(v, Math.min(low.get(v), low.get(target)));
    } else if (onStack.has(target)) low.set(v, Math.min(low.get(v), index.get(target)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const file of files) if (!index.has(file)) strongConnect(file);

function loopIn(component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const { target } of graph.get(v) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [v];
        for (let p = previous.get(v); p !== undefined; p = previous.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, v);
        queue.push(target);
      }
    }
  }
  return component;
}
for (const component of components)
  problems.push(`import cycle among ${component.length} files: ${loopIn(component).join(" → ")}`);

// Folder cycles: lib/exec → lib/observe → lib/exec is a cycle between two ideas even when no single file
// loops. A folder is lib/<name> (lib/app/<name> for use cases) or the top-level shell folder.
function folderOf(file) {
  const parts = file.split("/");
  // The web shell is one unit: client components call the server actions of app/ by design.
  if (parts[0] === "app" || parts[0] === "components") return "web";
  if (parts[0] === "lib" && parts[1] === "app" && parts.length > 3) return parts.slice(0, 3).join("/");
  if (parts[0] === "lib")
    return parts
      .slice(0, 2)
      .join("/")
      .replace(/\.tsx?$/, "");
  return parts[0].replace(/\.tsx?$/, "");
}
const folderGraph = new Map();
const folderWitness = new Map();
for (const [file, edges] of graph) {
  if (isTest(file)) continue;
  const from = folderOf(file);
  for (const { target } of edges) {
    const to = folderOf(target);
    if (to === from || isTest(target)) continue;
    if (!folderGraph.has(from)) folderGraph.set(from, new Set());
    folderGraph.get(from).add(to);
    if (!folderWitness.has(`${from}>${to}`)) folderWitness.set(`${from}>${to}`, `${file} → ${target}`);
  }
}
const folderCycles = [];
for (const [a, targets] of folderGraph)
  for (const b of targets) if (a < b && folderGraph.get(b)?.has(a)) folderCycles.push([a, b]);
const folderSccs = (() => {
  const idx = new Map();
  const lo = new Map();
  const st = [];
  const on = new Set();
  const out = [];
  let n = 0;
  const visit = (v) => {
    idx.set(v, n);
    lo.set(v, n++);
    st.push(v);
    on.add(v);
    for (const w of folderGraph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        lo.set(v, Math.min(lo.get(v), lo.get(w)));
      } else if (on.has(w)) lo.set(v, Math.min(lo.get(v), idx.get(w)));
    }
    if (lo.get(v) === idx.get(v)) {
      const c = [];
      let w;
      do {
        w = st.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of [...folderGraph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
})();
for (const [a, b] of folderCycles)
  problems.push(`folder cycle ${a} ↔ ${b}: ${folderWitness.get(`${a}>${b}`)} and ${folderWitness.get(`${b}>${a}`)}`);
for (const scc of folderSccs)
  if (scc.length > 2 || !folderCycles.some(([a, b]) => scc.includes(a) && scc.includes(b)))
    problems.push(`folder cycle among ${scc.join(", ")}`);

if (process.argv.includes("--stats")) {
  console.log(
    `files: ${files.length}; file-level import cycles: ${components.length}; folder cycles (pairs): ${folderCycles.length}; folder strongly connected groups: ${folderSccs.length}`,
  );
  for (const component of components) console.log(`  file cycle (${component.length}): ${component.join(", ")}`);
  for (const [a, b] of folderCycles) console.log(`  folder cycle: ${a} <-> ${b}`);
  for (const scc of folderSccs) console.log(`  folder group: ${scc.join(", ")}`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`\ncheck-imports: ${problems.length} problem(s). The rule is in docs/architecture.md.`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} files, rings respected, no import cycles.`);
