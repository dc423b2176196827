import { type Text, t } from "../i18n/text";
import type { LabEvent } from "../lab/lifecycle/events";

/** One line of a lab bring-up or teardown as shown live. */
export type LabLogLine = {
  key: string;
  host: string | null;
  text: string;
  /** `text` as a translatable Text, when it is a sentence (step names are the lab's own words). */
  localized?: Text;
  durationMs: number | null;
  done: boolean;
};

/** How a lab run ended. */
export type LabResultView = {
  action: "up" | "down";
  ok: boolean;
  /** One line for people: what was built or removed, or what went wrong and how to fix it. */
  message: string;
  /** `message` as a translatable Text, when Crossnet wrote it (a lab error is the lab's own). */
  messageText?: Text;
  /** The inventory registered for a lab brought up, by id. */
  inventoryId: string | null;
};

/** The live log of a lab run: hosts being built, each finished step, and the result. */
export type LabLog = { lab: string | null; hosts: string[]; lines: LabLogLine[]; result: LabResultView | null };

export const EMPTY_LAB_LOG: LabLog = { lab: null, hosts: [], lines: [], result: null };

/** Most lines kept (a teardown of a large lab has many steps). */
const LINES_MAX = 500;

/**
 * Folds one lib/lab progress event into the log (pure). Teardown steps that removed nothing are
 * left out, as the CLI does.
 */
export function reduceLabLog(log: LabLog, event: LabEvent): LabLog {
  const add = (line: Omit<LabLogLine, "key">) => ({
    ...log,
    lines: [...log.lines, { ...line, key: `${log.lines.length}` }].slice(-LINES_MAX),
  });
  switch (event.type) {
    case "lab-started":
      return {
        ...add({
          host: null,
          ...said(t`building lab '${event.lab}': ${event.hosts.join(", ")}`),
          durationMs: null,
          done: false,
        }),
        lab: event.lab,
        hosts: event.hosts,
      };
    case "host-started":
      return add({ host: event.host, ...said(t`starting`), durationMs: null, done: false });
    case "step":
      return add({ host: event.host, text: event.step, durationMs: event.durationMs, done: true });
    case "host-done":
      return add({ host: event.host, ...said(t`ready`), durationMs: event.durationMs, done: true });
    case "done":
      return add({
        host: null,
        ...said(t`inventory written to ${event.inventoryPath}`),
        durationMs: event.durationMs,
        done: true,
      });
    case "down-step":
      return event.removed > 0
        ? add({
            host: null,
            ...said(t`${event.step}: ${event.removed} removed`),
            durationMs: event.durationMs,
            done: true,
          })
        : log;
  }
}

function said(text: Text): { text: string; localized: Text } {
  return { text: text.en, localized: text };
}

export function finishLabLog(log: LabLog, result: LabResultView): LabLog {
  return { ...log, result };
}
