/** Values a UI string takes, by name: `{name}` in the template. */
export type UiValues = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays as written (a test catches it). */
export function formatUi(template: string, values: UiValues = {}): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}

/** The `{name}` placeholders of a template, sorted. */
export function uiPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((match) => match[1] ?? "").sort();
}
