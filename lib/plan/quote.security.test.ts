import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLoginShell, QuoteError, quoteArg, quoteArgv } from "./quote";

const SHELLS: { name: string; argv: string[] }[] = [
  { name: "dash", argv: ["/bin/dash", "-c"] },
  { name: "bash", argv: ["/bin/bash", "-c"] },
  { name: "busybox sh", argv: ["busybox", "sh", "-c"] },
];

const FRAGMENTS = [
  "'",
  '"',
  "\\",
  "'\\''",
  "$(touch pwned)",
  "`touch pwned`",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell expansion is the hostile input
  "${IFS}",
  "$HOME",
  "$0",
  "$@",
  "; touch pwned;",
  "&& touch pwned",
  "| touch pwned",
  "> pwned",
  "< /etc/passwd",
  "\n",
  "\r",
  "\t",
  " ",
  "*",
  "?",
  "[a-z]",
  "{a,b}",
  "~",
  "~root",
  "-",
  "--",
  "-oProxyCommand=touch pwned",
  "#",
  "!",
  "!!",
  "%",
  "a=b",
  "if",
  "then",
  "\u00e9",
  "\u2028",
  "\u{1F600}",
  "\u0001",
  "\u001b[31m",
  "\u007f",
  "\u0080",
  "\uFEFF",
];

/** Hostile strings without NUL: fragments glued together, plus arbitrary text in every Unicode range. */
const hostile = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 6 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.string({ unit: fc.integer({ min: 1, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  )
  .filter((s) => !s.includes("\0"));

let canary: string;

/** Every hostile string this file sent through the quoting function, by outcome (reported at the end). */
const tried = { delivered: 0, refused: 0, byShell: {} as Record<string, number> };

beforeAll(() => {
  canary = mkdtempSync(join(tmpdir(), "crossnet-quote-"));
  // A file for globs to match: an unquoted `*` would expand to it and show up in the output.
  writeFileSync(join(canary, "seed"), "");
});

afterAll(() => {
  rmSync(canary, { recursive: true, force: true });
  const total = tried.delivered + tried.refused;
  const shells = Object.entries(tried.byShell)
    .map(([shell, n]) => `${shell} ${n}`)
    .join(", ");
  process.stdout.write(
    `quote property test: ${total} hostile strings tried (${tried.delivered} delivered byte for byte as one argument, ${tried.refused} refused; ${shells}); no file appeared\n`,
  );
});

/** Runs `printf '%s\0' ARGS…` through the shell as ssh would, and returns what the program received. */
function roundTrip(shell: string[], args: string[]): Buffer {
  const command = quoteArgv(["printf", "%s\\000", ...args]);
  const [file, ...rest] = shell;
  const result = spawnSync(file ?? "", [...rest, command], {
    cwd: canary,
    env: { PATH: "/usr/bin:/bin", HOME: canary, LC_ALL: "C.UTF-8", NODE_ENV: "test" },
    encoding: "buffer",
    timeout: 10_000,
  });
  expect(result.status, result.stderr.toString()).toBe(0);
  return result.stdout;
}

const expected = (args: string[]) => Buffer.concat(args.map((a) => Buffer.from(`${a}\0`, "utf8")));

describe("quoteArgv", () => {
  it("wraps every argument in single quotes", () => {
    expect(quoteArgv(["docker", "network", "create", "-d", "macvlan"])).toBe(
      "'docker' 'network' 'create' '-d' 'macvlan'",
    );
    expect(quoteArgv(["echo", "it's", ""])).toBe("'echo' 'it'\\''s' ''");
  });

  it("refuses NUL bytes, lone surrogates and an empty argv without echoing the value", () => {
    expect(() => quoteArg("secret\0x", 2)).toThrow(/argument 2 contains a NUL byte/);
    expect(() => quoteArg("secret\0x")).not.toThrow(/secret/);
    expect(() => quoteArg("a\uD800b")).toThrow(QuoteError);
    expect(() => quoteArgv([])).toThrow(/empty command/);
  });

  for (const shell of SHELLS) {
    it(`delivers hostile arguments byte for byte under ${shell.name}`, () => {
      fc.assert(
        fc.property(fc.array(hostile, { minLength: 1, maxLength: 12 }), (args) => {
          expect(roundTrip(shell.argv, args)).toEqual(expected(args));
          tried.delivered += args.length;
          tried.byShell[shell.name] = (tried.byShell[shell.name] ?? 0) + args.length;
        }),
        { numRuns: 400 },
      );
      expect(readdirSync(canary)).toEqual(["seed"]);
      expect(tried.byShell[shell.name]).toBeGreaterThan(1000);
    });
  }

  it("either refuses a string or delivers it intact (NUL and surrogates included)", () => {
    const withBadUnits = fc.string({
      unit: fc.oneof(fc.constantFrom("\0", "\uD800", "\uDFFF", "'", "$(touch pwned)"), fc.string({ maxLength: 1 })),
      maxLength: 8,
    });
    fc.assert(
      fc.property(withBadUnits, (arg) => {
        let command: string | undefined;
        try {
          command = quoteArg(arg);
        } catch (error) {
          expect(error).toBeInstanceOf(QuoteError);
          expect(/\0|\p{Cs}/u.test(arg)).toBe(true);
          tried.refused += 1;
          return;
        }
        expect(command).toBeDefined();
        expect(roundTrip(["/bin/dash", "-c"], [arg])).toEqual(expected([arg]));
        tried.delivered += 1;
      }),
      { numRuns: 300 },
    );
    expect(readdirSync(canary)).toEqual(["seed"]);
  });
});

describe("checkLoginShell", () => {
  it("accepts POSIX shells", () => {
    for (const shell of ["/bin/sh", "/bin/bash", "/usr/bin/dash", "/bin/ash", "/bin/mksh"]) {
      expect(() => checkLoginShell(shell, "root", "node-1")).not.toThrow();
    }
  });

  it("refuses csh, fish and nologin, naming the shell and the fix", () => {
    for (const shell of ["/bin/csh", "/usr/bin/tcsh", "/usr/bin/fish", "/usr/sbin/nologin", "/bin/false", ""]) {
      expect(() => checkLoginShell(shell, "root", "node-1")).toThrow(/not a POSIX shell.*chsh -s \/bin\/sh root/);
    }
    expect(() => checkLoginShell("/bin/\u001b[2Jx", "root", "n")).toThrow(/\(unprintable\)/);
  });
});
