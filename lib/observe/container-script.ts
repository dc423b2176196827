import "server-only";
import type { ObservedImpairment } from "../plan/observed";
import { parseImpairQdiscs, parseImpairRules } from "./parse-impairments";

/**
 * Reads Crossnet's impairments inside containers' network namespaces: one constant sh script, the
 * containers as positional arguments (`NAME PID NAME PID …`, never spliced into the script), each
 * namespace entered by PID with the host's own `tc` and `iptables`. Root and nsenter are needed; a
 * host without them answers nothing, which reads as "no impairment seen".
 */
export const CONTAINER_IMPAIR_SCRIPT = [
  "export LC_ALL=C",
  '[ "$(id -u)" = 0 ] && command -v nsenter >/dev/null 2>&1 || exit 0',
  'while [ "$#" -ge 2 ]; do',
  "  n=$1; p=$2; shift 2",
  "  printf '@@cn-c %s q\\n' \"$n\"",
  '  nsenter --net="/proc/$p/ns/net" -- tc -j qdisc show 2>/dev/null',
  "  printf '\\n@@cn-c %s r\\n' \"$n\"",
  '  nsenter --net="/proc/$p/ns/net" -- iptables -w 5 -t raw -S PREROUTING 2>/dev/null',
  "  printf '\\n@@cn-c %s e\\n' \"$n\"",
  "done",
  "",
].join("\n");

/** The argv that reads the given containers' impairments (at most 512, by the caller's order). */
export function containerImpairArgv(containers: readonly { name: string; pid: number }[]): string[] {
  return [
    "sh",
    "-c",
    CONTAINER_IMPAIR_SCRIPT,
    "sh",
    ...containers.slice(0, 512).flatMap(({ name, pid }) => [name, String(pid)]),
  ];
}

/** The impairments in the script's output, by container (the PID is the one it was asked with). */
export function parseContainerImpairments(
  stdout: string,
  containers: readonly { name: string; pid: number }[],
): ObservedImpairment[] {
  const pids = new Map(containers.map(({ name, pid }) => [name, pid]));
  const found: ObservedImpairment[] = [];
  let current: { name: string; part: "q" | "r"; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const pid = pids.get(current.name);
    const text = current.lines.join("\n");
    const items = current.part === "q" ? parseImpairQdiscs(text) : parseImpairRules(text);
    if (pid !== undefined)
      for (const { iface, impairment } of items)
        found.push({ point: { kind: "container", container: current.name, iface }, impairment, pid });
    current = undefined;
  };
  for (const line of stdout.split("\n")) {
    const marker = /^@@cn-c (\S+) ([qre])$/.exec(line);
    if (marker) {
      flush();
      const name = marker[1] ?? "";
      if (marker[2] !== "e" && pids.has(name)) current = { name, part: marker[2] as "q" | "r", lines: [] };
      continue;
    }
    current?.lines.push(line);
  }
  flush();
  return found;
}
