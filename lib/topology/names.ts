/**
 * Naming rules. Names end up as command arguments on root shells, so they are allow-listed:
 * letters, digits, `_`, `.`, `-`, never a leading `-` (it would read as an option), no control characters.
 */

import { type Text, t } from "../i18n/text";
import { safeText } from "../text/safe-text";
import { type Said, say } from "./said";

export type NameKind = "topology" | "host" | "interface" | "network" | "container" | "alias";

const LIMITS: Record<NameKind, { min: number; max: number; label: Text }> = {
  topology: { min: 1, max: 63, label: t`topology name` },
  host: { min: 1, max: 63, label: t`host name` },
  interface: { min: 1, max: 15, label: t`interface name` },
  network: { min: 1, max: 64, label: t`network name` },
  container: { min: 2, max: 128, label: t`container name` },
  alias: { min: 1, max: 63, label: t`alias` },
};

const ALLOWED = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const HOSTNAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

export type NameProblem = Said;

function describeChar(ch: string): Text {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return t`a control character (U+${code.toString(16).padStart(4, "0").toUpperCase()})`;
  if (ch === " ") return t`a space`;
  return t`'${ch}'`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Returns why `name` is not acceptable as a name of this kind, or undefined when it is. */
export function nameProblem(name: string, kind: NameKind): NameProblem | undefined {
  const { min, max, label } = LIMITS[kind];
  const allowed = t`use only letters, digits, '_', '.' and '-', starting with a letter or digit`;
  if (name.length === 0) return { ...say(t`${label} is empty`, t`Give it a name; ${allowed}.`) };
  if (name.startsWith("-"))
    return say(
      t`${label} '${printable(name)}' starts with '-', which a command would read as an option`,
      t`Rename it so it starts with a letter or digit.`,
    );
  const bad = [...name].find((ch) => !/[a-zA-Z0-9_.-]/.test(ch));
  if (bad !== undefined)
    return say(
      t`${label} '${printable(name)}' contains ${describeChar(bad)}, which is not allowed`,
      t`Names end up in commands run as root: ${allowed}.`,
    );
  if (!ALLOWED.test(name)) return say(t`${label} '${name}' must start with a letter or digit`, allowed);
  if (kind === "host" && !HOSTNAME.test(name))
    return say(
      t`host name '${name}' is not a valid hostname`,
      t`Host names use letters, digits and '-' (no '_' or '.'), and do not end with '-'.`,
    );
  if (kind === "interface" && (name === "." || name === ".."))
    return { ...say(t`interface name '${name}' is reserved by the kernel`, t`Pick another name.`) };
  const length = byteLength(name);
  if (length < min) return say(t`${label} '${name}' is too short (at least ${min} characters)`, allowed);
  if (length > max) {
    const message =
      kind === "interface"
        ? t`${label} '${name}' is ${length} bytes long; the limit is ${max} (the Linux kernel limit, IFNAMSIZ)`
        : t`${label} '${name}' is ${length} bytes long; the limit is ${max}`;
    return say(message, t`Shorten it to at most ${max} bytes.`);
  }
  return undefined;
}

/** Shows a hostile name safely in a message: control characters escaped, long names cut. */
export function printable(text: string): string {
  return safeText(text, { max: 60, ellipsis: "..." });
}
