import type { FuzzEngine } from "../lib/topology/testing/design-arbitrary";

/** What `npm run fuzz:lab -- …` was asked to do. */
export type FuzzArgs = {
  runs: number;
  seed: number;
  docker: FuzzEngine;
  /** Run only this design of the seed (0-based), to replay a failure. */
  only?: number;
  keepGoing: boolean;
  /** Print the designs as YAML and stop: no lab. */
  print: boolean;
  maxContainers: number;
  /** Where the JSON summary goes. */
  out: string;
};

export const FUZZ_USAGE =
  "usage: npm run fuzz:lab -- [--runs N] [--seed S] [--docker 20.10|26] [--only I] [--max-containers M] [--keep-going] [--print] [--out FILE]";

/**
 * Parses the runner's arguments. Defaults: 10 runs, a seed from the clock (printed, so the run can be
 * replayed), Docker 20.10, at most 8 containers, stop at the first mismatch, data/fuzz/latest.json.
 * @throws Error naming the argument and the values it takes.
 */
export function parseFuzzArgs(argv: string[], now: () => number = Date.now): FuzzArgs {
  const args: FuzzArgs = {
    runs: 10,
    seed: now() % 2_147_483_647,
    docker: "20.10",
    keepGoing: false,
    print: false,
    maxContainers: 8,
    out: "data/fuzz/latest.json",
  };
  const whole = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (value === undefined || !/^-?[0-9]+$/.test(value) || n < min || n > max)
      throw new Error(`${flag} takes a whole number from ${min} to ${max}, not ${value ?? "nothing"}\n${FUZZ_USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case "--runs":
        args.runs = whole(flag, value, 1, 10_000);
        i++;
        break;
      case "--seed":
        args.seed = whole(flag, value, -2_147_483_648, 2_147_483_647);
        i++;
        break;
      case "--only":
        args.only = whole(flag, value, 0, 9_999);
        i++;
        break;
      case "--max-containers":
        args.maxContainers = whole(flag, value, 2, 12);
        i++;
        break;
      case "--docker":
        if (value !== "20.10" && value !== "26")
          throw new Error(`--docker takes 20.10 or 26, not ${value ?? "nothing"}\n${FUZZ_USAGE}`);
        args.docker = value;
        i++;
        break;
      case "--keep-going":
        args.keepGoing = true;
        break;
      case "--print":
        args.print = true;
        break;
      case "--out":
        if (!value) throw new Error(`--out takes a file path\n${FUZZ_USAGE}`);
        args.out = value;
        i++;
        break;
      default:
        throw new Error(`unknown argument ${flag}\n${FUZZ_USAGE}`);
    }
  }
  if (args.only !== undefined && args.only >= args.runs) args.runs = args.only + 1;
  return args;
}
