import "server-only";
import { appendFileSync, readFileSync } from "node:fs";
import { LAB_JOURNAL } from "../paths";
import type { LabSpec } from "../spec/spec";

/**
 * One thing `labUp` is about to create, appended to the journal BEFORE it is created, so that
 * `labDown` knows about it even if the process is killed right after.
 */
export type JournalEntry =
  | { kind: "lab"; name: string; spec: LabSpec; inventoryPath: string; startedAt: string }
  | { kind: "dir"; path: string }
  | { kind: "private-mount"; path: string }
  | { kind: "netns"; name: string }
  | { kind: "link"; name: string }
  | { kind: "route"; type: "prohibit"; destination: string; metric: number }
  | { kind: "ns-file"; path: string }
  | { kind: "daemon"; host: string; daemon: string; pidFile: string }
  | { kind: "cgroup"; name: string }
  /** A machine-wide sysctl changed for the lab's life (see neigh-table.ts), with the value to put back. */
  | { kind: "sysctl"; path: string; previous: string }
  | { kind: "up"; at: string };

/** Appends one entry (a single `write` with O_APPEND: whole lines even with hosts built in parallel). */
export function recordIntent(entry: JournalEntry, journal = LAB_JOURNAL): void {
  appendFileSync(journal, `${JSON.stringify(entry)}\n`);
}

/** Entries of the journal; a torn last line (crash mid-write) is skipped. Empty when there is none. */
export function readJournal(journal = LAB_JOURNAL): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(journal, "utf8");
  } catch {
    return [];
  }
  const entries: JournalEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isJournalEntry(value)) entries.push(value);
    } catch {
      // a line cut short by a crash
    }
  }
  return entries;
}

function isJournalEntry(value: unknown): value is JournalEntry {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}
