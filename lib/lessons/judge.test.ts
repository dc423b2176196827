import { expect, it } from "vitest";
import { expectMatrix } from "../expect/expect";
import { expectedOutcome, judgePrediction, outcomeOfCell } from "./judge";
import { example } from "./testing/designs";

const cell = (over: Partial<{ actual: "reach" | "blocked" | "error"; by: "ip" | "name"; error: string | null }>) => ({
  actual: "blocked" as const,
  by: "ip" as const,
  error: null,
  ...over,
});

it("a ping's outcome: replies are reach; a name that does not resolve is bad address; anything else is blocked", () => {
  expect(outcomeOfCell(cell({ actual: "reach" }))).toBe("reach");
  expect(outcomeOfCell(cell({ by: "name", error: "ping: bad address 'bbox-2'" }))).toBe("bad-address");
  expect(outcomeOfCell(cell({ by: "name", error: "ping: bbox-2: Name or service not known" }))).toBe("bad-address");
  expect(outcomeOfCell(cell({ by: "name" }))).toBe("blocked");
  expect(outcomeOfCell(cell({ error: "ping: sendto: Network is unreachable" }))).toBe("blocked");
  expect(outcomeOfCell(cell({ actual: "error", error: "container bbox-2 is not running" }))).toBe("blocked");
});

it("the design's outcome: by name where Docker's DNS does not know the target is bad address", () => {
  const pairs = expectMatrix(example("macvlan")).pairs;
  const of = (by: "ip" | "name") => pairs.find((pair) => pair.from === "bbox-1" && pair.by === by);
  expect(expectedOutcome(of("ip") ?? pairs[0]!)).toBe("reach");
  expect(expectedOutcome(of("name") ?? pairs[0]!)).toBe("bad-address");
  const vlans = expectMatrix(example("macvlan-8021q")).pairs;
  const across = vlans.find((pair) => pair.from === "bbox-11" && pair.to === "bbox-22" && pair.by === "ip");
  expect(across && expectedOutcome(across)).toBe("blocked");
});

const ping = { from: "bbox-3", to: "bbox-1", by: "ip" as const };
const probe = (
  over: Partial<{ to: string; by: "ip" | "name"; network: string | null; actual: "reach" | "blocked" }>,
) => ({
  from: "bbox-3",
  to: "bbox-1",
  by: "ip" as const,
  network: "ov_net1",
  actual: "blocked" as const,
  error: null,
  ...over,
});

it("judging waits for the ping's cells, then compares the prediction with what happened", () => {
  expect(judgePrediction("reach", ping, [])).toBeUndefined();
  expect(judgePrediction("reach", ping, [probe({ to: "bbox-2" })])).toBeUndefined();
  expect(judgePrediction("blocked", ping, [probe({})])).toEqual({ actual: "blocked", correct: true });
  expect(judgePrediction("reach", ping, [probe({})])).toEqual({ actual: "blocked", correct: false });
  expect(judgePrediction("bad-address", ping, [probe({ actual: "reach" })])).toEqual({
    actual: "reach",
    correct: false,
  });
});

it("a ping on one network ignores the target's other addresses; without one, any reply counts", () => {
  const cells = [probe({ network: "ov_net2" }), probe({ network: "ov_net1", actual: "reach" })];
  expect(judgePrediction("blocked", { ...ping, network: "ov_net2" }, cells)).toEqual({
    actual: "blocked",
    correct: true,
  });
  expect(judgePrediction("reach", ping, cells)).toEqual({ actual: "reach", correct: true });
});

it("by name, the cell by name is judged, never the ones by IP", () => {
  const cells = [
    probe({ actual: "reach" }),
    { ...probe({ by: "name", network: null }), error: "ping: bad address 'bbox-1'" },
  ];
  expect(judgePrediction("bad-address", { ...ping, by: "name" }, cells)).toEqual({
    actual: "bad-address",
    correct: true,
  });
});
