import { expect, it } from "vitest";
import { runCli } from "../testing/run-cli";

/** `crossnet impair` and `crossnet perf` refuse bad requests before they read the inventory or touch a host. */

const crossnet = (...args: string[]) => runCli(args);

it("impair refuses a hostile loss, a point outside the design and two actions at once, naming the option", async () => {
  const base = ["impair", "examples/macvlan.yaml", "--inventory", "no/such.yaml"];
  const loss = await crossnet(...base, "--at", "container:bbox-1", "--loss", "5; reboot");
  expect(loss.code).toBe(2);
  expect(loss.stderr).toContain("--loss: loss '5; reboot' is not a percentage in (0, 100]");
  const point = await crossnet(...base, "--at", "node-1:eth0'$(id)", "--down");
  expect(point.code).toBe(2);
  expect(point.stderr).toContain("--at: '");
  expect(point.stderr).toContain("is not an interface of node-1 in the design");
  const both = await crossnet(...base, "--at", "node-1:ens33", "--down", "--rate", "1mbit");
  expect(both.stderr).toContain("--down and --rate cannot be combined");
}, 60_000);

it("perf refuses seconds out of bounds and a missing pair before anything runs", async () => {
  const base = ["perf", "examples/macvlan.yaml", "--inventory", "no/such.yaml"];
  const seconds = await crossnet(...base, "--from", "bbox-1", "--to", "bbox-2", "--seconds", "600");
  expect(seconds.code).toBe(2);
  expect(seconds.stderr).toContain("--seconds must be a whole number from 1 to 30");
  const missing = await crossnet(...base, "--from", "bbox-1");
  expect(missing.stderr).toContain("--from C and --to C are required");
}, 60_000);
