import { mkdtempSync } from "node:fs";
import { register } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/support/chromium";

/** The global setup and some specs read the store and the lab's paths directly: server code (see bin/server-only.js). */
register(pathToFileURL(join(process.cwd(), "bin", "server-only-hook.js")).href);

const PORT = Number(process.env.E2E_PORT ?? 3217);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** A throwaway database per run, so e2e never touches ./data. Made once, by the main process. */
const DB = process.env.E2E_DB ?? join(mkdtempSync(join(tmpdir(), "crossnet-e2e-")), "crossnet.db");
process.env.E2E_DB = DB;
/** The lab these tests bring up writes its inventory here, so it is told apart from other labs on the machine. */
const LAB_INVENTORY = process.env.CROSSNET_LAB_INVENTORY ?? join(dirname(DB), "lab", "inventory.yaml");
process.env.CROSSNET_LAB_INVENTORY = LAB_INVENTORY;

/** The test admin's session, saved by the global setup (which signs in through /setup). */
const ADMIN_STATE = join(dirname(DB), "e2e-admin.json");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  /** Creates the test admin through the first-start setup page and saves its session for every test. */
  globalSetup: "./e2e/support/global-setup.ts",
  /** Brings down a lab a failed test left up (only this run's). */
  globalTeardown: "./e2e/support/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000, toHaveScreenshot: { animations: "disabled" } },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    storageState: ADMIN_STATE,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    contextOptions: { reducedMotion: "reduce" },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // crossnet serve, not next start: its own HTTP server gives sign-in limits the socket address.
    command: `npm run build && node bin/crossnet.js serve --host 127.0.0.1 --port ${PORT}`,
    url: `${BASE_URL}/topologies`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      CROSSNET_DB: DB,
      CROSSNET_LAB_INVENTORY: LAB_INVENTORY,
      CROSSNET_SECRET_KEY_FILE: join(dirname(DB), "secret.key"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
