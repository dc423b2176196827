import { expect, it } from "vitest";
import { checkTopologyText } from "./check";
import { serializeTopology } from "./serialize";
import { example } from "./testing/text";

it("the macvlan no-DNS hint uses the design's own containers and address, not a stock example", () => {
  const topology = example("macvlan-8021q.yaml");
  const { issues } = checkTopologyText(serializeTopology(topology));
  const hints = issues.filter((issue) => issue.code === "macvlan-no-dns-across-hosts").map((issue) => issue.hint.en);
  expect(hints).toEqual([
    expect.stringContaining("from bbox-11, ping 172.16.11.12 works, ping bbox-21 says 'bad address'"),
    expect.stringContaining("from bbox-12, ping 172.16.12.12 works, ping bbox-22 says 'bad address'"),
  ]);
  expect(hints.join(" ")).not.toContain("10.0.0.12");
});
