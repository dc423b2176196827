import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forwardAcceptSpec, natReturnSpec } from "../plan/commands";
import { parseIptables } from "./parse-iptables";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");

describe("parseIptables", () => {
  it("returns only Crossnet's rules, unquoted, equal to the specs the planner builds", () => {
    const filter = parseIptables(fixture("scratch-iptables-docker-user.out"), "filter", "DOCKER-USER");
    expect(filter).toEqual([
      { table: "filter", chain: "DOCKER-USER", spec: forwardAcceptSpec("ens33", "br_net", "bridge-routed") },
    ]);
    const nat = parseIptables(fixture("scratch-iptables-nat-postrouting.out"), "nat", "POSTROUTING");
    expect(nat).toEqual([
      { table: "nat", chain: "POSTROUTING", spec: natReturnSpec("172.17.1.0/24", "172.17.2.0/24", "bridge-routed") },
    ]);
  });

  it("unescapes quoted words and drops broken or foreign lines", () => {
    const text = [
      '-A DOCKER-USER -m comment --comment "crossnet.topology=a \\"b\\"" -j ACCEPT',
      '-A DOCKER-USER -m comment --comment "crossnet.unterminated -j ACCEPT',
      "-A OTHER -m comment --comment crossnet.topology=x -j ACCEPT",
      "-A DOCKER-USER -j RETURN",
    ].join("\n");
    expect(parseIptables(text, "filter", "DOCKER-USER")).toEqual([
      {
        table: "filter",
        chain: "DOCKER-USER",
        spec: ["-m", "comment", "--comment", 'crossnet.topology=a "b"', "-j", "ACCEPT"],
      },
    ]);
  });
});

it("a NAT exemption below Docker's MASQUERADE for the same source is marked shadowed", () => {
  const text = [
    "-P POSTROUTING ACCEPT",
    "-A POSTROUTING -s 172.20.2.0/24 ! -o br_net -j MASQUERADE",
    '-A POSTROUTING -s 172.20.2.0/24 -d 172.20.1.0/24 -m comment --comment "crossnet.topology=bridge-routed" -j RETURN',
    "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
  ].join("\n");
  expect(parseIptables(text, "nat", "POSTROUTING")).toEqual([
    {
      table: "nat",
      chain: "POSTROUTING",
      spec: [
        "-s",
        "172.20.2.0/24",
        "-d",
        "172.20.1.0/24",
        "-m",
        "comment",
        "--comment",
        "crossnet.topology=bridge-routed",
        "-j",
        "RETURN",
      ],
      shadowed: true,
    },
  ]);
});
