import "server-only";
import { asc, desc, eq, max } from "drizzle-orm";
import { isUniqueViolation, newId, nowIso } from "./clock";
import type { Store } from "./open";
import { err, ok, type Result } from "./result";
import { topologies, topologyVersions } from "./schema";

/** Largest topology document stored (UTF-8 bytes); imports are size-limited before they get here too. */
export const TOPOLOGY_DOCUMENT_MAX_BYTES = 1024 * 1024;

/** Longest topology or inventory name accepted by the store. */
export const NAME_MAX_LENGTH = 128;

/** A topology with the number of its newest version (`null` before the first save). */
export type TopologySummary = {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number | null;
};

/** One saved version of a topology's YAML document, without the document itself. */
export type TopologyVersionInfo = {
  id: string;
  topologyId: string;
  version: number;
  createdAt: string;
  author: string;
};

/** One saved version of a topology, with its YAML document. */
export type TopologyVersion = TopologyVersionInfo & { document: string };

export type TopologyError =
  | { code: "invalid-name"; message: string }
  | { code: "name-taken"; message: string; name: string }
  | { code: "not-found"; message: string; id: string }
  | { code: "document-too-large"; message: string; bytes: number; limit: number };

/** Checks a display name for a stored document: non-empty, bounded, no control characters. */
export function checkStoredName(name: string): Result<string, { code: "invalid-name"; message: string }> {
  const trimmed = name.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (trimmed.length === 0 || trimmed.length > NAME_MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    return err({
      code: "invalid-name",
      message: `name must be 1-${NAME_MAX_LENGTH} characters without control characters`,
    });
  }
  return ok(trimmed);
}

function checkDocumentSize(document: string): Result<string, TopologyError> {
  const bytes = Buffer.byteLength(document, "utf8");
  if (bytes > TOPOLOGY_DOCUMENT_MAX_BYTES) {
    return err({
      code: "document-too-large",
      message: `topology document is ${bytes} bytes; the limit is ${TOPOLOGY_DOCUMENT_MAX_BYTES}`,
      bytes,
      limit: TOPOLOGY_DOCUMENT_MAX_BYTES,
    });
  }
  return ok(document);
}

function notFound(id: string): TopologyError {
  return { code: "not-found", message: `no topology with id ${id}`, id };
}

function summaryOf(store: Store, id: string): TopologySummary | null {
  const row = store.db
    .select({
      id: topologies.id,
      name: topologies.name,
      createdAt: topologies.createdAt,
      updatedAt: topologies.updatedAt,
      latestVersion: max(topologyVersions.version),
    })
    .from(topologies)
    .leftJoin(topologyVersions, eq(topologyVersions.topologyId, topologies.id))
    .where(eq(topologies.id, id))
    .groupBy(topologies.id)
    .get();
  return row ?? null;
}

/**
 * Creates a topology named `name` (unique), optionally with its first version in the same
 * transaction, so a topology is never left half-created.
 */
export function createTopology(
  store: Store,
  input: { name: string; initial?: { document: string; author: string } },
): Result<TopologySummary, TopologyError> {
  const name = checkStoredName(input.name);
  if (!name.ok) return name;
  if (input.initial) {
    const size = checkDocumentSize(input.initial.document);
    if (!size.ok) return size;
  }
  const id = newId();
  const at = nowIso(store);
  try {
    store.sqlite.transaction(() => {
      store.db.insert(topologies).values({ id, name: name.value, createdAt: at, updatedAt: at }).run();
      if (input.initial) {
        store.db
          .insert(topologyVersions)
          .values({ id: newId(), topologyId: id, version: 1, createdAt: at, ...input.initial })
          .run();
      }
    })();
  } catch (error) {
    if (isUniqueViolation(error)) {
      return err({ code: "name-taken", message: `a topology named '${name.value}' exists`, name: name.value });
    }
    throw error;
  }
  return ok(summaryOf(store, id)!);
}

/**
 * Saves `document` as the next version of a topology and bumps its `updatedAt`. Saving the same
 * text as the newest version creates nothing and returns that version with `created: false`, so
 * autosave and repeated applies do not pile up identical versions.
 */
export function saveTopologyVersion(
  store: Store,
  input: { topologyId: string; document: string; author: string },
): Result<{ version: TopologyVersionInfo; created: boolean }, TopologyError> {
  const size = checkDocumentSize(input.document);
  if (!size.ok) return size;
  const save = store.sqlite.transaction(
    (): Result<{ version: TopologyVersionInfo; created: boolean }, TopologyError> => {
      const topology = store.db.select().from(topologies).where(eq(topologies.id, input.topologyId)).get();
      if (!topology) return err(notFound(input.topologyId));
      const latest = getLatestTopologyVersion(store, input.topologyId);
      if (latest && latest.document === input.document) {
        const { document: _document, ...info } = latest;
        return ok({ version: info, created: false });
      }
      const at = nowIso(store);
      const info: TopologyVersionInfo = {
        id: newId(),
        topologyId: input.topologyId,
        version: (latest?.version ?? 0) + 1,
        createdAt: at,
        author: input.author,
      };
      store.db
        .insert(topologyVersions)
        .values({ ...info, document: input.document })
        .run();
      store.db.update(topologies).set({ updatedAt: at }).where(eq(topologies.id, input.topologyId)).run();
      return ok({ version: info, created: true });
    },
  );
  return save.immediate();
}

/** Every topology, sorted by name. */
export function listTopologies(store: Store): TopologySummary[] {
  return store.db
    .select({
      id: topologies.id,
      name: topologies.name,
      createdAt: topologies.createdAt,
      updatedAt: topologies.updatedAt,
      latestVersion: max(topologyVersions.version),
    })
    .from(topologies)
    .leftJoin(topologyVersions, eq(topologyVersions.topologyId, topologies.id))
    .groupBy(topologies.id)
    .orderBy(asc(topologies.name))
    .all();
}

/** One topology by id, or `null`. */
export function getTopology(store: Store, id: string): TopologySummary | null {
  return summaryOf(store, id);
}

/** One topology by its unique name, or `null`. */
export function getTopologyByName(store: Store, name: string): TopologySummary | null {
  const row = store.db.select({ id: topologies.id }).from(topologies).where(eq(topologies.name, name)).get();
  return row ? summaryOf(store, row.id) : null;
}

/** The versions of a topology, newest first, without their documents. */
export function listTopologyVersions(store: Store, topologyId: string): TopologyVersionInfo[] {
  return store.db
    .select({
      id: topologyVersions.id,
      topologyId: topologyVersions.topologyId,
      version: topologyVersions.version,
      createdAt: topologyVersions.createdAt,
      author: topologyVersions.author,
    })
    .from(topologyVersions)
    .where(eq(topologyVersions.topologyId, topologyId))
    .orderBy(desc(topologyVersions.version))
    .all();
}

/** One version (with its document) by version id, or `null`. */
export function getTopologyVersion(store: Store, versionId: string): TopologyVersion | null {
  return store.db.select().from(topologyVersions).where(eq(topologyVersions.id, versionId)).get() ?? null;
}

/** The newest version of a topology (with its document), or `null` when none was saved. */
export function getLatestTopologyVersion(store: Store, topologyId: string): TopologyVersion | null {
  return (
    store.db
      .select()
      .from(topologyVersions)
      .where(eq(topologyVersions.topologyId, topologyId))
      .orderBy(desc(topologyVersions.version))
      .limit(1)
      .get() ?? null
  );
}

/** Renames a topology; the name stays unique. */
export function renameTopology(store: Store, id: string, newName: string): Result<TopologySummary, TopologyError> {
  const name = checkStoredName(newName);
  if (!name.ok) return name;
  try {
    const result = store.db
      .update(topologies)
      .set({ name: name.value, updatedAt: nowIso(store) })
      .where(eq(topologies.id, id))
      .run();
    if (result.changes === 0) return err(notFound(id));
  } catch (error) {
    if (isUniqueViolation(error)) {
      return err({ code: "name-taken", message: `a topology named '${name.value}' exists`, name: name.value });
    }
    throw error;
  }
  return ok(summaryOf(store, id)!);
}

/**
 * Deletes a topology and its versions. Runs that used one of its versions are kept (history) with
 * their version reference cleared.
 */
export function deleteTopology(store: Store, id: string): Result<{ id: string }, TopologyError> {
  const result = store.db.delete(topologies).where(eq(topologies.id, id)).run();
  return result.changes === 0 ? err(notFound(id)) : ok({ id });
}
