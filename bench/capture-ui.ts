/**
 * Seeing the packets (issue 15), from the dashboard's side: the time from clicking "Capture here" on
 * a container of the canvas to the first captured packet shown in the packet list, while the
 * container pings its peer. A production build in Chromium, the embedded lab, a macvlan design.
 * Run alone (as root, under the lab lock): `node bin/run-ts.js bench/capture-ui.ts`.
 */
import { type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { applyTopology } from "../lib/app/converge";
import { MemoryAudit } from "../lib/exec/audit";
import { hostPaths, labDown, labSpecFromTopology, labUp } from "../lib/lab/index";
import { openStore } from "../lib/store/open";
import { createTopology } from "../lib/store/topologies";
import { checkTopologyText } from "../lib/topology/index";
import {
  ensureBuilt,
  launchChromium,
  median,
  ROOT,
  setupToken,
  signUp,
  startDashboard,
  waitForServer,
} from "./dashboard";

const RUNS = 5;
const run = promisify(execFile);

/**
 * Keys: `captureUi.firstPacket.ms` (median over 5 captures of a container that pings its peer five
 * times a second: click on "Capture here" to the first row in the packet list) and
 * `captureUi.firstPacket.max.ms`; `captureUi.stop.ms` (click on Stop to the capture shown ended).
 */
export async function benchCaptureUi(): Promise<Record<string, number>> {
  const text = readFileSync(join(ROOT, "examples", "macvlan.yaml"), "utf8");
  const checked = checkTopologyText(text);
  if (!checked.topology) throw new Error("examples/macvlan.yaml does not load");
  const topology = checked.topology;
  ensureBuilt();

  const dir = mkdtempSync(join(tmpdir(), "cn-bench-capture-ui-"));
  const inventoryPath = join(dir, "lab", "inventory.yaml");
  const db = join(dir, "crossnet.db");
  const results: Record<string, number> = {};
  const lab = await labUp(labSpecFromTopology(topology), { inventoryPath });
  let server: ChildProcess | null = null;
  const browser = await launchChromium();
  try {
    const applied = await applyTopology(topology, {
      inventory: lab.inventory,
      inventoryDir: dirname(inventoryPath),
      who: "bench",
      audit: new MemoryAudit(),
      dataDir: dir,
    });
    if (applied.status !== "done") throw new Error(`apply ended ${applied.status}`);
    const from = Object.entries(topology.containers ?? {})[0];
    const to = Object.entries(topology.containers ?? {})[1];
    const target = to ? Object.values(to[1].networks)[0]?.ip : undefined;
    if (!from || !target) throw new Error("the design needs two containers with fixed addresses");
    await run(
      "docker",
      ["-H", `unix://${hostPaths(from[1].host).dockerSocket}`, "exec", "-d", from[0], "ping", "-i", "0.2", target],
      {
        env: { ...process.env, DOCKER_API_VERSION: "1.41" },
      },
    );

    const opened = openStore({ path: db });
    if (!opened.ok) throw new Error(opened.error.message);
    const created = createTopology(opened.value, {
      name: "bench-capture",
      initial: { document: text, author: "bench" },
    });
    opened.value.close();
    if (!created.ok) throw new Error(created.error.message);

    const started = await startDashboard(db, {
      CROSSNET_LAB_INVENTORY: inventoryPath,
      CROSSNET_SECRET_KEY_FILE: join(dir, "secret.key"),
    });
    server = started.server;
    const { base } = started;
    await waitForServer(`${base}/login`, 60_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
    await signUp(page, base, setupToken(db));
    await page.goto(`${base}/topologies/${created.value.id}`);
    await page.getByTestId("tab-test").click();
    await page.getByTestId("inventory-refresh").click();
    await page.getByTestId(`canvas-node-container-${from[0]}`).click({ position: { x: 24, y: 12 } });
    await page.getByTestId("tab-inspector").click();
    await page.getByTestId("capture-here").waitFor({ state: "visible" });

    const first: number[] = [];
    const stops: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await page.getByTestId("capture-start").click();
      await page.getByTestId("capture-packet").first().waitFor({ state: "visible", timeout: 30_000 });
      first.push(performance.now() - t0);
      const t1 = performance.now();
      await page.getByTestId("capture-stop").click();
      await page.locator('[data-testid="capture-panel"][data-status="ended"]').waitFor({ timeout: 30_000 });
      stops.push(performance.now() - t1);
      await page.getByTestId("capture-close").click();
    }
    results["captureUi.firstPacket.ms"] = Math.round(median(first));
    results["captureUi.firstPacket.max.ms"] = Math.round(Math.max(...first));
    results["captureUi.stop.ms"] = Math.round(median(stops));
  } finally {
    await browser.close();
    server?.kill("SIGTERM");
    await labDown();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchCaptureUi();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(30)} ${String(value).padStart(7)}`);
}
