import { stringify } from "yaml";
import type { Topology } from "./schema";

/**
 * Writes a design as YAML. Maps keep their order (document order is meaningful: it is the order
 * networks are created and containers started); fields come in a fixed order. parse ∘ serialize = id.
 */
export function serializeTopology(topology: Topology): string {
  return stringify(normalize(topology), {
    lineWidth: 0,
    indent: 2,
    defaultKeyType: "PLAIN",
    aliasDuplicateObjects: false,
  });
}

/** The document with undefined fields dropped: what JSON export and round-trip tests compare. */
export function normalize<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
