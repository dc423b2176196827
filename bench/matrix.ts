/**
 * The matrix view at size: a stored ping run of 128 containers (16 hosts × 8, one macvlan network,
 * 16,256 cells by IP) opened in Chromium against a production build, as a person opens a run page.
 * The run is a fixture of the view (lib/expect's expectations recorded through the ping session,
 * every cell labelled as such; see e2e/support/big-designs.ts): this bench times drawing, not pings.
 * Run alone: `node bin/run-ts.js bench/matrix.ts` (builds the app first when there is no build).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bigDesign, recordExpectedRun } from "../e2e/support/big-designs";
import { ensureBuilt, launchChromium, median, setupToken, signUp, startDashboard, waitForServer } from "./dashboard";

const HOSTS = 16;
const PER_HOST = 8;
const FAILING: [string, string][] = [
  ["c-3-1", "c-9-2"],
  ["c-3-4", "c-9-7"],
];
/** Opening a run page of 128 containers should take no longer than this, on this 2-core machine. */
const TARGET_FIRST_RENDER_MS = 3000;

/**
 * Keys: `matrix.containers` and `matrix.cells` (the size), `matrix.firstRender.ms` (median of 5:
 * navigation to the run page until the host × host heat-map shows every host row),
 * `matrix.firstRender.max.ms`, `matrix.firstRender.served.ms` (of that, until the server's answer was
 * received), `matrix.page.kB` (the run page's HTML with its data), `matrix.drill.ms` (click a host pair until its cells are drawn),
 * `matrix.network.ms` (switch to the network × network view), `matrix.failedOnly.ms` (tick "failed
 * only" until just the failing row is left), `matrix.fullWidth.ms` (the editor's Test tab opened full
 * width until its heat-map is drawn), with the first-render target (`matrix.target.firstRender.ms`,
 * `matrix.pass.firstRender`).
 */
export async function benchMatrix(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "cn-bench-matrix-"));
  const db = join(dir, "crossnet.db");
  const name = "bench-matrix-128";
  const runId = recordExpectedRun(bigDesign(name, HOSTS, PER_HOST), FAILING, db);
  const containers = HOSTS * PER_HOST;
  results["matrix.containers"] = containers;
  results["matrix.cells"] = containers * (containers - 1);

  const { base, server } = await startDashboard(db);
  const browser = await launchChromium();
  try {
    await waitForServer(`${base}/topologies`, 60_000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: "reduce" });
    await signUp(page, base, setupToken(db));
    const rows = page.getByTestId("stored-matrix-blocks").locator("tbody tr");
    const lastRow = page.getByTestId(`stored-matrix-blocks-cell-node-${HOSTS}-node-${HOSTS}`);

    // Warm the server's route once (the first request compiles nothing in production, but fills caches).
    await page.goto(`${base}/runs/${runId}`);
    await lastRow.waitFor({ state: "visible", timeout: 60_000 });
    const renders: number[] = [];
    const served: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      await page.goto(`${base}/topologies`);
      const start = performance.now();
      await page.goto(`${base}/runs/${runId}`);
      await lastRow.waitFor({ state: "visible", timeout: 60_000 });
      renders.push(performance.now() - start);
      const timing = await page.evaluate(() => {
        const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        return { responseEnd: entry?.responseEnd ?? Number.NaN, size: entry?.transferSize ?? 0 };
      });
      served.push(timing.responseEnd);
      bytes = timing.size;
    }
    results["matrix.firstRender.served.ms"] = Math.round(median(served));
    results["matrix.page.kB"] = Math.round(bytes / 1024);
    if ((await rows.count()) !== HOSTS) throw new Error(`the heat-map shows ${await rows.count()} host rows`);
    results["matrix.firstRender.ms"] = Math.round(median(renders));
    results["matrix.firstRender.max.ms"] = Math.round(Math.max(...renders));
    results["matrix.target.firstRender.ms"] = TARGET_FIRST_RENDER_MS;
    results["matrix.pass.firstRender"] = results["matrix.firstRender.ms"] <= TARGET_FIRST_RENDER_MS ? 1 : 0;

    let t = performance.now();
    await page.getByTestId("stored-matrix-blocks-cell-node-3-node-9").click();
    await page.getByTestId("stored-matrix-cell-c-3-1-c-9-2-ip").waitFor({ state: "visible" });
    results["matrix.drill.ms"] = Math.round(performance.now() - t);
    await page.getByTestId("stored-matrix-back").click();
    await lastRow.waitFor({ state: "visible" });

    t = performance.now();
    await page.getByTestId("stored-matrix-failed-only").check();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stored-matrix-blocks"] tbody tr').length === 1,
    );
    results["matrix.failedOnly.ms"] = Math.round(performance.now() - t);
    await page.getByTestId("stored-matrix-failed-only").uncheck();
    await lastRow.waitFor({ state: "visible" });

    t = performance.now();
    await page.getByTestId("stored-matrix-mode-network").click();
    await page.getByTestId("stored-matrix-blocks-cell-mac-mac").waitFor({ state: "visible" });
    results["matrix.network.ms"] = Math.round(performance.now() - t);

    await page.goto(`${base}/topologies`);
    await page.getByTestId(`topologies-open-${name}`).click();
    await page.getByTestId("tab-test").click();
    t = performance.now();
    await page.getByTestId("test-full-width").click();
    await page.getByTestId(`matrix-full-blocks-cell-node-${HOSTS}-node-${HOSTS}`).waitFor({ state: "visible" });
    results["matrix.fullWidth.ms"] = Math.round(performance.now() - t);
    await page.close();
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const results = await benchMatrix();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(30)} ${String(value).padStart(7)}`);
}
