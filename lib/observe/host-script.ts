import "server-only";

/**
 * What lib/observe reads on a host besides the Docker API, as one constant POSIX sh script run with
 * `sh -c SCRIPT` (no data is ever put into it). One SSH channel and one login-shell start per host
 * instead of seven: on hosts whose login shell reads a heavy ~/.bashrc that is most of the cost.
 * Each command's stdout is framed by marker lines; stderr is discarded; the exit status is kept.
 */
export const OBSERVE_SECTIONS = [
  "link",
  "addr",
  "route",
  "forward",
  "filter",
  "nat",
  "ovs",
  "mangle",
  "daemonjson",
  "daemonorig",
  "daemonnone",
  "qdisc",
  "raw",
] as const;

export type ObserveSection = (typeof OBSERVE_SECTIONS)[number];

const BEGIN = "@@crossnet-begin";
const END = "@@crossnet-end";

export const OBSERVE_SCRIPT = [
  `run() { s=$1; shift; printf '${BEGIN} %s\\n' "$s"; "$@" 2>/dev/null; rc=$?; printf '\\n${END} %s %s\\n' "$s" "$rc"; }`,
  "export LC_ALL=C",
  "run link ip -j -d link show",
  "run addr ip -j -4 addr show",
  "run route ip -j -4 route show table main",
  "run forward cat /proc/sys/net/ipv4/ip_forward",
  "run filter iptables -w 5 -S DOCKER-USER",
  "run nat iptables -w 5 -t nat -S POSTROUTING",
  // The KV store's firewall (lib/plan/kv-firewall.ts).
  "run mangle iptables -w 5 -t mangle -S PREROUTING",
  "run qdisc tc -j qdisc show",
  "run raw iptables -w 5 -t raw -S PREROUTING",
  "if command -v ovs-vsctl >/dev/null 2>&1; then",
  "  run ovs ovs-vsctl --timeout=5 --format=json -- --columns=name,ports list Bridge -- --columns=_uuid,name,tag,interfaces list Port -- --columns=_uuid,name,type,options,external_ids list Interface",
  "fi",
  // daemon.json (section absent: no file) and Crossnet's backup of it (lib/plan/daemon-json.ts).
  "if [ -e /etc/docker/daemon.json ]; then run daemonjson head -c 262145 /etc/docker/daemon.json; fi",
  "run daemonorig test -f /etc/docker/daemon.json.crossnet-orig",
  "run daemonnone test -f /etc/docker/daemon.json.crossnet-none",
  "",
].join("\n");

/** One section's output and exit status (127 when the command does not exist). */
export type SectionOutput = { code: number; text: string };

/**
 * Splits the script's stdout into sections. A section whose frame is missing or broken is absent
 * from the result: callers treat that like a failed command.
 */
export function splitSections(stdout: string): Partial<Record<ObserveSection, SectionOutput>> {
  const sections: Partial<Record<ObserveSection, SectionOutput>> = {};
  const lines = stdout.split("\n");
  let current: { name: ObserveSection; lines: string[] } | undefined;
  for (const line of lines) {
    const begin = line.startsWith(`${BEGIN} `) ? line.slice(BEGIN.length + 1) : undefined;
    if (begin !== undefined) {
      current = isSection(begin) ? { name: begin, lines: [] } : undefined;
      continue;
    }
    const end = /^@@crossnet-end ([a-z]+) (\d{1,3})$/.exec(line);
    if (end) {
      if (current && end[1] === current.name && !(current.name in sections)) {
        // The frame adds one newline before the end marker.
        const text = current.lines.join("\n").replace(/\n$/, "");
        sections[current.name] = { code: Number(end[2]), text };
      }
      current = undefined;
      continue;
    }
    current?.lines.push(line);
  }
  return sections;
}

function isSection(name: string): name is ObserveSection {
  return (OBSERVE_SECTIONS as readonly string[]).includes(name);
}
