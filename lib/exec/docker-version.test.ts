import { describe, expect, it } from "vitest";
import { FALLBACK_DOCKER_API_VERSION, MAX_DOCKER_API_VERSION, negotiateApiVersion } from "./docker";

describe("Docker API version negotiation", () => {
  it("speaks the daemon's API version up to the newest Crossnet knows", () => {
    expect(negotiateApiVersion({ Version: "20.10.24+dfsg1", ApiVersion: "1.41" })).toBe("1.41");
    expect(negotiateApiVersion({ Version: "26.1.5+dfsg1", ApiVersion: "1.45" })).toBe("1.45");
    expect(negotiateApiVersion({ Version: "28.2.2", ApiVersion: "1.50" })).toBe(MAX_DOCKER_API_VERSION);
    expect(negotiateApiVersion({ ApiVersion: "1.9" })).toBe("1.9");
  });

  it("falls back to 20.10's API when the daemon names no well-formed version", () => {
    for (const raw of [
      undefined,
      null,
      [],
      {},
      { ApiVersion: 1.45 },
      { ApiVersion: "v1.45" },
      { ApiVersion: "1.45/x" },
    ]) {
      expect(negotiateApiVersion(raw)).toBe(FALLBACK_DOCKER_API_VERSION);
    }
  });
});
