import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFilter, checkFilterExpression, checkPointIds } from "./filter";

/**
 * A hostile filter or point id is refused before anything runs: the filter grammar accepts only BPF
 * keywords, numbers, IPv4/MAC addresses, parentheses and boolean operators; point ids must be one of
 * the design's. Property tests over generated hostile strings, as for the design's fields.
 */

const HOSTILE = [
  "icmp; touch /tmp/pwned",
  "$(id)",
  "`id`",
  "-w /etc/passwd",
  "icmp\nid",
  "icmp\u0000",
  "ether[0] = 1",
  "icmp' or '1",
  'icmp" or "1',
  "icmp | nc 1.2.3.4 1",
  "icmp && $HOME",
  "icmp > /tmp/x",
  "icmp\\",
  "\u202eicmp",
  "\u001b[2Jicmp",
  "-Z root",
  "--help",
  "udp port 4789 or (",
  "or icmp",
  "icmp and",
];

/** True when `text` holds a control character or a bidirectional override (unsafe on a terminal). */
const hasControl = (text: string) =>
  [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
  });

const known = ["container:bbox-1", "node-1:ens33", "node-1:ens33.10", "wire", "wire:node-1"];
/** Characters a shell, tcpdump's option parser or a terminal would treat specially. */
const SPECIAL = [
  ";",
  "$",
  "`",
  "'",
  '"',
  "|",
  "&",
  ">",
  "<",
  "\\",
  "\n",
  "\r",
  "\u0000",
  "\u001b",
  "[",
  "]",
  "*",
  "=",
  "-",
];

describe("capture filters", () => {
  it.each(HOSTILE)("refuses the hostile filter %j with a message naming the filter", (filter) => {
    const problems = checkFilterExpression(filter);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.path).toBe("filter");
    for (const problem of problems) expect(hasControl(problem.message)).toBe(false);
  });

  it("refuses any filter holding a shell or option character, whatever surrounds it", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(...SPECIAL.filter((c) => c !== "-")),
        fc.string({ maxLength: 30 }),
        (before, special, after) => {
          expect(checkFilterExpression(`${before}${special}${after}`).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never accepts a filter that starts with '-' (tcpdump would read it as an option)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (rest) => {
        expect(checkFilterExpression(`-${rest}`).length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts the filters a student writes", () => {
    for (const filter of [
      "",
      "icmp",
      "vlan 10 and icmp",
      "udp port 4789",
      "host 10.0.0.2 and not arp",
      "(icmp or arp) or (vlan and (icmp or arp))",
      "ether host 02:42:ac:10:0b:0b",
      "net 172.16.11.0/24 && !tcp",
    ])
      expect(checkFilterExpression(filter), filter).toEqual([]);
  });

  it("builds a filter from fields, matching tagged frames too unless a VLAN is named", () => {
    expect(buildFilter({ proto: "icmp", host: "10.0.0.2" })).toEqual({
      filter: "(icmp and host 10.0.0.2) or (vlan and icmp and host 10.0.0.2)",
    });
    expect(buildFilter({ vlan: 20, proto: "icmp" })).toEqual({ filter: "vlan 20 and icmp" });
    expect(buildFilter({ proto: "udp", port: 4789 })).toEqual({
      filter: "(udp and port 4789) or (vlan and udp and port 4789)",
    });
    expect(buildFilter({})).toEqual({ filter: "" });
  });

  it("refuses fields out of range, naming each field", () => {
    const built = buildFilter({ host: "10.0.0.999; id", port: 70000, vlan: 4095, proto: "icmp" });
    expect("problems" in built && built.problems.map((p) => p.path)).toEqual(["host", "port", "vlan", "port"]);
  });

  it("every filter built from any field values is either refused or passes the grammar", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            host: fc.oneof(fc.ipV4(), fc.string({ maxLength: 20 })),
            proto: fc.constantFrom("icmp", "arp", "udp", "tcp", "ip", "ip6", "gre") as fc.Arbitrary<"icmp">,
            port: fc.integer({ min: -5, max: 70000 }),
            vlan: fc.integer({ min: -5, max: 5000 }),
          },
          { requiredKeys: [] },
        ),
        (fields) => {
          const built = buildFilter(fields);
          if ("filter" in built) expect(checkFilterExpression(built.filter)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("capture point ids", () => {
  it("accepts the design's points", () => {
    expect(checkPointIds(["wire", "container:bbox-1", "node-1:ens33.10"], known)).toEqual([]);
  });

  it("refuses any id that is not one of the design's points, with the field's index", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (id) => {
        fc.pre(!known.includes(id));
        const problems = checkPointIds([id], known);
        expect(problems).toHaveLength(1);
        expect(problems[0]?.path).toBe("at[0]");
        expect(hasControl(problems[0]?.message ?? "")).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses hostile ids before looking them up", () => {
    for (const id of ["node-1:ens33;id", "container:$(id)", "-i eth0", "node-1:", "wire:../x", "node-1:ens33 -w /x"])
      expect(checkPointIds([id], [...known, id])[0]?.message).toMatch(/is not a capture point id/);
  });

  it("refuses no point, too many points and a point given twice", () => {
    expect(checkPointIds([], known)[0]?.message).toMatch(/no capture point given/);
    expect(
      checkPointIds(
        Array.from({ length: 17 }, () => "wire"),
        known,
      )[0]?.message,
    ).toMatch(/at most 16/);
    expect(checkPointIds(["wire", "wire"], known)[0]?.message).toMatch(/given twice/);
  });

  it("says the wire exists only on the lab", () => {
    expect(checkPointIds(["wire"], ["node-1:ens33"])[0]?.message).toMatch(/only on the lab/);
  });
});
