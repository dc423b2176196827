import type { Locale } from "../i18n/locale";
import { render, type Text } from "../i18n/text";
import { safeText } from "../text/safe-text";
/** Every problem validation can report. Each code has a failing and a passing test in validate.test.ts. */
export type IssueCode =
  | "yaml-syntax"
  | "too-large"
  | "too-many"
  | "invalid-type"
  | "required"
  | "unknown-key"
  | "invalid-value"
  | "invalid-name"
  | "invalid-ip"
  | "invalid-cidr"
  | "invalid-image"
  | "invalid-argument"
  | "invalid-kv-url"
  | "duplicate-name"
  | "vlan-id-range"
  | "unknown-host"
  | "unknown-network"
  | "unknown-parent"
  | "parent-in-use"
  | "parent-not-promisc"
  | "subnet-overlap"
  | "subnet-required"
  | "gateway-outside-subnet"
  | "ip-outside-subnet"
  | "ip-is-gateway"
  | "ip-reserved"
  | "duplicate-ip"
  | "subnet-too-small"
  | "host-not-on-network"
  | "no-networks"
  | "overlay-no-control"
  | "overlay-kv-removed"
  | "kv-host-unknown"
  | "mixed-overlay-control"
  | "macvlan-no-dns-across-hosts"
  | "macvlan-no-subnet"
  | "routed-bridge-subnets"
  | "no-underlay-path"
  | "third-party-driver"
  | "swarm-ip-runtime"
  | "swarm-fixed-address"
  | "invalid-port"
  | "invalid-publish"
  | "publish-conflict"
  | "shim-network";

export type Severity = "error" | "warning" | "info";

/** A path into the design document, e.g. ["networks", "mac_net11", "parent", "node-1"]. The canvas highlights by it. */
export type IssuePath = (string | number)[];

export type Issue = {
  code: IssueCode;
  severity: Severity;
  path: IssuePath;
  /**
   * What is wrong and how to fix it, as Texts (lib/i18n), rendered in the reader's language at the edges
   * ({@link localizeIssue}). Values quoted from the user's file are escaped by {@link sortIssues}.
   */
  message: Text;
  hint: Text;
  /** 1-based position in the source text, when the issue came from a parsed file. */
  line?: number;
  column?: number;
};

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Stable order: by source position when known, then by path, severity and code. Also the last step of
 * every producer of issues, so messages and hints come out safe to print in every language: the values
 * in their Texts are escaped here, once (see {@link safeIssue}).
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return issues
    .map(safeIssue)
    .sort(
      (a, b) =>
        (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        comparePaths(a.path, b.path) ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.code.localeCompare(b.code) ||
        a.message.en.localeCompare(b.message.en),
    );
}

function comparePaths(a: IssuePath, b: IssuePath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = String(a[i]);
    const right = String(b[i]);
    if (left !== right) return left < right ? -1 : 1;
  }
  return a.length - b.length;
}

/** `networks.mac_net11.parent.node-1`; keys containing dots are bracketed: `hosts.node-1.nics["ens33.10"]`. */
export function formatPath(path: IssuePath): string {
  return path
    .map((part, index) => {
      const text = String(part);
      if (typeof part === "number" || /^[A-Za-z0-9_-]+$/.test(text)) return index === 0 ? text : `.${text}`;
      return `[${safeText(JSON.stringify(text))}]`;
    })
    .join("");
}

/**
 * Messages quote the user's names, which may hold anything (that is often why there is an issue):
 * they are shown through the one escaper, {@link safeText} (lib/text/safe-text.ts).
 */
export { safeText } from "../text/safe-text";

/** The issue with its message and hint made safe to print ({@link safeTextOf}); for producers that keep their order. */
export function safeIssue<T extends Issue>(issue: T): T {
  return { ...issue, message: safeTextOf(issue.message), hint: safeTextOf(issue.hint) };
}

/**
 * A Text whose values (and template) are escaped by {@link safeText}, so it renders safe to print in
 * every locale. The escaper maps character by character, so the English is `safeText` of the English;
 * no zh template holds a character it escapes, so the template lookup is unchanged. Idempotent.
 */
export function safeTextOf(text: Text): Text {
  return {
    key: safeText(text.key),
    args: text.args.map((arg) => (typeof arg === "string" ? safeText(arg) : safeTextOf(arg))),
    en: safeText(text.en),
  };
}

/** The issue's message and hint in `locale`, safe to print (escaped again here, in case it skipped sortIssues). */
export function localizeIssue(issue: Issue, locale: Locale): { message: string; hint: string } {
  return { message: safeText(render(issue.message, locale)), hint: safeText(render(issue.hint, locale)) };
}
