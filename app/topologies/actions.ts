"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createTopology,
  deleteTopology,
  getLatestTopologyVersion,
  getTopology,
  getTopologyByName,
  renameTopology,
  saveTopologyVersion,
  TOPOLOGY_DOCUMENT_MAX_BYTES,
} from "@/lib/store/topologies";
import { nameProblem, normalize, parseTopologyText, serializeTopology } from "@/lib/topology";
import { type ActionResult, defineAction } from "../_lib/action";
import { checkDocument, emptyDocument } from "../_lib/documents";
import { RecordId as Id } from "../_lib/inputs";
import { getStore } from "../_lib/store";
import { findTemplate } from "../_lib/templates";

const DesignName = z.string().superRefine((value, ctx) => {
  const problem = nameProblem(value, "topology");
  if (problem) ctx.addIssue({ code: "custom", message: `${problem.message.en}. ${problem.hint.en}` });
});
const Document = z.string().max(TOPOLOGY_DOCUMENT_MAX_BYTES, "the document is larger than 1 MiB");

const CreateInput = z
  .object({
    name: DesignName,
    template: z
      .string()
      .regex(/^[a-z0-9-]{1,63}$/)
      .optional(),
  })
  .strict();
const ImportInput = z.object({ fileName: z.string().max(255), text: Document }).strict();
const SaveInput = z.object({ id: Id, document: Document }).strict();
const IdInput = z.object({ id: Id }).strict();

/** A name not used yet: `name`, else `name-2`, `name-3`… (within the 63-character limit). */
function freeStoredName(name: string): string {
  const store = getStore();
  if (!getTopologyByName(store, name)) return name;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const candidate = `${name.slice(0, 63 - suffix.length)}${suffix}`;
    if (!getTopologyByName(store, candidate)) return candidate;
  }
}

/** Same design under another name (the name inside the document follows the stored name). */
function renamed(document: string, name: string): string {
  const topology = parseTopologyText(document).topology;
  return topology ? serializeTopology(normalize({ ...topology, name })) : document;
}

function store(document: string, name: string, author: string): ActionResult<{ id: string }> {
  const created = createTopology(getStore(), { name, initial: { document, author } });
  if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
  revalidatePath("/topologies");
  return { ok: true, id: created.value.id };
}

/** New design, empty or from a template (one of examples/). */
export const createTopologyAction = defineAction(
  CreateInput,
  "operator",
  async (input, { session }): Promise<ActionResult<{ id: string }>> => {
    let document = emptyDocument(input.name);
    if (input.template) {
      const template = await findTemplate(input.template);
      if (!template) return { ok: false, error: { code: "not-found", message: `no template '${input.template}'` } };
      document = renamed(template.text, input.name);
    }
    if (getTopologyByName(getStore(), input.name))
      return { ok: false, error: { code: "name-taken", message: `a topology named '${input.name}' exists` } };
    return store(document, input.name, session.userName);
  },
);

/** Imports a YAML or JSON file: size-limited, the same checks as the editor; errors come with line:column. */
export const importTopologyAction = defineAction(
  ImportInput,
  "operator",
  async (input, { session, store: db }): Promise<ActionResult<{ id: string; name: string; draft?: string }>> => {
    const check = checkDocument(input.text);
    if (!check.ok)
      return { ok: false, error: { code: "invalid-document", message: check.error, issues: check.issues } };
    const name = freeStoredName(check.topology.name);
    const document = name === check.topology.name ? input.text : renamed(input.text, name);
    // A design with errors is not stored as a version: it opens in the editor as a draft with its issues.
    if (check.issues.some((issue) => issue.severity === "error")) {
      const created = createTopology(db, { name });
      if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
      revalidatePath("/topologies");
      return { ok: true, id: created.value.id, name, draft: document };
    }
    const result = store(document, name, session.userName);
    return result.ok ? { ok: true, id: result.id, name } : result;
  },
);

/**
 * Saves the editor's document as the next version (the store skips a save identical to the newest
 * version). Refused documents (unparseable, disallowed names) are not stored; drafts with other
 * errors are. The stored name follows the design's name when that name is free.
 */
export const saveTopologyAction = defineAction(
  SaveInput,
  "operator",
  async (
    input,
    { session },
  ): Promise<ActionResult<{ version: number; created: boolean; name: string; note?: string }>> => {
    const check = checkDocument(input.document);
    if (!check.ok)
      return { ok: false, error: { code: "invalid-document", message: check.error, issues: check.issues } };
    const db = getStore();
    const current = getTopology(db, input.id);
    if (!current) return { ok: false, error: { code: "not-found", message: "this topology was deleted" } };
    const saved = saveTopologyVersion(db, {
      topologyId: input.id,
      document: input.document,
      author: session.userName,
    });
    if (!saved.ok) return { ok: false, error: { code: saved.error.code, message: saved.error.message } };
    let name = current.name;
    let note: string | undefined;
    if (check.topology.name !== current.name) {
      const result = renameTopology(db, input.id, check.topology.name);
      if (result.ok) name = result.value.name;
      else note = `saved; the list keeps the name '${current.name}' (${result.error.message})`;
    }
    revalidatePath("/topologies");
    return {
      ok: true,
      version: saved.value.version.version,
      created: saved.value.created,
      name,
      ...(note && { note }),
    };
  },
);

/** A copy of a topology's newest version under a free name. */
export const duplicateTopologyAction = defineAction(
  IdInput,
  "operator",
  async (input, { session }): Promise<ActionResult<{ id: string; name: string }>> => {
    const db = getStore();
    const source = getTopology(db, input.id);
    if (!source) return { ok: false, error: { code: "not-found", message: "no such topology" } };
    const latest = getLatestTopologyVersion(db, source.id);
    const base = `${source.name.replace(/-copy(-\d+)?$/, "").slice(0, 58)}-copy`;
    const name = freeStoredName(base);
    const document = latest ? renamed(latest.document, name) : emptyDocument(name);
    const result = store(document, name, session.userName);
    return result.ok ? { ok: true, id: result.id, name } : result;
  },
);

/** Deletes a topology and its versions (the list asks for confirmation first). */
export const deleteTopologyAction = defineAction(
  IdInput,
  "operator",
  async (input, _context): Promise<ActionResult<{ id: string }>> => {
    const result = deleteTopology(getStore(), input.id);
    if (!result.ok) return { ok: false, error: { code: result.error.code, message: result.error.message } };
    revalidatePath("/topologies");
    return { ok: true, id: input.id };
  },
);
