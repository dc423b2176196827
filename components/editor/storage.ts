import type { Positions } from "@/lib/graph/types";

/** Browser-side keeps for one topology: node positions (the file format has none) and an unsaved draft. */

export type Draft = { document: string; base: string; at: number };

/** The `base` of a draft made by importing a file with errors: the editor opens it at once, as the design. */
export const IMPORTED = "\u0000imported";

const layoutKey = (id: string) => `crossnet:layout:${id}`;
const draftKey = (id: string) => `crossnet:draft:${id}`;
const viewKey = (id: string) => `crossnet:view:${id}`;

/** How this browser draws one topology: view options, never part of the design. */
export type ViewOptions = { bus: boolean };

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or unavailable: the server copy and autosave still protect the work
  }
}

function isPoint(value: unknown): value is { x: number; y: number } {
  return (
    typeof value === "object" &&
    value !== null &&
    Number.isFinite((value as { x?: unknown }).x) &&
    Number.isFinite((value as { y?: unknown }).y)
  );
}

export function loadPositions(id: string): Positions {
  const value = read(layoutKey(id));
  if (typeof value !== "object" || value === null) return {};
  const result: Positions = {};
  for (const [key, point] of Object.entries(value)) if (isPoint(point)) result[key] = { x: point.x, y: point.y };
  return result;
}

export function savePositions(id: string, positions: Positions): void {
  write(layoutKey(id), positions);
}

export function loadDraft(id: string): Draft | undefined {
  const value = read(draftKey(id));
  if (typeof value !== "object" || value === null) return undefined;
  const { document, base, at } = value as Record<string, unknown>;
  return typeof document === "string" && typeof base === "string" && typeof at === "number"
    ? { document, base, at }
    : undefined;
}

export function saveDraft(id: string, draft: Draft | undefined): void {
  write(draftKey(id), draft);
}

export function loadView(id: string): ViewOptions {
  const value = read(viewKey(id));
  return { bus: typeof value === "object" && value !== null && (value as { bus?: unknown }).bus === true };
}

export function saveView(id: string, view: ViewOptions): void {
  write(viewKey(id), view);
}
