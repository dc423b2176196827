#!/usr/bin/env node
// `npm run demo`: from a clean clone on Debian 12, as root — installs what is missing (Debian
// packages, npm packages, the Next build), loads the examples as topologies, brings up the lab for
// the tutorial's first example, registers its inventory, and serves the dashboard on 127.0.0.1.
// Ctrl-C stops the server and brings down the lab this script brought up (never someone else's).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const PORT = Number(process.env.PORT ?? 3000);
const HOST = "127.0.0.1";
const FIRST_EXAMPLE = "examples/macvlan.yaml";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function say(text) {
  process.stdout.write(`demo: ${text}\n`);
}

function fail(text) {
  process.stderr.write(`demo: ${text}\n`);
  process.exit(1);
}

function run(argv, what) {
  say(what);
  const result = spawnSync(argv[0], argv.slice(1), { stdio: "inherit", env });
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal})`);
}

if (process.platform !== "linux") fail("the lab needs Linux (network namespaces); run this on Debian 12");
if (process.getuid?.() !== 0)
  fail("run it as root (the lab creates namespaces and starts dockerd/sshd): sudo npm run demo");
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) fail(`PORT must be a port number, not '${process.env.PORT}'`);

// 1. Debian packages (idempotent: installs only what is missing).
run(["bash", "scripts/setup-lab.sh"], "checking the Debian packages of the lab");

// 2. npm packages.
if (!existsSync(join(root, "node_modules", ".bin", "next")))
  run(["npm", "ci", "--no-audit", "--no-fund"], "installing npm packages (npm ci)");

// 3. The Next build, when missing or older than the sources.
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}
const buildId = join(root, ".next", "BUILD_ID");
const sources = [
  "app",
  "components",
  "lib",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
].filter((path) => existsSync(join(root, path)));
const sourcesAt = Math.max(...sources.map((path) => newest(join(root, path))));
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < sourcesAt)
  run(
    [process.execPath, nextBin, "build"],
    existsSync(buildId) ? "rebuilding the dashboard (sources changed)" : "building the dashboard (next build)",
  );

// The TypeScript libraries, through tsx (as bin/crossnet.js does).
const { register } = await import("tsx/esm/api");
register();
(await import("../bin/server-only.js")).registerServerOnly();
const load = (path) => import(pathToFileURL(join(root, path)).href);
const { openStore } = await load("lib/store/open.ts");
const { createTopology, getTopologyByName } = await load("lib/store/topologies.ts");
const { checkTopologyText } = await load("lib/topology/check.ts");
const { labStatus } = await load("lib/lab/lifecycle/lab-status.ts");
const { labUp } = await load("lib/lab/lifecycle/lab-up.ts");
const { labDown } = await load("lib/lab/lifecycle/lab-down.ts");
const { labSpecFromTopology } = await load("lib/lab/spec/from-topology.ts");
const { labInventoryPath, registerLabInventory } = await load("lib/app/inventory.ts");
const { countAdmins } = await load("lib/auth/users.ts");

const opened = openStore();
if (!opened.ok) fail(`cannot open the database: ${opened.error.message}`);
const store = opened.value;

// 4. Every example as a topology (idempotent: an existing name is left as it is).
const files = readdirSync(join(root, "examples"))
  .filter((file) => file.endsWith(".yaml"))
  .sort();
let loaded = 0;
for (const file of files) {
  const text = readFileSync(join(root, "examples", file), "utf8");
  const checked = checkTopologyText(text);
  if (!checked.topology || !checked.ok) {
    say(`skipping examples/${file}: it does not check`);
    continue;
  }
  if (getTopologyByName(store, checked.topology.name)) continue;
  const created = createTopology(store, { name: checked.topology.name, initial: { document: text, author: "demo" } });
  if (created.ok) loaded += 1;
  else say(`examples/${file} was not loaded: ${created.error.message}`);
}
say(`${loaded} example topolog${loaded === 1 ? "y" : "ies"} loaded (${files.length - loaded} already there)`);

// 5. The lab for the tutorial's first example, unless a lab is up already (never taken down here).
let startedLab = false;
const status = await labStatus();
if (status.state === "down" && status.leftovers.length === 0) {
  const first = checkTopologyText(readFileSync(join(root, FIRST_EXAMPLE), "utf8")).topology;
  if (!first) fail(`${FIRST_EXAMPLE} does not parse`);
  say(`bringing up the lab for ${FIRST_EXAMPLE}`);
  try {
    const result = await labUp(labSpecFromTopology(first), {
      inventoryPath: labInventoryPath(),
      onEvent: (event) => {
        if (event.type === "host-done") say(`  ${event.host} ready (${event.durationMs} ms)`);
      },
    });
    startedLab = true;
    say(`lab '${result.name}' up: ${result.hosts.map((host) => `${host.name} ${host.mgmtAddress}`).join(", ")}`);
  } catch (error) {
    fail(`the lab did not come up: ${typeof error?.describe === "function" ? error.describe() : error}`);
  }
} else if (status.state === "up") {
  say(`lab '${status.name}' is already up: using it (it stays up when the demo stops)`);
} else {
  say(
    `a lab is ${status.state}${status.leftovers.length ? ` (leftovers: ${status.leftovers.join(", ")})` : ""}: ` +
      "not touching it; run `node bin/crossnet.js lab down` if it is yours, then the demo again",
  );
}
const registration = await registerLabInventory(store);
if (registration.status === "registered" || registration.status === "updated")
  say("the lab's inventory is registered as 'lab'");
else if (registration.status === "skipped") say(`the lab's inventory was not registered: ${registration.reason}`);

// 6. First start of the authentication: the server prints a one-time setup token when no admin exists
// (instrumentation.ts); issuing one here would be replaced by the server's at its start.
const needsSetup = countAdmins(store) === 0;
store.close();

// 7. The dashboard, on loopback only.
let stopping = false;
let server = null;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    say("stopping the dashboard");
    server.kill("SIGTERM");
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        resolve();
      }, 10_000);
      server.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (startedLab) {
    say("bringing the lab down");
    await labDown().catch((error) => say(`lab down: ${error.message ?? error}`));
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

// `crossnet serve`, not a bare `next start`: it stamps each request with the socket's peer address, which
// the sign-in limits key on.
server = spawn(process.execPath, [join(root, "bin", "crossnet.js"), "serve", "--host", HOST, "--port", String(PORT)], {
  stdio: ["ignore", "inherit", "inherit"],
  env,
});
server.once("exit", (code) => {
  if (!stopping) {
    say(`the dashboard exited (${code ?? "signal"})`);
    void stop(code ?? 1);
  }
});

const url = `http://${HOST}:${PORT}`;
for (let i = 0; i < 120 && !stopping; i++) {
  try {
    const response = await fetch(`${url}/topologies`);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (!stopping) {
  say(`dashboard: ${url}`);
  if (needsSetup)
    say(
      `first start: open ${url}/setup with the one-time setup token the server printed above ("crossnet: one-time setup token: …")`,
    );
  else say(`sign in at ${url}/login (add accounts with: node bin/crossnet.js users add NAME --role operator)`);
  say("open a topology (e.g. macvlan), Apply it on the 'lab' hosts, then run its Test matrix. Ctrl-C to stop.");
}
