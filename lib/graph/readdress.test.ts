import { describe, expect, it } from "vitest";
import { parseIp } from "../topology/ip";
import { freeContainerIp, freeInterfaceAddress } from "./readdress";

const used = (...ips: string[]) => new Set(ips.map((ip) => parseIp(ip) ?? -1));

describe("fresh addresses for a paste", () => {
  it("keeps an interface address nobody holds, and remembers it", () => {
    const taken = used();
    expect(freeInterfaceAddress("192.168.1.10/24", taken)).toBe("192.168.1.10/24");
    expect(taken.has(parseIp("192.168.1.10") ?? 0)).toBe(true);
  });

  it("moves a taken interface address to the next free one of its subnet, skipping the taken", () => {
    expect(freeInterfaceAddress("192.168.1.10/24", used("192.168.1.10", "192.168.1.11"))).toBe("192.168.1.12/24");
  });

  it("wraps round past the broadcast address, never handing out network or broadcast", () => {
    expect(freeInterfaceAddress("10.0.0.254/24", used("10.0.0.254"))).toBe("10.0.0.1/24");
    expect(freeInterfaceAddress("10.0.0.1/30", used("10.0.0.1", "10.0.0.2"))).toBeUndefined();
  });

  it("gives a container the next free address of its network's subnet, or none when it has no subnet", () => {
    expect(freeContainerIp("10.0.0.11", "10.0.0.0/24", used("10.0.0.1", "10.0.0.11", "10.0.0.12"))).toBe("10.0.0.13");
    expect(freeContainerIp("10.0.0.11", undefined, used("10.0.0.11"))).toBeUndefined();
  });
});
