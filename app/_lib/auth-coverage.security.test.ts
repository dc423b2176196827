import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { hasRole, type Role } from "@/lib/auth/roles";

/**
 * Requirement 7 ("every action and route requires a session"), checked on the source of app/:
 * server actions are public POST endpoints and route handlers get no check from Next, so each one
 * must call the session check itself, before touching the database, with a role that matches what
 * it does. A new action or handler without one fails here.
 */

const APP = join(import.meta.dirname, "..");
const ROLE_CALL =
  /requireUser\(\s*"(viewer|operator|admin)"\s*\)|requireRequestUser\(\s*request\s*,\s*"(viewer|operator|admin)"\s*\)/;

/**
 * Actions that run without a session by nature (sign-in, first setup, and sign-out, which must clear a
 * stale cookie); definePublicAction checks the Origin first.
 */
const PUBLIC_ACTIONS = new Set(["loginAction", "setupAction", "logoutAction"]);

/**
 * Read-only actions and handlers a viewer may call, and actions on the caller's own account (its API
 * tokens, sessions, password: lib/auth/account.ts acts on the caller's rows only); anything else needs
 * at least operator.
 */
const READ_ONLY = new Set([
  "createTokenAction",
  "revokeTokenAction",
  "revokeSessionAction",
  "changePasswordAction",
  "listInventoriesAction",
  "loadPingRunAction",
  "latestPingRunAction",
  "runCellAction",
  "listThroughputAction",
  "labStatusAction",
  "logoutAction",
  "GET",
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(entry) && !entry.endsWith(".test.ts") ? [path] : [];
  });
}

/** Exported functions of a module with their bodies (up to the next top-level declaration). */
function exportedFunctions(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/^export (?:async )?function (\w+)/gm)];
  return starts.map((match) => ({
    name: match[1] ?? "",
    body: bodyFrom(source, (match.index ?? 0) + match[0].length),
  }));
}

function bodyFrom(source: string, from: number): string {
  const rest = source.slice(from);
  const end = rest.search(/^(?:export |function |async function |const |let |type |\/\*\*)/m);
  return end === -1 ? rest : rest.slice(0, end);
}

/** How one export of a "use server" module is defined, found however it is written. */
type ServerExport =
  | { name: string; kind: "action"; role: Role }
  | { name: string; kind: "public" }
  | { name: string; kind: "function"; body: string }
  | { name: string; kind: "unknown"; why: string };

/** The definition of a top-level name in a module (`const x = …`, `async function x`), exported or not. */
function definitionOf(source: string, name: string, exportedAs: string): ServerExport {
  const fn = new RegExp(`^(?:export )?(?:async )?function ${name}\\b`, "m").exec(source);
  if (fn) return { name: exportedAs, kind: "function", body: bodyFrom(source, fn.index + fn[0].length) };
  const constant = new RegExp(`^(?:export )?(?:const|let|var) ${name}\\s*(?::[^=]*)?=\\s*([\\s\\S]{0,200})`, "m").exec(
    source,
  );
  if (!constant) return { name: exportedAs, kind: "unknown", why: `no definition of ${name} found` };
  const value = constant[1] ?? "";
  const wrapped = /^defineAction\(\s*[\w.]+(?:\([^)]*\))?\s*,\s*"(viewer|operator|admin)"/.exec(value);
  if (wrapped) return { name: exportedAs, kind: "action", role: wrapped[1] as Role };
  if (/^definePublicAction\(/.test(value)) return { name: exportedAs, kind: "public" };
  const arrow = /^(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=]*)?=>|^async function/.exec(value);
  if (arrow)
    return {
      name: exportedAs,
      kind: "function",
      body: bodyFrom(source, constant.index + constant[0].length - value.length),
    };
  return { name: exportedAs, kind: "unknown", why: `${name} is neither defineAction(…) nor a function` };
}

/**
 * Every runtime export of a "use server" module and how it is defined: `export async function`,
 * `export const x = async () =>`, `export const x = defineAction(…)`, `export { a, b as c }`, and
 * re-exports `export { a } from "./m"` / `export * from "./m"` (followed with `read`). Types are not exports at run time.
 */
function serverExports(source: string, read: (spec: string) => string | null): ServerExport[] {
  const found: ServerExport[] = [];
  for (const m of source.matchAll(/^export (?:async )?function (\w+)/gm))
    found.push(definitionOf(source, m[1] ?? "", m[1] ?? ""));
  for (const m of source.matchAll(/^export (?:const|let|var) (\w+)/gm))
    found.push(definitionOf(source, m[1] ?? "", m[1] ?? ""));
  for (const m of source.matchAll(/^export default/gm))
    found.push({ name: "default", kind: "unknown", why: `a default export at ${m.index}: name the action` });
  for (const m of source.matchAll(/^export (type )?\{([^}]*)\}(?:\s*from\s*["']([^"']+)["'])?/gm)) {
    if (m[1]) continue;
    const from = m[3] ? read(m[3]) : source;
    for (const entry of (m[2] ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)) {
      if (entry.startsWith("type ")) continue;
      const [local = "", alias] = entry.split(/\s+as\s+/);
      if (from === null) found.push({ name: alias ?? local, kind: "unknown", why: `cannot read ${m[3]}` });
      else found.push(definitionOf(from, local, alias ?? local));
    }
  }
  for (const m of source.matchAll(/^export \* from\s*["']([^"']+)["']/gm)) {
    const from = read(m[1] ?? "");
    if (from === null) found.push({ name: `* from ${m[1]}`, kind: "unknown", why: `cannot read ${m[1]}` });
    else found.push(...serverExports(from, read));
  }
  return found;
}

/** The role a function body checks first, and where in its body; null when it checks none. */
function sessionCheck(body: string): { role: Role; at: number } | null {
  const direct = ROLE_CALL.exec(body);
  return direct ? { role: (direct[1] ?? direct[2]) as Role, at: direct.index } : null;
}

const sources = files(APP).map((path) => ({ path: relative(APP, path), source: readFileSync(path, "utf8") }));
const actionFiles = sources.filter((file) => /^["']use server["'];/m.test(file.source));
const routeFiles = sources.filter((file) => /(^|\/)route\.ts$/.test(file.path));
const pageFiles = sources.filter((file) => /(^|\/)page\.tsx$/.test(file.path));

function reader(file: { path: string }) {
  return (spec: string): string | null => {
    if (!spec.startsWith(".") && !spec.startsWith("@/")) return null;
    const base = spec.startsWith("@/") ? join(APP, "..", spec.slice(2)) : join(APP, file.path, "..", spec);
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")])
      try {
        if (statSync(candidate).isFile()) return readFileSync(candidate, "utf8");
      } catch {}
    return null;
  };
}

describe("server actions", () => {
  it("exist (the scan finds them)", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(4);
  });

  it("defineAction checks the session before it parses the input (an anonymous caller learns nothing)", () => {
    const wrapper = sources.find((file) => file.path === "_lib/action.ts")?.source ?? "";
    const body = wrapper.slice(wrapper.indexOf("export function defineAction"));
    const session = body.indexOf("requireUser(role)");
    expect(session).toBeGreaterThan(-1);
    expect(body.indexOf("safeParse(")).toBeGreaterThan(session);
    expect(body.indexOf("getStore()")).toBeGreaterThan(session);
    const open = wrapper.slice(wrapper.indexOf("export function definePublicAction"));
    const origin = open.indexOf("checkActionOrigin()");
    expect(origin, "definePublicAction checks the Origin").toBeGreaterThan(-1);
    expect(open.indexOf("safeParse(")).toBeGreaterThan(origin);
    expect(open.indexOf("getStore()")).toBeGreaterThan(origin);
  });

  for (const file of actionFiles) {
    for (const action of serverExports(file.source, reader(file))) {
      it(`${file.path} ${action.name} is written with a wrapper that checks the caller first, with a fitting role`, () => {
        if (action.kind === "unknown") expect.fail(`${action.name}: ${action.why}`);
        if (action.kind === "public") {
          expect(PUBLIC_ACTIONS.has(action.name), `${action.name} is not one of the public actions`).toBe(true);
          return;
        }
        if (action.kind === "action") {
          if (!READ_ONLY.has(action.name)) expect(hasRole(action.role, "operator")).toBe(true);
          return;
        }
        expect.fail(
          `${action.name} is a plain function: write it with defineAction(schema, role, fn), or definePublicAction for one of the public actions`,
        );
      });
    }
  }
});

describe("route handlers", () => {
  it("exist (the scan finds them)", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of routeFiles) {
    for (const fn of exportedFunctions(file.source).filter((f) => /^(GET|POST|PUT|PATCH|DELETE|HEAD)$/.test(f.name))) {
      it(`${file.path} ${fn.name} checks the session itself (and Origin when it changes state)`, () => {
        const check = sessionCheck(fn.body);
        expect(check, `${file.path} ${fn.name} never checks the session`).not.toBeNull();
        const store = fn.body.indexOf("getStore()");
        if (store !== -1) expect(store).toBeGreaterThan(check?.at ?? Number.POSITIVE_INFINITY);
        if (fn.name !== "GET" && fn.name !== "HEAD") {
          expect(fn.body, "state-changing handlers pass their Request, so its method and Origin are checked").toMatch(
            /requireRequestUser\(\s*request/,
          );
          expect(hasRole(check?.role ?? "viewer", "operator")).toBe(true);
        }
      });
    }
  }
});

describe("pages", () => {
  const open = new Set(["login/page.tsx", "setup/page.tsx", "page.tsx"]);
  for (const file of pageFiles.filter((f) => !open.has(f.path))) {
    it(`${file.path} renders only for a signed-in user`, () => {
      expect(file.source).toMatch(ROLE_CALL);
    });
    const metadata = exportedFunctions(file.source).find((fn) => fn.name === "generateMetadata");
    if (metadata)
      it(`${file.path} builds its title only for a signed-in user (finding 6)`, () => {
        const check = sessionCheck(metadata.body);
        const store = metadata.body.indexOf("getStore()");
        if (store !== -1) {
          expect(check, "generateMetadata reads the database without a session check").not.toBeNull();
          expect(store).toBeGreaterThan(check?.at ?? Number.POSITIVE_INFINITY);
        }
      });
  }
});

describe("the scan itself", () => {
  it("finds actions however they are written: const arrows, wrapped, re-exported, default", () => {
    const module = [
      '"use server";',
      'export const wrapped = defineAction(Input, "viewer", async () => ({ ok: true }));',
      "export const arrow = async (input: unknown) => {",
      "  return getStore();",
      "};",
      "const hidden = async () => getStore();",
      "export const open = definePublicAction(Input, async () => ({ ok: true }));",
      "export { hidden, wrapped as alias };",
      'export { elsewhere } from "./other";',
      'export * from "./more";',
      "export default async function () {}",
    ].join("\n");
    const other = 'export const elsewhere = defineAction(X, "admin", async () => ({ ok: true }));';
    const more = "export async function deeper() { return getStore(); }";
    const exports = serverExports(module, (spec) => (spec === "./other" ? other : spec === "./more" ? more : null));
    const kinds = Object.fromEntries(exports.map((e) => [e.name, e.kind === "action" ? `action:${e.role}` : e.kind]));
    expect(kinds).toEqual({
      wrapped: "action:viewer",
      arrow: "function",
      open: "public",
      hidden: "function",
      alias: "action:viewer",
      elsewhere: "action:admin",
      deeper: "function",
      default: "unknown",
    });
    const arrowBody = exports.find((e) => e.name === "arrow");
    expect(arrowBody?.kind === "function" && sessionCheck(arrowBody.body)).toBe(null);
  });

  it("finds a session check, and sees one made after the database is opened", () => {
    const good =
      'export async function GET() {\n  const session = await requireUser("viewer");\n  return getStore();\n}';
    const late = 'export async function GET() {\n  const store = getStore();\n  await requireUser("admin");\n}';
    const missing = "export async function GET() {\n  return getStore();\n}";
    const [goodFn] = exportedFunctions(good);
    const [lateFn] = exportedFunctions(late);
    const [missingFn] = exportedFunctions(missing);
    expect(sessionCheck(goodFn?.body ?? "")?.role).toBe("viewer");
    expect(sessionCheck(missingFn?.body ?? "")).toBeNull();
    expect(lateFn?.body.indexOf("getStore()")).toBeLessThan(sessionCheck(lateFn?.body ?? "")?.at ?? 0);
  });
});
