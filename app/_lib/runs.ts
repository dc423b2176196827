import { getInventory } from "@/lib/store/inventories";
import type { Store } from "@/lib/store/open";
import type { Run } from "@/lib/store/runs";
import { getTopology, getTopologyVersion } from "@/lib/store/topologies";
import { describeRunOutcomeText, type RunListItem } from "@/lib/views/history";

/** A stored run reshaped for the history: its topology name and version, its inventory's name, one outcome line. */
export function runListItem(store: Store, run: Run): RunListItem {
  const version = run.topologyVersionId ? getTopologyVersion(store, run.topologyVersionId) : null;
  const topology = version ? getTopology(store, version.topologyId) : null;
  const inventory = run.inventoryId ? getInventory(store, run.inventoryId) : null;
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    topology: version && topology ? { id: topology.id, name: topology.name, version: version.version } : null,
    inventory: inventory?.name ?? null,
    who: run.who,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    outcome: describeRunOutcomeText(run).en,
    outcomeText: describeRunOutcomeText(run),
  };
}
