/** Text and attribute values for an SVG document written as a string: every markup character escaped. */
export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Light-theme colours for exported pictures (slides and reports print on white). */
export const EXPORT_COLOURS = {
  background: "#ffffff",
  fg: "#16191f",
  muted: "#5a6270",
  border: "#d3d8e0",
  panel: "#eef1f5",
  pass: "#0072b2",
  fail: "#d55e00",
  networks: ["#0072b2", "#c44e00", "#007a5a", "#a8468a", "#8a6a00", "#6b4ea0", "#8c5a2b", "#4f5b6a"],
} as const;
