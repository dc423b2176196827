import { z } from "zod";
import { type NameKind, nameProblem } from "@/lib/topology";

/** A stored record's id (topology, inventory, run…). */
export const RecordId = z.string().uuid();

/**
 * A name of this kind, accepted exactly when a design may use it (the design's own naming rule,
 * lib/topology/names.ts, length included), so an action never refuses a name the editor allowed.
 * The cheap length bound first keeps the work bounded for hostile input.
 */
export function designName(kind: NameKind) {
  return z
    .string()
    .max(256)
    .refine((value) => nameProblem(value, kind) === undefined, `not a ${kind} name`);
}

/** A container of the design. */
export const ContainerName = designName("container");

/** A container, or a design host as an endpoint (`host:NAME`). */
export const Endpoint = z.union([
  ContainerName,
  z
    .string()
    .max(256)
    .refine(
      (value) => value.startsWith("host:") && nameProblem(value.slice(5), "host") === undefined,
      "not a host endpoint",
    ),
]);
