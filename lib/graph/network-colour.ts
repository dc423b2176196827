/**
 * One colour per network, used on its node, its edges and its matrix header, so a reader follows a
 * network across the drawing and the results. The palette is colour-blind safe (after Okabe–Ito)
 * with a light and a dark variant of each hue (CSS variables `--net-0` … `--net-7` in
 * app/globals.css); this module only decides which slot each network gets.
 */

/** How many distinct network colours there are; the ninth network reuses the first colour. */
export const NETWORK_COLOURS = 8;

/**
 * The colour slot of each network, by its place in the design (the order of `names`): deterministic,
 * and the first eight networks are always told apart. Pure.
 */
export function networkColourSlots(names: readonly string[]): Map<string, number> {
  const slots = new Map<string, number>();
  for (const name of names) if (!slots.has(name)) slots.set(name, slots.size % NETWORK_COLOURS);
  return slots;
}

/** The CSS colour of a slot (follows the theme). */
export function networkColour(slot: number | undefined): string {
  return slot === undefined ? "var(--muted)" : `var(--net-${slot % NETWORK_COLOURS})`;
}
