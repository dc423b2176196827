import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { restartDockerd } from "../../lib/exec/testing/host-daemon";
import { hostPaths } from "../../lib/lab/paths";
import { dockerOn, type LabState } from "./lab";

/** Markup that would run script if any view rendered host data as HTML. */
export const HOSTILE = "<img src=x onerror=alert(1)>";

/**
 * Plays a compromised host: Docker itself refuses such names through its API, so the values are
 * written into dockerd's on-disk state while it is stopped, and dockerd restores them as they are.
 * `image` sets a container's `Config.Image`; `rename` gives another container the hostile name.
 */
export async function tamperContainers(
  state: LabState,
  host: string,
  edits: { image?: string; rename?: string },
): Promise<void> {
  const ids: Record<string, string> = {};
  for (const name of [edits.image, edits.rename].filter((n): n is string => Boolean(n)))
    ids[name] = (await dockerOn(state, host, ["inspect", "-f", "{{.Id}}", name])).trim();
  await restartDockerd(host, () => {
    for (const [name, id] of Object.entries(ids)) {
      if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`${host}: no container ${name}`);
      const file = join(hostPaths(host).dockerDataRoot, "containers", id, "config.v2.json");
      const config = JSON.parse(readFileSync(file, "utf8")) as { Name: string; Config: { Image: string } };
      if (name === edits.image) config.Config.Image = HOSTILE;
      if (name === edits.rename) config.Name = `/${HOSTILE}`;
      writeFileSync(file, JSON.stringify(config));
    }
  });
}
