/**
 * The one place where an argv array becomes a command string for ssh2 `exec()`.
 *
 * SSH runs a command by handing one string to the remote user's login shell (`$SHELL -c STRING`),
 * so every argument is wrapped in single quotes: inside them a POSIX shell treats every byte
 * literally except `'` itself, which is written as `'\''` (close, escaped quote, reopen). Quoting
 * every word, including the command name, also keeps reserved words, aliases, globs, tilde and
 * assignment prefixes from being recognised. This holds only for POSIX shells, hence
 * {@link checkLoginShell}.
 */

/** Why an argument or a login shell was refused. Messages never include the argument's value. */
export class QuoteError extends Error {
  override readonly name = "QuoteError";
}

// A lone UTF-16 surrogate cannot be encoded as UTF-8: it would reach the host as U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Quotes one argument for a POSIX shell.
 * @throws QuoteError when the argument contains a NUL byte (a C string ends there, so the host
 *   would see a different argument) or a lone UTF-16 surrogate (not encodable as UTF-8).
 */
export function quoteArg(arg: string, index = 0): string {
  if (arg.includes("\0")) {
    throw new QuoteError(`argument ${index} contains a NUL byte, which no command line can carry; remove it`);
  }
  if (LONE_SURROGATE.test(arg)) {
    throw new QuoteError(`argument ${index} contains a lone UTF-16 surrogate, which has no UTF-8 encoding; remove it`);
  }
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/**
 * Turns an argv array into the command string passed to ssh2 `exec()`. Each argument reaches the
 * remote program byte for byte as one argument when the login shell is POSIX.
 * @throws QuoteError for an empty argv or an argument {@link quoteArg} refuses.
 */
export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new QuoteError("cannot run an empty command: argv has no program name");
  return argv.map((arg, index) => quoteArg(arg, index)).join(" ");
}

/**
 * Login shells whose `-c` parsing of single quotes is POSIX. Not here on purpose: csh/tcsh
 * (newlines and `!` break single quotes), fish (`\\` and `\'` are escapes inside single quotes),
 * rc, nologin/false (no commands at all).
 */
const POSIX_SHELLS: ReadonlySet<string> = new Set([
  "sh",
  "bash",
  "dash",
  "ash",
  "ksh",
  "ksh93",
  "mksh",
  "posh",
  "yash",
]);

/**
 * Checks a login shell path (7th field of a passwd entry) and throws when commands built by
 * {@link quoteArgv} could be misparsed by it.
 * @throws QuoteError naming the shell and how to fix it.
 */
export function checkLoginShell(shell: string, user: string, host: string): void {
  const base = shell.slice(shell.lastIndexOf("/") + 1);
  if (POSIX_SHELLS.has(base)) return;
  const shown = /^[\x20-\x7e]{1,200}$/.test(shell) ? shell : "(unprintable)";
  throw new QuoteError(
    `${user}@${host} has login shell ${shown}, which is not a POSIX shell: commands sent over SSH are parsed by it, ` +
      `and Crossnet only quotes arguments safely for POSIX shells. Fix: chsh -s /bin/sh ${user} on ${host} ` +
      `(or use a user whose shell is sh, bash or dash)`,
  );
}
