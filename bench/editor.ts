/**
 * Editor responsiveness at size: a generated design of 50 hosts and 300 containers (655 nodes,
 * 800 edges) opened in Chromium against a production build.
 * Run alone: `node bin/run-ts.js bench/editor.ts` (builds the app first when there is no build).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { checkGraph } from "../lib/graph/check-graph";
import { topologyToGraph } from "../lib/graph/from-topology";
import { openStore } from "../lib/store/open";
import { createTopology } from "../lib/store/topologies";
import { serializeTopology } from "../lib/topology/serialize";
import { ensureBuilt, launchChromium, median, setupToken, signUp, startDashboard, waitForServer } from "./dashboard";
import { generateTopology } from "./editor-topology";

/**
 * Keys: `editor.pure.graph.ms` and `editor.pure.check.ms` (design → graph, and validate the graph,
 * median of 5, in Node), `editor.firstRender.ms` (navigation to every host drawn),
 * `editor.drag.frame.ms` (median time from a pointer move to the dragged host's new position on
 * screen, over 20 moves), `editor.drag.total.ms` (a 20-step drag, press to release),
 * `editor.searchToSelect.ms` (hosts collapsed: "/", type a container's name, pick it, until the inspector
 * shows it), `editor.edit.ms` (typing one character in the inspector until the canvas shows it).
 */
export async function benchEditor(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const topology = generateTopology(50, 300);

  const graphTimes: number[] = [];
  const checkTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const { graph } = topologyToGraph(topology);
    graphTimes.push(performance.now() - t);
    t = performance.now();
    checkGraph(graph);
    checkTimes.push(performance.now() - t);
  }
  results["editor.pure.graph.ms"] = Math.round(median(graphTimes));
  results["editor.pure.check.ms"] = Math.round(median(checkTimes));

  ensureBuilt();

  const dir = mkdtempSync(join(tmpdir(), "cn-bench-editor-"));
  const db = join(dir, "crossnet.db");
  const opened = openStore({ path: db });
  if (!opened.ok) throw new Error(opened.error.message);
  const created = createTopology(opened.value, {
    name: topology.name,
    initial: { document: serializeTopology(topology), author: "bench" },
  });
  opened.value.close();
  if (!created.ok) throw new Error(created.error.message);

  const { base, server } = await startDashboard(db);
  const browser = await launchChromium();
  try {
    await waitForServer(`${base}/topologies`, 60_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
    await signUp(page, base, setupToken(db));
    await page.goto(`${base}/topologies`);

    const start = Date.now();
    await page.goto(`${base}/topologies/${created.value.id}`);
    await page.getByTestId("canvas-node-host-node-50").waitFor({ state: "visible", timeout: 60_000 });
    results["editor.firstRender.ms"] = Date.now() - start;

    // Zoom in on node-1 (wheel over it) until its header is big enough to grab.
    const host = page.getByTestId("canvas-node-host-node-1");
    for (let i = 0; i < 12; i++) {
      const current = await host.boundingBox();
      if (!current || current.width > 300) break;
      await page.mouse.move(current.x + 4, current.y + 4);
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(50);
    }
    const box = await host.boundingBox();
    if (!box) throw new Error("node-1 is not on screen");
    // In the page: the time from each pointermove event to the DOM commit that moves the node.
    await page.evaluate(() => {
      const node = document.querySelector('[data-id="host:node-1"]');
      const state = { moves: [] as number[], commits: [] as number[] };
      (window as unknown as { __drag: typeof state }).__drag = state;
      window.addEventListener("pointermove", (event) => state.moves.push(event.timeStamp), { capture: true });
      if (node)
        new MutationObserver(() => state.commits.push(performance.now())).observe(node, {
          attributes: true,
          attributeFilter: ["style"],
        });
    });
    const x0 = box.x + 24;
    const y0 = box.y + 10;
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    const dragStart = performance.now();
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x0 + 3, y0 + 1); // past the drag threshold: React Flow starts the drag here
    for (let step = 1; step <= 20; step++) {
      await page.mouse.move(x0 + 3 + step * 6, y0 + 1 + step * 3);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    }
    await page.mouse.up();
    if (cdp && process.env.BENCH_PROFILE) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
    }
    results["editor.drag.total.ms"] = Math.round(performance.now() - dragStart);
    const { moves, commits } = await page.evaluate(
      () => (window as unknown as { __drag: { moves: number[]; commits: number[] } }).__drag,
    );
    const frames = moves
      .slice(2)
      .map((at) => (commits.find((commit) => commit >= at) ?? Number.NaN) - at)
      .filter((value) => Number.isFinite(value));
    if (frames.length < 10) throw new Error(`the drag moved the node ${frames.length} times`);
    results["editor.drag.frame.ms"] = Math.round(median(frames) * 10) / 10;
    results["editor.drag.frame.max.ms"] = Math.round(Math.max(...frames) * 10) / 10;

    // A big design opens with its hosts collapsed: find one container the way a person does, by search
    // ("/", type, pick), until it is open in the inspector.
    const searchStart = performance.now();
    await page.keyboard.press("/");
    const search = page.getByTestId("canvas-search-input");
    await search.fill("bbox-1");
    await page.getByTestId("canvas-search-result-container-bbox-1").click();
    const field = page.getByTestId("inspector-field-image");
    await field.waitFor({ state: "visible" });
    results["editor.searchToSelect.ms"] = Math.round(performance.now() - searchStart);
    await field.click();
    await field.press("End");
    const t = performance.now();
    await field.press("x");
    await page.getByTestId("canvas-node-container-bbox-1").getByText("busyboxx").waitFor();
    results["editor.edit.ms"] = Math.round(performance.now() - t);
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
  const results = await benchEditor();
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(24)} ${String(value).padStart(7)} ms`);
}
