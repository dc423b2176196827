import { getLatestTopologyVersion, getTopology, type TopologyVersion } from "@/lib/store/topologies";
import { checkTopologyText, type Topology } from "@/lib/topology";
import { getStore } from "./store";

export type SavedDesign =
  | { ok: true; name: string; version: TopologyVersion; topology: Topology }
  | { ok: false; error: { code: "not-found" | "not-saved" | "invalid-design"; message: string } };

/**
 * The newest saved version of a topology as a checked design: what applies, tests and labs run
 * (a run is tied to a version, so it never runs unsaved edits). A version with errors is refused.
 */
export function savedDesign(topologyId: string): SavedDesign {
  const store = getStore();
  const topology = getTopology(store, topologyId);
  if (!topology) return { ok: false, error: { code: "not-found", message: "this topology was deleted" } };
  const version = getLatestTopologyVersion(store, topologyId);
  if (!version) return { ok: false, error: { code: "not-saved", message: "save the design first" } };
  const check = checkTopologyText(version.document);
  const errors = check.issues.filter((issue) => issue.severity === "error");
  if (!check.topology || errors.length > 0)
    return {
      ok: false,
      error: {
        code: "invalid-design",
        message: `version ${version.version} has ${errors.length || 1} error(s): fix them in the Issues panel (first: ${errors[0]?.message.en ?? "it does not parse"})`,
      },
    };
  return { ok: true, name: topology.name, version, topology: check.topology };
}
