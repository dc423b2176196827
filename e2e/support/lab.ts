import { execFile } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { test } from "@playwright/test";

const run = promisify(execFile);
/** Playwright runs from the repository root. */
const ROOT = process.cwd();

/** What `crossnet lab status --json` says, the fields the tests use. */
export type LabState = {
  state: "down" | "building" | "up" | "degraded";
  name: string | null;
  inventoryPath: string | null;
  leftovers: string[];
  hosts: { name: string; mgmtAddress: string; dockerSocket: string }[];
};

/** Where this e2e run's lab writes its inventory (set by playwright.config.ts for the server too). */
export function e2eLabInventory(): string {
  const path = process.env.CROSSNET_LAB_INVENTORY;
  if (!path) throw new Error("CROSSNET_LAB_INVENTORY is not set (playwright.config.ts sets it)");
  return path;
}

async function crossnet(args: string[], timeout = 180_000): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, [join(ROOT, "bin", "crossnet.js"), ...args], {
      cwd: ROOT,
      timeout,
      env: { ...process.env, NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    if (typeof failed.code === "number" && failed.stdout) return { stdout: failed.stdout, code: failed.code };
    throw new Error(`crossnet ${args.join(" ")} failed: ${failed.stderr ?? String(error)}`);
  }
}

export async function labState(): Promise<LabState> {
  const { stdout } = await crossnet(["lab", "status", "--json"]);
  return JSON.parse(stdout) as LabState;
}

/** True when the lab that is up was brought up by this e2e run (its inventory is in our temp dir). */
export function isOurs(state: LabState): boolean {
  return state.inventoryPath !== null && dirname(resolve(state.inventoryPath)) === dirname(resolve(e2eLabInventory()));
}

/**
 * Waits until no lab is up (other engineers' tests share this machine: one lab at a time; never
 * take theirs down). A lab of ours left by an earlier test is brought down.
 */
export async function waitForNoLab(timeoutMs = 20 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await labState();
    if (state.state === "down" && state.leftovers.length === 0) return;
    if (isOurs(state)) {
      await labDown();
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`another lab ('${state.name ?? "?"}', ${state.state}) stayed up for ${timeoutMs / 60_000} min`);
    await new Promise((done) => setTimeout(done, 5000));
  }
}

/**
 * Brings up the lab for an example design (waiting for a free machine first), writing our inventory.
 * `docker`: the hosts' engine (`crossnet lab up --docker`), the lab's default (20.10) when not given.
 */
export async function labUpFor(example: string, docker?: "20.10" | "26"): Promise<LabState> {
  for (let attempt = 1; ; attempt++) {
    await waitForNoLab();
    try {
      await crossnet([
        "lab",
        "up",
        "--for",
        join(ROOT, example),
        "--inventory",
        e2eLabInventory(),
        ...(docker ? ["--docker", docker] : []),
        "--json",
      ]);
      break;
    } catch (error) {
      // Someone else's lab came up between the check and ours: wait for it again.
      if (attempt >= 5 || !/cannot start a lab/.test(String(error))) throw error;
    }
  }
  const state = await labState();
  if (!isOurs(state) || state.state !== "up") throw new Error(`the lab did not come up: ${JSON.stringify(state)}`);
  return state;
}

/**
 * One lab for the tests of the enclosing `test.describe`: brought up for `example` (see `labUpFor`)
 * before them, brought down after them. Returns the lab's state; it throws when the lab did not come
 * up, so every test then fails with that reason.
 */
export function labPerDescribe(example: string, docker?: "20.10" | "26"): () => LabState {
  let lab: LabState | undefined;
  test.beforeAll(async () => {
    test.setTimeout(25 * 60_000);
    lab = await labUpFor(example, docker);
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    await labDown();
  });
  return () => {
    if (!lab) throw new Error(`the lab for ${example} did not come up`);
    return lab;
  };
}

/** Brings our lab down; leaves any other lab alone. */
export async function labDown(): Promise<void> {
  const state = await labState();
  if (state.state === "down" && state.leftovers.length === 0) return;
  if (state.inventoryPath && !isOurs(state)) return;
  await crossnet(["lab", "down"]);
}

/** Runs docker against one lab host's daemon (its unix socket), as a person would by hand. */
export async function dockerOn(state: LabState, host: string, args: string[]): Promise<string> {
  const entry = state.hosts.find((candidate) => candidate.name === host);
  if (!entry) throw new Error(`no lab host ${host}`);
  const { stdout } = await run("docker", ["-H", `unix://${entry.dockerSocket}`, ...args], {
    timeout: 60_000,
    env: { ...process.env, DOCKER_API_VERSION: "1.41" },
  });
  return stdout;
}
