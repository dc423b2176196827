import type { z } from "zod";
import { type Actor, sessionActor } from "@/lib/app/actor";
import type { Role, Session } from "@/lib/auth/roles";
import type { Store } from "@/lib/store/open";
import type { IssueView } from "./documents";
import { checkActionOrigin, requireUser } from "./session";
import { getStore } from "./store";

/** Why a server action did not do its work: a code the page switches on, a sentence, details by kind. */
export type ActionError = {
  code: string;
  message: string;
  /** Document problems (design validation), shown next to the editor. */
  issues?: IssueView[];
  /** Inventory problems by field path. */
  problems?: { path: string; message: string }[];
  /** Sign-in refused for a while. */
  retryAfterMs?: number;
};

/** What every server action returns: its fields next to `ok: true`, or an {@link ActionError}. */
export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ActionError };

/** A failed parse: the first problem as `field: what is wrong`, every problem by path. */
export function invalid(error: z.ZodError): { ok: false; error: ActionError } {
  const first = error.issues[0];
  const field = first?.path.join(".") || "input";
  return {
    ok: false,
    error: {
      code: "invalid-input",
      message: `${field}: ${first?.message ?? "invalid"}`,
      problems: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    },
  };
}

/** What an action body gets: the parsed input and who calls (session, actor for lib/app), the store. */
export type ActionContext = { session: Session; actor: Actor; store: Store };

/**
 * A server action in one line of policy: the caller's session and role are checked FIRST (server
 * actions are public POST endpoints; an anonymous caller learns nothing, not even which field is
 * wrong), then the input is parsed with `schema` (the first problem returned by {@link invalid}),
 * then `fn` runs with the parsed input. Export the result from a "use server" file:
 * `export const xAction = defineAction(Schema, "operator", async (input, { actor, store }) => …)`.
 */
export function defineAction<S extends z.ZodType, T extends object>(
  schema: S,
  role: Role,
  fn: (input: z.infer<S>, context: ActionContext) => Promise<ActionResult<T>> | ActionResult<T>,
): (input?: unknown) => Promise<ActionResult<T>> {
  return async (input?: unknown) => {
    const session = await requireUser(role);
    if (!session.ok) return { ok: false, error: session.error };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return fn(parsed.data, { session: session.user, actor: sessionActor(session.user), store: getStore() });
  };
}

/**
 * The only actions without a session (sign-in, first setup): the Origin is checked first (a
 * cross-site page must not sign a browser in or race the setup), then the input, then `fn`.
 */
export function definePublicAction<S extends z.ZodType, T extends object>(
  schema: S,
  fn: (input: z.infer<S>, context: { store: Store }) => Promise<ActionResult<T>> | ActionResult<T>,
): (input?: unknown) => Promise<ActionResult<T>> {
  return async (input?: unknown) => {
    const origin = await checkActionOrigin();
    if (!origin.ok) return { ok: false, error: { code: "bad-origin", message: origin.message } };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    return fn(parsed.data, { store: getStore() });
  };
}
