import { expect, it } from "vitest";
import { parseBy } from "./by";

it("--by takes one kind, both, all, or a comma list, in the order cells are listed", () => {
  expect(parseBy(undefined)).toBe("both");
  expect(parseBy("ip")).toBe("ip");
  expect(parseBy("name,ip")).toBe("both");
  expect(parseBy("mtu,tcp")).toEqual(["tcp", "mtu"]);
  expect(parseBy("all")).toEqual(["ip", "name", "tcp", "udp", "mtu"]);
  expect(parseBy("both,udp")).toEqual(["ip", "name", "udp"]);
});

it("an unknown kind is refused, naming what --by takes", () => {
  expect(() => parseBy("icmp")).toThrow(
    "--by takes ip, name, both, tcp, udp, mtu or all (a comma list allowed), not 'icmp'",
  );
  expect(() => parseBy("ip,")).toThrow(/not 'ip,'/);
});
