import { z } from "zod";
import type { Actor } from "@/lib/app/actor";
import type { ContainerTarget } from "@/lib/app/container-host";
import { resolveRunInventory } from "@/lib/app/inventory";
import type { Store } from "@/lib/store/open";
import { designContainerHost } from "@/lib/views/container-hands";
import { ContainerName, RecordId } from "./inputs";
import { savedDesign } from "./saved-design";

/** A container of a saved design, on an inventory: what every container action and route takes. */
export const ContainerRef = z
  .object({
    topologyId: RecordId,
    inventoryId: RecordId,
    container: ContainerName,
  })
  .strict();

/**
 * The saved design's container and the inventory to reach its host, or why not (design not saved or
 * invalid, no such container in it, the inventory lacks its host).
 */
export function containerTarget(
  store: Store,
  ref: z.infer<typeof ContainerRef>,
  actor: Actor,
): { ok: true; value: ContainerTarget } | { ok: false; error: { code: string; message: string } } {
  const design = savedDesign(ref.topologyId);
  if (!design.ok) return design;
  const host = designContainerHost(design.topology, ref.container);
  if (!host.ok) return { ok: false, error: { code: "not-in-design", message: host.message } };
  const inventory = resolveRunInventory(
    store,
    ref.inventoryId,
    [host.host],
    "add it on the Hosts & lab page, or bring up a lab for this topology there",
  );
  if (!inventory.ok) return { ok: false, error: { code: inventory.error.code, message: inventory.error.message } };
  return {
    ok: true,
    value: { topology: design.topology, inventory: inventory.value, container: ref.container, actor },
  };
}
