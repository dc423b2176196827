import "server-only";
import type { ProbeHeader, ProbeMode } from "./probe-script";

/** What a host run's output says, item by item (see `HOST_SCRIPT`, `PROBE_SCRIPT`, `FAST_SCRIPT`). */
export type HostRunItem =
  /** The host script started, with this PID on the host. */
  | { kind: "host"; pid: number }
  /** The mode the host chose for the source whose targets start after `offset`. */
  | { kind: "mode"; offset: number; mode: ProbeMode }
  /** That source's probe script started. */
  | { kind: "header"; offset: number; header: ProbeHeader }
  /** One target's ping finished: `index` is the target's global index (offset + position). */
  | { kind: "frame"; index: number; exitCode: number; text: string }
  /** A source's probe ended, with its exit status and what it wrote on stderr. */
  | { kind: "exec-end"; offset: number; exitCode: number; stderr: string };

/** The sources of one host run: each one's offset and targets, as passed to `hostProbeArgv`. */
export type ReaderSources = readonly { offset: number; targets: readonly string[] }[];

const HOST = /^@@cn-host (\d{1,10})$/;
const MODE = /^@@cn-mode (\d{1,9}) (py|fast|framed|exec)$/;
const HEADER = /^@@cn-pid (\d{1,9}) (\d{1,10}) ([01]) ([012])$/;
const TIMEOUTS = ["none", "busybox", "coreutils"] as const;
const BEGIN = /^@@cn-b (\d{1,9})$/;
const BODY = /^(\d{1,9}):/;
const END = /^@@cn-e (\d{1,9}) (\d{1,3})$/;
const EXEC_BEGIN = /^@@cn-xb (\d{1,9})$/;
const EXEC_BODY = /^x(\d{1,9}):/;
const EXEC_END = /^@@cn-xe (\d{1,9}) (\d{1,3})$/;
const FAST = /^f(\d{1,9}):/;
const FAST_RC = /^@@cn-r (\d{1,9}) (\d{1,3})$/;
const STATS_LINE = /^(\d{1,9} packets transmitted|round-trip |rtt |pipe \d)/;

/** Per fast source: each target's lines so far, and the target whose statistics block is being read. */
type FastSource = { byTarget: Map<string, string[]>; current?: string[] };

/**
 * Reads a host run's stdout as it streams in and yields each item as soon as its last line
 * arrives. Lines of different targets and sources may interleave (whole lines only). Only the
 * given sources' indexes and offsets are accepted, each once; anything else (stray lines, a frame
 * that never opened, a second frame for a target) is dropped, so a target simply has no result.
 * A fast source's results are put together from the lines that name their target, and yielded when
 * the target's exit status arrives. Bounded: a partial line keeps at most `maxLineBytes`, a result
 * at most `maxFrameLines` lines.
 */
export class HostFrameReader {
  private partial = "";
  private readonly offsets: Map<number, readonly string[]>;
  private readonly fast = new Map<number, FastSource>();
  private readonly open = new Map<number, string[]>();
  private readonly openExec = new Map<number, string[]>();
  private readonly done = new Set<number>();
  private readonly seen = new Set<string>();

  constructor(
    sources: ReaderSources,
    private readonly limits = { maxLineBytes: 4096, maxFrameLines: 200 },
  ) {
    this.offsets = new Map(sources.map((source) => [source.offset, source.targets]));
  }

  /** Feeds a chunk of stdout; returns the items it completed, in order. */
  push(chunk: string): HostRunItem[] {
    const lines = (this.partial + chunk).split("\n");
    this.partial = (lines.pop() ?? "").slice(0, this.limits.maxLineBytes);
    const items: HostRunItem[] = [];
    for (const line of lines) {
      const item = this.line(line);
      if (item) items.push(item);
    }
    return items;
  }

  /** True once a result arrived for the target with this global index. */
  has(index: number): boolean {
    return this.done.has(index);
  }

  private sourceOf(index: number): { offset: number; targets: readonly string[] } | undefined {
    for (const [offset, targets] of this.offsets)
      if (index > offset && index <= offset + targets.length) return { offset, targets };
    return undefined;
  }

  private once(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  private line(line: string): HostRunItem | undefined {
    const fast = FAST.exec(line);
    if (fast) return this.fastLine(Number(fast[1]), line.slice(fast[0].length));
    const body = BODY.exec(line);
    if (body) {
      append(this.open.get(Number(body[1])), line.slice(body[0].length), this.limits.maxFrameLines);
      return undefined;
    }
    const execBody = EXEC_BODY.exec(line);
    if (execBody) {
      append(this.openExec.get(Number(execBody[1])), line.slice(execBody[0].length), this.limits.maxFrameLines);
      return undefined;
    }
    const begin = BEGIN.exec(line);
    if (begin) {
      const index = Number(begin[1]);
      if (this.sourceOf(index) && !this.done.has(index)) this.open.set(index, []);
      return undefined;
    }
    const end = END.exec(line);
    if (end) {
      const index = Number(end[1]);
      const lines = this.open.get(index);
      if (!lines) return undefined;
      this.open.delete(index);
      this.done.add(index);
      return { kind: "frame", index, exitCode: Number(end[2]), text: textOf(lines) };
    }
    const header = this.header(line);
    if (header) return header;
    const host = HOST.exec(line);
    if (host && this.once("host")) return { kind: "host", pid: Number(host[1]) };
    const mode = MODE.exec(line);
    if (mode) {
      const offset = Number(mode[1]);
      if (!this.offsets.has(offset) || !this.once(`mode ${offset}`)) return undefined;
      const kind = mode[2] as ProbeMode;
      if (kind === "fast") this.fast.set(offset, { byTarget: new Map() });
      return { kind: "mode", offset, mode: kind };
    }
    const execBegin = EXEC_BEGIN.exec(line);
    if (execBegin) {
      const offset = Number(execBegin[1]);
      if (this.offsets.has(offset) && !this.seen.has(`end ${offset}`)) this.openExec.set(offset, []);
      return undefined;
    }
    const execEnd = EXEC_END.exec(line);
    if (execEnd) {
      const offset = Number(execEnd[1]);
      const lines = this.openExec.get(offset);
      if (!lines || !this.once(`end ${offset}`)) return undefined;
      this.openExec.delete(offset);
      return { kind: "exec-end", offset, exitCode: Number(execEnd[2]), stderr: lines.join("\n") };
    }
    return undefined;
  }

  private header(line: string): HostRunItem | undefined {
    const header = HEADER.exec(line);
    if (!header) return undefined;
    const offset = Number(header[1]);
    if (!this.offsets.has(offset) || !this.once(`header ${offset}`)) return undefined;
    const timeout = TIMEOUTS[Number(header[4])] ?? "none";
    return { kind: "header", offset, header: { pid: Number(header[2]), iputils: header[3] === "1", timeout } };
  }

  /** One line a fast source printed (the host prefixed it with `fOFFSET:`). */
  private fastLine(offset: number, line: string): HostRunItem | undefined {
    const source = this.fast.get(offset);
    const targets = this.offsets.get(offset);
    if (!source || !targets) return undefined;
    if (line.startsWith("@@cn-pid ")) {
      source.current = undefined;
      return this.header(line);
    }
    const rc = FAST_RC.exec(line);
    if (rc) {
      source.current = undefined;
      const index = Number(rc[1]);
      const target = targets[index - offset - 1];
      if (target === undefined || this.done.has(index)) return undefined;
      this.done.add(index);
      const lines = source.byTarget.get(target) ?? [];
      return { kind: "frame", index, exitCode: Number(rc[2]), text: lines.join("\n") };
    }
    if (source.current && STATS_LINE.test(line)) {
      append(source.current, line, this.limits.maxFrameLines);
      return undefined;
    }
    source.current = undefined;
    const named = /^PING (\S{1,253}) \(/.exec(line) ?? /^--- (\S{1,253}) ping statistics ---$/.exec(line);
    if (!named?.[1] || !targets.includes(named[1])) return undefined;
    const lines = source.byTarget.get(named[1]) ?? [];
    source.byTarget.set(named[1], lines);
    if (line.startsWith("--- ")) {
      append(lines, "", this.limits.maxFrameLines);
      source.current = lines;
    }
    append(lines, line, this.limits.maxFrameLines);
    return undefined;
  }
}

function append(lines: string[] | undefined, line: string, max: number): void {
  if (lines && lines.length < max) lines.push(line);
}

/** An empty output still prints one (empty) line. */
function textOf(lines: string[]): string {
  return lines.length === 1 && lines[0] === "" ? "" : lines.join("\n");
}
