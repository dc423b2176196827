import { existsSync } from "node:fs";
import { isLabError, LAB_STATE_DIR, type LabSpec, type LabUpResult, labUp } from "../../lab/index";

/**
 * The lab is one per machine and other engineers' tests and benches use it too: waits until no lab
 * is up, then builds this one. Retries while `labUp` refuses with `lab-already-up`; gives up after
 * `waitMs` with an error that says who holds it. Never tears down a lab it did not build.
 */
export async function acquireLab(
  spec: LabSpec,
  inventoryPath: string,
  options: { waitMs?: number; pollMs?: number; onWait?: (message: string) => void } = {},
): Promise<LabUpResult> {
  const deadline = Date.now() + (options.waitMs ?? 20 * 60_000);
  let lastMessage = "";
  for (;;) {
    try {
      return await labUp(spec, { inventoryPath });
    } catch (error) {
      if (!isLabError(error) || error.code !== "lab-already-up") throw error;
      lastMessage = error.message;
      if (Date.now() > deadline)
        throw new Error(`gave up waiting for the lab after ${options.waitMs ?? 20 * 60_000} ms: ${lastMessage}`);
      options.onWait?.(lastMessage);
      // Other runs take the lab back as soon as they let it go: watch the lock directory closely.
      const until = Date.now() + 60_000;
      while (existsSync(LAB_STATE_DIR) && Date.now() < Math.min(until, deadline))
        await new Promise((wake) => setTimeout(wake, options.pollMs ?? 100));
    }
  }
}

/** Throws (so the test fails, not skips) unless running as root on Linux: the lab needs both. */
export function requireRoot(what: string): void {
  if (process.platform !== "linux" || process.getuid?.() !== 0)
    throw new Error(
      `${what} needs Linux and root: it builds network namespaces, dockerds and sshds on this machine (the embedded lab). Run it as root: sudo npx vitest run --project lab`,
    );
}
