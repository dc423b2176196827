/** Shared class lists for the plain controls of the dashboard (every feature uses these; none keeps its own). */
export const buttonClass =
  "inline-flex items-center gap-1 rounded-md border border-border bg-panel px-3 py-1.5 text-sm font-medium hover:bg-panel-2 disabled:opacity-50";
export const primaryButtonClass =
  "inline-flex items-center gap-1 rounded-md border border-accent bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50";
export const dangerButtonClass =
  "inline-flex items-center gap-1 rounded-md border border-danger px-3 py-1.5 text-sm font-medium text-danger hover:bg-panel-2";
export const inputClass =
  "w-full rounded-md border border-border bg-bg px-2 py-1.5 text-sm text-fg placeholder:text-muted aria-[invalid=true]:border-danger";

/** The compact variants, for toolbars, rows and run views. */
export const smallButtonClass =
  "inline-flex items-center gap-1 rounded-md border border-border bg-panel px-2 py-1 text-xs font-medium hover:bg-panel-2 disabled:opacity-40";
export const smallPrimaryClass =
  "inline-flex items-center gap-1 rounded-md border border-accent bg-accent px-2.5 py-1 text-xs font-semibold text-accent-fg hover:opacity-90 disabled:opacity-40";
export const smallDangerClass =
  "inline-flex items-center gap-1 rounded-md border border-danger px-2.5 py-1 text-xs font-semibold text-danger hover:bg-panel-2 disabled:opacity-40";
export const codeBlockClass =
  "overflow-auto whitespace-pre-wrap break-all rounded border border-border bg-bg p-1.5 font-mono text-[11px] leading-4";
