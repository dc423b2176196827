// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the scripts use shell parameter expansion (${x%%…}), not JS templates
import "server-only";
import { quoteArgv } from "../plan/quote";
import { PINGER_SCRIPT } from "./pinger-script";
import { type ProbeSettings, wallBoundS } from "./settings";

/**
 * The script a source container runs to ping its targets all at once:
 * `sh -c PROBE_SCRIPT sh COUNT INTERVAL DEADLINE BOUND OFFSET M TARGET…` (only the first M targets
 * are pinged; see {@link HOST_SCRIPT} for why more may follow).
 *
 * It is a constant: nothing is ever interpolated into it; settings and targets arrive as positional
 * arguments. Every target gets its own ping in the background, bounded by `timeout` when the image
 * has one (busybox and coreutils do; coreutils' in `--foreground` mode, so the ping stays in the
 * script's process group), so a name lookup that hangs cannot hold the run. Each result is printed
 * with its exit status between `@@cn-b G` and `@@cn-e G RC` lines, every output line prefixed with
 * `G:` (G = OFFSET + the target's 1-based position). dash and busybox sh write a result in one
 * `printf` (one atomic write to the exec's pipe), but bash writes line by line, so results of
 * parallel pings can interleave by whole lines: the prefixes keep them apart anyway. The first line
 * reports OFFSET, the script's PID (to stop it on cancel) and which ping and `timeout` it found. On
 * TERM it stops its whole process group (docker exec makes it a session leader) and exits.
 */
export const PROBE_SCRIPT = [
  "c=$1 i=$2 w=$3 b=$4 o=$5 m=$6; shift 6",
  "V=0 T=0",
  "ping -V >/dev/null 2>&1 && V=1",
  "if timeout --foreground 1 true 2>/dev/null; then T=2; elif command -v timeout >/dev/null 2>&1; then T=1; fi",
  `trap 'trap "" TERM; kill 0 2>/dev/null; exit 143' TERM HUP`,
  `printf '@@cn-pid %s %s %s %s\\n' "$o" "$$" "$V" "$T"`,
  "NL='",
  "'",
  "n=0",
  "for x",
  "do",
  '  [ "$n" -ge "$m" ] && break',
  "  n=$((n+1)); g=$((o+n))",
  "  (",
  '    set -- ping -4 -c "$c" -i "$i" -W "$w" -w "$w"',
  '    [ "$V" = 1 ] && set -- "$@" -n',
  '    [ "$T" = 1 ] && set -- timeout "$b" "$@"',
  '    [ "$T" = 2 ] && set -- timeout --foreground "$b" "$@"',
  '    r=$("$@" -- "$x" 2>&1)',
  "    s=$?",
  '    f="@@cn-b $g$NL"',
  '    r="$r$NL"',
  '    while [ -n "$r" ]; do f="$f$g:${r%%"$NL"*}$NL"; r=${r#*"$NL"}; done',
  `    printf '%s@@cn-e %s %s\\n' "$f" "$g" "$s"`,
  "  ) &",
  "done",
  "wait",
  "",
].join("\n");

/**
 * The lean variant of {@link PROBE_SCRIPT} for addresses, run by the host in a source container's
 * network namespace with the host's own `sh` and `ping` (never the container's programs):
 * `sh -c FAST_SCRIPT sh COUNT INTERVAL DEADLINE OFFSET M TARGET…`. One process per target: each
 * `ping -q` prints its whole result in one write when it exits (its errors are dropped: a target
 * without statistics is retried with {@link PROBE_SCRIPT}, which keeps them), then the exit statuses
 * follow as `@@cn-r G RC` lines. The host prefixes each line with `fOFFSET:`; results are told apart
 * by the target named in their own lines (`PING T …`, `--- T ping statistics ---`).
 */
export const FAST_SCRIPT = [
  "c=$1 i=$2 w=$3 o=$4 m=$5; shift 5",
  "V=0",
  "ping -V >/dev/null 2>&1 && V=1",
  `printf '@@cn-pid %s %s %s 0\n' "$o" "$$" "$V"`,
  "p= n=0",
  "for x",
  "do",
  '  [ "$n" -ge "$m" ] && break',
  "  n=$((n+1))",
  '  if [ "$V" = 1 ]; then ping -4 -n -q -c "$c" -i "$i" -W "$w" -w "$w" -- "$x" 2>/dev/null &',
  '  else ping -4 -q -c "$c" -i "$i" -W "$w" -w "$w" -- "$x" 2>/dev/null &',
  "  fi",
  '  p="$p $!"',
  "done",
  "n=$o",
  `for q in $p; do n=$((n+1)); wait "$q"; printf '@@cn-r %s %s\\n' "$n" "$?"; done`,
  "",
].join("\n");

/**
 * How a source is probed on its host:
 * - `py`: the host's one {@link PINGER_SCRIPT} process (python3) pings from the container's network
 *   namespace, for every `fast` source of the host at once (the host picks it when it has python3);
 * - `fast`: {@link FAST_SCRIPT} in the container's network namespace (`nsenter --net`), host programs;
 * - `framed`: {@link PROBE_SCRIPT} the same way (used to retry, as it keeps ping's error messages);
 * - `exec`: {@link PROBE_SCRIPT} inside the container (`docker exec`): names must be resolved by the
 *   container's own resolver (Docker's DNS), and it is the fallback where nsenter cannot be used.
 */
export type ProbeMode = "py" | "fast" | "framed" | "exec";

/**
 * The script one host runs for all its source containers, in one SSH command:
 * `sh -c HOST_SCRIPT sh K PROBE_SCRIPT FAST_SCRIPT PINGER_SCRIPT COUNT INTERVAL DEADLINE BOUND  MODE SRC PID ID OFFSET M TARGET×M  … [python  fast SRC PID ID OFFSET M TARGET×M …]`.
 *
 * A constant too. It first prints `@@cn-host PID` (to stop it on cancel). Per source it prints `@@cn-mode OFFSET MODE` and starts the probe in the
 * background, at most K at a time (in waves). `fast`/`framed` need root, `nsenter`, and the PID's
 * cgroup to name the container id (so a PID read a moment ago that now belongs to something else is
 * never entered); otherwise the source falls back to `exec` (and `fast` to `framed` without `awk`).
 * The probe's stdout goes straight through; its stderr (Docker's or nsenter's own errors) is
 * printed afterwards between `@@cn-xb OFFSET` and `@@cn-xe OFFSET RC`, lines prefixed `xOFFSET:`.
 * POSIX sh cannot slice `"$@"`, so each probe gets the remaining arguments and uses its first M.
 * The `fast` sources after the `python` marker all go to one `python3 -c PINGER_SCRIPT` process when
 * the host has python3 (and may nsenter); otherwise the loop simply goes on with them one by one.
 * On TERM or HUP it stops its process group (sshd makes the command a session leader).
 */
export const HOST_SCRIPT = [
  "k=$1 F=$2 Q=$3 Y=$4 c=$5 i=$6 w=$7 b=$8; shift 8",
  `trap 'trap "" TERM HUP; kill 0 2>/dev/null; exit 143' TERM HUP`,
  `printf '@@cn-host %s\\n' "$$"`,
  "N=0 A=0",
  '[ "$(id -u)" = 0 ] && command -v nsenter >/dev/null 2>&1 && N=1',
  "command -v awk >/dev/null 2>&1 && A=1",
  "P=0",
  '[ "$N" = 1 ] && command -v python3 >/dev/null 2>&1 && P=1',
  "NL='",
  "'",
  "j=0",
  'while [ "$#" -ge 1 ]; do',
  '  if [ "$1" = python ]; then',
  "    shift",
  '    [ "$P" = 1 ] || continue',
  '    python3 -c "$Y" "$c" "$i" "$w" "$@" &',
  "    break",
  "  fi",
  '  [ "$#" -ge 6 ] || exit 2',
  "  d=$1 s=$2 p=$3 h=$4 o=$5 m=$6; shift 6",
  '  [ "$m" -le "$#" ] || exit 2',
  '  if [ "$d" != exec ]; then',
  "    l=",
  '    [ "$N" = 1 ] && read -r l 2>/dev/null <"/proc/$p/cgroup"',
  '    [ "$h" = host ] && l=',
  '    case "$l" in *"$h"*) ;; *) d=exec ;; esac',
  '    [ "$d" = fast ] && [ "$A" = 0 ] && d=framed',
  "  fi",
  `  printf '@@cn-mode %s %s\n' "$o" "$d"`,
  "  (",
  '    case "$d" in',
  '      exec) e=$(docker exec "$s" sh -c "$F" sh "$c" "$i" "$w" "$b" "$o" "$m" "$@" 2>&1 >&3) ;;',
  '      framed) e=$(nsenter --net="/proc/$p/ns/net" -- sh -c "$F" sh "$c" "$i" "$w" "$b" "$o" "$m" "$@" 2>&1 >&3) ;;',
  `      fast) e=$( { nsenter --net="/proc/$p/ns/net" -- sh -c "$Q" sh "$c" "$i" "$w" "$o" "$m" "$@" | awk -v o="$o" '{ print "f" o ":" $0; fflush() }' >&3; } 2>&1) ;;`,
  "    esac",
  "    r=$?",
  '    f="@@cn-xb $o$NL"',
  '    [ -n "$e" ] && e="$e$NL"',
  '    while [ -n "$e" ]; do f="${f}x$o:${e%%"$NL"*}$NL"; e=${e#*"$NL"}; done',
  `    printf '%s@@cn-xe %s %s\n' "$f" "$o" "$r"`,
  "  ) 3>&1 &",
  "  j=$((j+1))",
  '  if [ "$j" -ge "$k" ]; then wait; j=0; fi',
  '  shift "$m"',
  "done",
  "wait",
  "",
].join("\n");

/**
 * Stops a host run: `sh -c STOP_SCRIPT sh HOSTPID SRC PID SRC PID …` sends TERM to the host script
 * (which stops its process group: every ping it started on the host) and to each probe script
 * running inside a container (docker exec'd processes are not in that group), all at once.
 */
export const STOP_SCRIPT = [
  'kill -TERM "$1" 2>/dev/null',
  "shift",
  'while [ "$#" -ge 2 ]; do',
  '  docker exec "$1" kill -TERM "$2" >/dev/null 2>&1 &',
  "  shift 2",
  "done",
  "wait",
  "",
].join("\n");

/**
 * The id a source group carries when the source is a host itself (`host:NAME`): the host script and
 * the pinger then stay in the host's own network namespace instead of entering a container's.
 */
export const HOST_SOURCE_ID = "host";

/** What a probe script reported about itself on its first line. */
export type ProbeHeader = {
  pid: number;
  /** The image's ping is iputils (takes `-n`); otherwise busybox's. */
  iputils: boolean;
  /** The image's `timeout`, which bounds each ping: none, busybox's, or coreutils' (`--foreground`). */
  timeout: "none" | "busybox" | "coreutils";
};

/** One source container's part of a host run: its targets get indexes OFFSET+1 … OFFSET+M. */
export type SourceBatch = {
  container: string;
  mode: ProbeMode;
  /** For `fast`/`framed`: the container's main PID and full id, as Docker reported them. */
  pid?: number;
  id?: string;
  offset: number;
  targets: readonly string[];
};

/** The argv run on one host for all its sources: `sh -c HOST_SCRIPT sh …` (fast sources last, after `python`). */
export function hostProbeArgv(settings: ProbeSettings, parallel: number, sources: readonly SourceBatch[]): string[] {
  const argv = [
    "sh",
    "-c",
    HOST_SCRIPT,
    "sh",
    String(parallel),
    PROBE_SCRIPT,
    FAST_SCRIPT,
    PINGER_SCRIPT,
    ...settingArgs(settings),
  ];
  const groups = sources.map(({ container, mode, pid, id, offset, targets }) => {
    for (const value of [container, ...targets])
      if (value.startsWith("-") || value.length === 0)
        throw new Error(`refusing probe argument '${value.slice(0, 40)}'`);
    const inNetns =
      mode !== "exec" &&
      pid !== undefined &&
      id !== undefined &&
      (/^[0-9a-f]{12,64}$/.test(id) || id === HOST_SOURCE_ID);
    const group = [
      inNetns ? (mode === "py" ? "fast" : mode) : "exec",
      container,
      inNetns ? String(pid) : "0",
      inNetns ? id : "none",
      String(offset),
      String(targets.length),
      ...targets,
    ];
    return { fast: group[0] === "fast", group };
  });
  for (const { fast, group } of groups) if (!fast) argv.push(...group);
  if (groups.some(({ fast }) => fast)) argv.push("python");
  for (const { fast, group } of groups) if (fast) argv.push(...group);
  return argv;
}

/** The argv that stops a host run: its host script's PID, then the probe scripts inside containers. */
export function stopArgv(hostPid: number, inContainers: readonly { container: string; pid: number }[]): string[] {
  return [
    "sh",
    "-c",
    STOP_SCRIPT,
    "sh",
    String(hostPid),
    ...inContainers.flatMap(({ container, pid }) => [container, String(pid)]),
  ];
}

/** The ping argv a probe script runs for one target, as its header says it built it. */
export function pingArgv(
  settings: ProbeSettings,
  header: Pick<ProbeHeader, "iputils" | "timeout">,
  target: string,
  quiet = false,
): string[] {
  const [count, interval, deadline, bound] = settingArgs(settings);
  const ping = ["ping", "-4", ...(quiet && header.iputils ? ["-n"] : []), ...(quiet ? ["-q"] : [])];
  ping.push("-c", count, "-i", interval, "-W", deadline, "-w", deadline);
  if (header.iputils && !quiet) ping.push("-n");
  const bounded = { none: [], busybox: ["timeout", bound], coreutils: ["timeout", "--foreground", bound] }[
    header.timeout
  ];
  return [...bounded, ...ping, "--", target];
}

/**
 * The per-pair command as a person would type it on the source's host, for each mode (for `py`,
 * `$CROSSNET_PINGER` stands for PINGER_SCRIPT's text).
 */
export function pairCommand(
  settings: ProbeSettings,
  source: Pick<SourceBatch, "container" | "mode" | "pid" | "id">,
  header: Pick<ProbeHeader, "iputils" | "timeout">,
  target: string,
): string {
  if (source.mode === "exec")
    return displayCommand(["docker", "exec", source.container, ...pingArgv(settings, header, target)]);
  if (source.mode === "py") {
    const [count, interval, deadline] = settingArgs(settings);
    const group = ["fast", source.container, String(source.pid ?? 0), source.id ?? "none", "0", "1", target];
    return `python3 -c "$CROSSNET_PINGER" ${displayCommand([count, interval, deadline, ...group])}`;
  }
  const netns = ["nsenter", `--net=/proc/${source.pid ?? 0}/ns/net`, "--"];
  return displayCommand([...netns, ...pingArgv(settings, header, target, source.mode === "fast")]);
}

/** An argv as a person would type it: quoted only where a shell needs it. */
export function displayCommand(argv: readonly string[]): string {
  return quoteArgv(argv).replace(/'([A-Za-z0-9_.:/=@%+-]+)'/g, "$1");
}

function settingArgs(settings: ProbeSettings): [string, string, string, string] {
  return [
    String(settings.count),
    String(Number(settings.intervalS.toFixed(3))),
    String(settings.deadlineS),
    String(wallBoundS(settings)),
  ];
}
