import { isOurs, labDown, labState } from "./lab";

/** Brings down a lab this e2e run left up (a failed test); never another one. */
export default async function globalTeardown(): Promise<void> {
  const state = await labState().catch(() => null);
  if (state && state.state !== "down" && isOurs(state)) await labDown();
}
