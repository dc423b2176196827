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

/** Actions that run without a session by nature; each checks the Origin itself. */
const PUBLIC_ACTIONS = new Set(["loginAction", "setupAction"]);

/** Read-only actions and handlers a viewer may call; anything else needs at least operator. */
const READ_ONLY = new Set([
  "listInventoriesAction",
  "loadPingRunAction",
  "latestPingRunAction",
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
  return starts.map((match) => {
    const from = match.index ?? 0;
    const rest = source.slice(from + match[0].length);
    const end = rest.search(/^(?:export |function |async function |const |type )/m);
    return { name: match[1] ?? "", body: end === -1 ? rest : rest.slice(0, end) };
  });
}

/** Local helpers such as `async function operator() { return requireUser("operator"); }`. */
function helperRoles(source: string): Map<string, Role> {
  const helpers = new Map<string, Role>();
  for (const match of source.matchAll(/^(?:async )?function (\w+)\(\)[^{]*\{([\s\S]*?)^\}/gm)) {
    const role = ROLE_CALL.exec(match[2] ?? "");
    if (match[1] && role) helpers.set(match[1], (role[1] ?? role[2]) as Role);
  }
  return helpers;
}

/** The role an exported function checks first, and where in its body; null when it checks none. */
function sessionCheck(body: string, helpers: Map<string, Role>): { role: Role; at: number } | null {
  const direct = ROLE_CALL.exec(body);
  let best = direct ? { role: (direct[1] ?? direct[2]) as Role, at: direct.index } : null;
  for (const [name, role] of helpers) {
    const at = body.search(new RegExp(`\\b${name}\\(\\)`));
    if (at !== -1 && (!best || at < best.at)) best = { role, at };
  }
  return best;
}

const sources = files(APP).map((path) => ({ path: relative(APP, path), source: readFileSync(path, "utf8") }));
const actionFiles = sources.filter((file) => /^["']use server["'];/m.test(file.source));
const routeFiles = sources.filter((file) => /(^|\/)route\.ts$/.test(file.path));
const pageFiles = sources.filter((file) => /(^|\/)page\.tsx$/.test(file.path));

describe("server actions", () => {
  it("exist (the scan finds them)", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of actionFiles) {
    const helpers = helperRoles(file.source);
    for (const fn of exportedFunctions(file.source)) {
      it(`${file.path} ${fn.name} checks the caller before any database access, with a fitting role`, () => {
        const parse = fn.body.search(/\.(?:safeParse|parse)\(/);
        if (PUBLIC_ACTIONS.has(fn.name)) {
          const origin = fn.body.indexOf("checkActionOrigin()");
          expect(origin, "a public action checks the Origin").toBeGreaterThan(-1);
          expect(fn.body.indexOf("getStore()")).toBeGreaterThan(origin);
          if (parse !== -1) expect(parse, "the Origin is checked before the input").toBeGreaterThan(origin);
          return;
        }
        const check = sessionCheck(fn.body, helpers);
        expect(check, `${fn.name} never calls requireUser`).not.toBeNull();
        const store = fn.body.indexOf("getStore()");
        if (store !== -1) expect(store).toBeGreaterThan(check?.at ?? Number.POSITIVE_INFINITY);
        // Finding 7: a caller without a session learns nothing about the input's problems.
        if (parse !== -1)
          expect(parse, `${fn.name} validates its input before checking the session`).toBeGreaterThan(
            check?.at ?? Number.POSITIVE_INFINITY,
          );
        if (!READ_ONLY.has(fn.name)) expect(hasRole(check?.role ?? "viewer", "operator")).toBe(true);
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
        const check = sessionCheck(fn.body, new Map());
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
        const check = sessionCheck(metadata.body, new Map());
        const store = metadata.body.indexOf("getStore()");
        if (store !== -1) {
          expect(check, "generateMetadata reads the database without a session check").not.toBeNull();
          expect(store).toBeGreaterThan(check?.at ?? Number.POSITIVE_INFINITY);
        }
      });
  }
});

describe("the scan itself", () => {
  const source = [
    '"use server";',
    "async function operator() {",
    '  return requireUser("operator");',
    "}",
    "export async function goodAction(input: unknown) {",
    "  const session = await operator();",
    "  return getStore();",
    "}",
    "export async function missingAction(input: unknown) {",
    "  return getStore();",
    "}",
    "export async function lateAction(input: unknown) {",
    "  const store = getStore();",
    '  const session = await requireUser("viewer");',
    "}",
  ].join("\n");
  const helpers = helperRoles(source);
  const found = Object.fromEntries(exportedFunctions(source).map((fn) => [fn.name, sessionCheck(fn.body, helpers)]));

  it("finds a check through a local helper, misses an absent one, and sees one made too late", () => {
    expect(found.goodAction?.role).toBe("operator");
    expect(found.missingAction).toBeNull();
    const late = exportedFunctions(source).find((fn) => fn.name === "lateAction");
    expect(late?.body.indexOf("getStore()")).toBeLessThan(found.lateAction?.at ?? 0);
  });
});
