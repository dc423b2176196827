import { describe, expect, it } from "vitest";
import { ContainerName, Endpoint, RecordId } from "./inputs";

describe("action inputs take exactly the names a design may have", () => {
  it("accepts a 128-character container name (the design's limit), refuses 129", () => {
    expect(ContainerName.safeParse(`c${"x".repeat(127)}`).success).toBe(true);
    expect(ContainerName.safeParse(`c${"x".repeat(128)}`).success).toBe(false);
  });

  it("refuses a name a command would read as an option, and one with a space", () => {
    expect(ContainerName.safeParse("-rf").success).toBe(false);
    expect(ContainerName.safeParse("a b").success).toBe(false);
  });

  it("takes a design host as an endpoint only as host:NAME with a valid host name", () => {
    expect(Endpoint.safeParse("host:node-1").success).toBe(true);
    expect(Endpoint.safeParse("host:node_1").success).toBe(false);
    expect(Endpoint.safeParse("bbox-1").success).toBe(true);
  });

  it("takes a record id only as a UUID", () => {
    expect(RecordId.safeParse("7f1c9a52-3b8e-4c61-9d7a-2e5f0b4c8a11").success).toBe(true);
    expect(RecordId.safeParse("1; drop table").success).toBe(false);
  });
});
