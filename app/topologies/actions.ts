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
import { checkDocument, emptyDocument, type IssueView } from "../_lib/documents";
import { requireUser } from "../_lib/session";
import { getStore } from "../_lib/store";
import { findTemplate } from "../_lib/templates";

export type ActionError = { code: string; message: string; issues?: IssueView[] };
export type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: ActionError };

const Id = z.string().uuid();
const DesignName = z.string().superRefine((value, ctx) => {
  const problem = nameProblem(value, "topology");
  if (problem) ctx.addIssue({ code: "custom", message: `${problem.message}. ${problem.hint}` });
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

function invalid(error: z.ZodError): { ok: false; error: ActionError } {
  const first = error.issues[0];
  const field = first?.path.join(".") || "input";
  return { ok: false, error: { code: "invalid-input", message: `${field}: ${first?.message ?? "invalid"}` } };
}

async function user() {
  // auth: requireSession() — every action checks the caller itself (server actions are public POST endpoints).
  return requireUser("operator");
}

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
export async function createTopologyAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const session = await user();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = CreateInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  let document = emptyDocument(parsed.data.name);
  if (parsed.data.template) {
    const template = await findTemplate(parsed.data.template);
    if (!template) return { ok: false, error: { code: "not-found", message: `no template '${parsed.data.template}'` } };
    document = renamed(template.text, parsed.data.name);
  }
  if (getTopologyByName(getStore(), parsed.data.name))
    return { ok: false, error: { code: "name-taken", message: `a topology named '${parsed.data.name}' exists` } };
  return store(document, parsed.data.name, session.user.userName);
}

/** Imports a YAML or JSON file: size-limited, the same checks as the editor; errors come with line:column. */
export async function importTopologyAction(
  input: unknown,
): Promise<ActionResult<{ id: string; name: string; draft?: string }>> {
  const session = await user();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = ImportInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const check = checkDocument(parsed.data.text);
  if (!check.ok) return { ok: false, error: { code: "invalid-document", message: check.error, issues: check.issues } };
  const name = freeStoredName(check.topology.name);
  const document = name === check.topology.name ? parsed.data.text : renamed(parsed.data.text, name);
  // A design with errors is not stored as a version: it opens in the editor as a draft with its issues.
  if (check.issues.some((issue) => issue.severity === "error")) {
    const created = createTopology(getStore(), { name });
    if (!created.ok) return { ok: false, error: { code: created.error.code, message: created.error.message } };
    revalidatePath("/topologies");
    return { ok: true, id: created.value.id, name, draft: document };
  }
  const result = store(document, name, session.user.userName);
  return result.ok ? { ok: true, id: result.id, name } : result;
}

/**
 * Saves the editor's document as the next version (the store skips a save identical to the newest
 * version). Refused documents (unparseable, disallowed names) are not stored; drafts with other
 * errors are. The stored name follows the design's name when that name is free.
 */
export async function saveTopologyAction(
  input: unknown,
): Promise<ActionResult<{ version: number; created: boolean; name: string; note?: string }>> {
  const session = await user();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = SaveInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const check = checkDocument(parsed.data.document);
  if (!check.ok) return { ok: false, error: { code: "invalid-document", message: check.error, issues: check.issues } };
  const db = getStore();
  const current = getTopology(db, parsed.data.id);
  if (!current) return { ok: false, error: { code: "not-found", message: "this topology was deleted" } };
  const saved = saveTopologyVersion(db, {
    topologyId: parsed.data.id,
    document: parsed.data.document,
    author: session.user.userName,
  });
  if (!saved.ok) return { ok: false, error: { code: saved.error.code, message: saved.error.message } };
  let name = current.name;
  let note: string | undefined;
  if (check.topology.name !== current.name) {
    const result = renameTopology(db, parsed.data.id, check.topology.name);
    if (result.ok) name = result.value.name;
    else note = `saved; the list keeps the name '${current.name}' (${result.error.message})`;
  }
  revalidatePath("/topologies");
  return { ok: true, version: saved.value.version.version, created: saved.value.created, name, ...(note && { note }) };
}

/** A copy of a topology's newest version under a free name. */
export async function duplicateTopologyAction(input: unknown): Promise<ActionResult<{ id: string; name: string }>> {
  const session = await user();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = IdInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const db = getStore();
  const source = getTopology(db, parsed.data.id);
  if (!source) return { ok: false, error: { code: "not-found", message: "no such topology" } };
  const latest = getLatestTopologyVersion(db, source.id);
  const base = `${source.name.replace(/-copy(-\d+)?$/, "").slice(0, 58)}-copy`;
  const name = freeStoredName(base);
  const document = latest ? renamed(latest.document, name) : emptyDocument(name);
  const result = store(document, name, session.user.userName);
  return result.ok ? { ok: true, id: result.id, name } : result;
}

/** Deletes a topology and its versions (the list asks for confirmation first). */
export async function deleteTopologyAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const session = await user();
  if (!session.ok) return { ok: false, error: session.error };
  const parsed = IdInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const result = deleteTopology(getStore(), parsed.data.id);
  if (!result.ok) return { ok: false, error: { code: result.error.code, message: result.error.message } };
  revalidatePath("/topologies");
  return { ok: true, id: parsed.data.id };
}
