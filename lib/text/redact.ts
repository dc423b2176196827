/** What every removed secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** Options for the redaction functions. */
export type RedactOptions = {
  /**
   * Secret values known to the caller (e.g. the password used for this host); every occurrence is
   * removed too. Values shorter than {@link MIN_KNOWN_LENGTH} are ignored: they would erase ordinary text.
   */
  known?: readonly string[];
};

/** Shortest known value `redact` removes by exact match. */
export const MIN_KNOWN_LENGTH = 4;

type Rule = { pattern: RegExp; replacement: string | ((match: string, ...groups: string[]) => string) };

function quoteLike(value: string): string {
  if (value.startsWith('"')) return `"${REDACTED}"`;
  if (value.startsWith("'")) return `'${REDACTED}'`;
  return REDACTED;
}

/**
 * Shapes of secrets found in commands, command output and JSON. Each replacement is a fixed point
 * (redacting twice gives the same text) and keeps enough context to read the line.
 * Private keys run to their END line, or to the end of the text when the END line is missing; an
 * END line without its BEGIN (the tail of a cut key) takes everything before it.
 * Every pattern starts at a fixed keyword and its repetitions are bounded, so redacting untrusted
 * output costs time linear in its length (no catastrophic backtracking).
 */
const RULES: readonly Rule[] = [
  {
    pattern:
      /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,20}-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,20}-----|$)/g,
    replacement: "[REDACTED PRIVATE KEY]",
  },
  {
    pattern: /^[\s\S]*-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,20}-----/g,
    replacement: "[REDACTED PRIVATE KEY]",
  },
  {
    pattern: /Private-Lines:[ \t]{0,8}\d{1,6}[\s\S]*?(?:Private-MAC:[ \t]{0,8}[0-9a-fA-F]{1,128}|$)/g,
    replacement: "Private-Lines: [REDACTED]",
  },
  { pattern: /SWM(TKN|KEY)-[A-Za-z0-9-]+/g, replacement: `SWM$1-${REDACTED}` },
  { pattern: /\beyJ[A-Za-z0-9_-]{4,2048}\.[A-Za-z0-9_-]{4,2048}\.[A-Za-z0-9_-]*/g, replacement: REDACTED },
  { pattern: /\b(bearer|basic)([ \t]{1,8})[A-Za-z0-9._~+/=-]{8,}/gi, replacement: `$1$2${REDACTED}` },
  {
    pattern: /\b([a-zA-Z][a-zA-Z0-9+.-]{0,31}:\/\/[^\s:@/]{1,256}):[^\s@/]{1,256}@/g,
    replacement: `$1:${REDACTED}@`,
  },
  {
    pattern:
      /((?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)[A-Za-z0-9_.-]{0,32}["']?[ \t]{0,8}[=:][ \t]{0,8})(\[REDACTED[^\]\n]{0,32}\]|"[^"\n]{0,1024}"|'[^'\n]{0,1024}'|[^\s,;&"'}\]]+)/gi,
    replacement: (_match, key = "", value = "") => `${key}${quoteLike(value)}`,
  },
];

/** The rules' patterns, for the test that {@link RULE_KEYWORDS} covers them. */
export const RULE_PATTERNS: readonly RegExp[] = RULES.map((rule) => rule.pattern);

/**
 * A word every rule's match contains (case-insensitive): "private" (both key rules, Private-Lines,
 * private_key), "swm", "eyj", "bearer", "basic", "://", and the keys of the `key=value` rule
 * (pass…, secret, token, api…, access…, credential). Text with none of them cannot match any rule,
 * so ordinary output (a ping's statistics, a `docker run` line) skips the eight passes. When a
 * rule is added, its keyword must be added here (redact.test.ts checks every rule's samples).
 */
export const RULE_KEYWORDS = /private|swm|eyj|bearer|basic|:\/\/|pass|secret|token|api|access|credential/i;

/** Flags whose next argv element is a secret. `--password-stdin` is deliberately absent. */
const SECRET_FLAG = /^--?(password|passwd|passphrase|secret|token|join-token|api-?key|auth-?token|access-?key)$/i;

/** JSON keys whose value is a secret whatever it looks like. */
const SECRET_KEY = /pass(word|wd|phrase)|secret|token|private[_-]?key|api[_-]?key|access[_-]?key|credential/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Removes private keys, passwords and tokens (swarm join tokens `SWMTKN-…`, bearer tokens, JWTs,
 * credentials in URLs, `password=…`-style pairs) from free text. Called on everything before it is
 * written to the journal, the audit log or a run summary, because command output is untrusted and
 * may echo secrets back. Over-redaction is accepted; a leak is not.
 */
export function redact(text: string, options: RedactOptions = {}): string {
  let out = text;
  for (const value of options.known ?? []) {
    if (value.length >= MIN_KNOWN_LENGTH) out = out.replace(new RegExp(escapeRegExp(value), "g"), REDACTED);
  }
  if (!RULE_KEYWORDS.test(out)) return out;
  for (const rule of RULES) {
    const { replacement } = rule;
    out =
      typeof replacement === "string" ? out.replace(rule.pattern, replacement) : out.replace(rule.pattern, replacement);
  }
  return out;
}

/**
 * Redacts an argv array element by element, and also the value after a secret-bearing flag
 * (`--token X`, `--password X`, `docker login -p X`), which text patterns cannot see.
 * Returns a new array of the same length so argv positions stay comparable.
 */
export function redactArgv(argv: readonly string[], options: RedactOptions = {}): string[] {
  const isLogin = argv.includes("login");
  return argv.map((arg, index) => {
    const previous = index > 0 ? argv[index - 1] : undefined;
    if (previous !== undefined && (SECRET_FLAG.test(previous) || (isLogin && previous === "-p"))) return REDACTED;
    return redact(arg, options);
  });
}

/**
 * Redacts a JSON-like value deeply: strings as in {@link redact}, and any value under a key that
 * names a secret (`password`, `token`, `privateKey`…) replaced whole. Returns a new value; the input
 * is not modified. Used for run settings and summaries before they are stored.
 */
export function redactValue(value: unknown, options: RedactOptions = {}): unknown {
  if (typeof value === "string") return redact(value, options);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, options));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const secretish = SECRET_KEY.test(key) && item !== null && typeof item !== "object" && typeof item !== "boolean";
      out[key] = secretish ? REDACTED : redactValue(item, options);
    }
    return out;
  }
  return value;
}
