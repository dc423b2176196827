import { describe, expect, it } from "vitest";
import { parseFuzzArgs } from "./args";

describe("fuzz:lab arguments", () => {
  it("default to 10 runs on Docker 20.10 with a seed from the clock, stopping at the first mismatch", () => {
    expect(parseFuzzArgs([], () => 1234)).toEqual({
      runs: 10,
      seed: 1234,
      docker: "20.10",
      keepGoing: false,
      print: false,
      maxContainers: 8,
      out: "data/fuzz/latest.json",
    });
  });

  it("read runs, seed, engine, keep-going and a design to replay", () => {
    expect(
      parseFuzzArgs(["--runs", "20", "--seed", "-7", "--docker", "26", "--keep-going", "--only", "3"]),
    ).toMatchObject({ runs: 20, seed: -7, docker: "26", keepGoing: true, only: 3 });
  });

  it("widen runs so that --only names a design of the seed", () => {
    expect(parseFuzzArgs(["--seed", "5", "--only", "14"])).toMatchObject({ runs: 15, only: 14 });
  });

  it("refuse an engine the lab does not have, naming the values it takes", () => {
    expect(() => parseFuzzArgs(["--docker", "24"])).toThrow("--docker takes 20.10 or 26, not 24");
  });

  it("refuse a run count that is not a whole number in range", () => {
    expect(() => parseFuzzArgs(["--runs", "0"])).toThrow("--runs takes a whole number from 1 to 10000, not 0");
    expect(() => parseFuzzArgs(["--runs", "2.5"])).toThrow("not 2.5");
    expect(() => parseFuzzArgs(["--seed"])).toThrow("not nothing");
  });

  it("refuse an unknown argument", () => {
    expect(() => parseFuzzArgs(["--run", "3"])).toThrow("unknown argument --run");
  });
});
