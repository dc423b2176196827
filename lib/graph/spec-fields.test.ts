import { describe, expect, it } from "vitest";
import { SPEC_FIELDS, specPlaceholder } from "./spec-fields";

const field = (key: string) => {
  const found = SPEC_FIELDS.macvlan.find((f) => f.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe("inspector placeholders", () => {
  it("suggests a gateway and IP range from the network's own subnet", () => {
    expect(specPlaceholder(field("gateway"), { subnet: "172.16.12.0/24" })).toBe("172.16.12.1");
    expect(specPlaceholder(field("ip_range"), { subnet: "172.16.12.0/24" })).toBe("172.16.12.128/25");
    expect(specPlaceholder(field("ip_range"), { subnet: "10.8.0.0/16" })).toBe("10.8.128.0/17");
  });

  it("suggests no gateway or range before the network has a subnet", () => {
    expect(specPlaceholder(field("ip_range"), {})).toBeUndefined();
    expect(specPlaceholder(field("gateway"), { subnet: "nonsense" })).toBeUndefined();
    expect(specPlaceholder(field("subnet"), {})).toBe("172.16.11.0/24");
  });
});
