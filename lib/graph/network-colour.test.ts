import { describe, expect, it } from "vitest";
import { NETWORK_COLOURS, networkColour, networkColourSlots } from "./network-colour";

describe("network colours", () => {
  it("gives the first eight networks eight different colours, by their order in the design", () => {
    const names = Array.from({ length: NETWORK_COLOURS }, (_, i) => `net${i}`);
    const slots = networkColourSlots(names);
    expect(new Set(slots.values()).size).toBe(NETWORK_COLOURS);
    expect(slots.get("net0")).toBe(0);
    expect(slots.get("net7")).toBe(7);
  });

  it("is deterministic and wraps past the palette", () => {
    const names = Array.from({ length: 10 }, (_, i) => `n${i}`);
    expect(networkColourSlots(names)).toEqual(networkColourSlots([...names]));
    expect(networkColourSlots(names).get("n8")).toBe(0);
  });

  it("names a theme variable, and the muted colour for an unknown network", () => {
    expect(networkColour(3)).toBe("var(--net-3)");
    expect(networkColour(undefined)).toBe("var(--muted)");
  });
});
