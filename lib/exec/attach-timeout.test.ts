import { describe, expect, it } from "vitest";
import { parseNetworkEndpoints } from "../observe/parse-endpoints";
import { attachRequest, diagnoseAttachTimeout } from "./attach-timeout";

/** What `docker network inspect red` answers on the manager after h1 attached: swarm's lb-red took .3. */
const RED_ON_MANAGER = {
  Name: "red",
  Containers: {
    "4f1c…": { Name: "rb", IPv4Address: "10.77.1.2/24" },
    "lb-red": { Name: "lb-red", IPv4Address: "10.77.1.3/24" },
    bogus: { Name: "-oops", IPv4Address: "10.77.1.9/24" },
  },
};

describe("attachRequest", () => {
  it("reads network, container and address of a docker run", () => {
    expect(
      attachRequest(["docker", "run", "-itd", "--name", "r2", "--ip", "10.77.1.3", "--network", "red", "busybox"]),
    ).toEqual({ network: "red", container: "r2", ip: "10.77.1.3" });
  });
  it("reads them from a docker network connect", () => {
    expect(attachRequest(["docker", "network", "connect", "--alias", "x", "blue", "b1"])).toEqual({
      network: "blue",
      container: "b1",
    });
  });
  it("ignores other commands", () => {
    expect(attachRequest(["docker", "network", "create", "-d", "overlay", "red"])).toBeUndefined();
  });
});

describe("diagnoseAttachTimeout", () => {
  const request = { network: "red", container: "r2", ip: "10.77.1.3" };

  it("names swarm's load-balancer endpoint when it holds the requested address", () => {
    const text = diagnoseAttachTimeout(request, { manager: "h1", endpoints: parseNetworkEndpoints(RED_ON_MANAGER) });
    expect(text.en).toBe(
      "address 10.77.1.3 on red is taken by lb-red, the load-balancer endpoint swarm allocates on each node for each overlay (seen on the manager h1): give r2 another address outside the overlay's ip_range, or no fixed address",
    );
  });

  it("names a container that holds it", () => {
    const text = diagnoseAttachTimeout(
      { ...request, ip: "10.77.1.2" },
      { manager: "h1", endpoints: parseNetworkEndpoints(RED_ON_MANAGER) },
    );
    expect(text.en).toContain("is taken by rb (seen on the manager h1)");
  });

  it("says the manager could not be asked when it is unreachable", () => {
    expect(diagnoseAttachTimeout(request, { manager: "h1", error: "connect ETIMEDOUT" }).en).toContain(
      "the swarm manager h1 could not be asked about red (connect ETIMEDOUT)",
    );
  });

  it("says no manager answered when the design has none reachable", () => {
    expect(diagnoseAttachTimeout(request, { error: "no manager" }).en).toContain("no swarm manager");
  });

  it("does not blame an endpoint when none holds the address", () => {
    const text = diagnoseAttachTimeout(
      { ...request, ip: "10.77.1.200" },
      { manager: "h1", endpoints: parseNetworkEndpoints(RED_ON_MANAGER) },
    );
    expect(text.en).toContain("shows no endpoint holding 10.77.1.200");
  });
});

describe("parseNetworkEndpoints", () => {
  it("keeps well-formed endpoints only, sorted by address", () => {
    expect(parseNetworkEndpoints(RED_ON_MANAGER)).toEqual([
      { name: "rb", ip: "10.77.1.2" },
      { name: "lb-red", ip: "10.77.1.3" },
    ]);
    expect(parseNetworkEndpoints("nonsense")).toEqual([]);
  });
});
