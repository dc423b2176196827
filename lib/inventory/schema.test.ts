import { expect, it } from "vitest";
import { InventorySchema } from "./schema";

const host = (docker?: unknown) => ({
  hosts: {
    "node-1": {
      address: "198.18.0.11",
      ssh: { port: 22, user: "root", key: "data/lab/id_ed25519", hostKey: `SHA256:${"A".repeat(43)}` },
      ...(docker === undefined ? {} : { docker }),
    },
  },
});

it("the Docker endpoint defaults to ssh", () => {
  expect(InventorySchema.parse(host()).hosts["node-1"]?.docker).toEqual({ endpoint: "ssh" });
});

it("plain TCP to the Docker API is refused with the reason", () => {
  const result = InventorySchema.safeParse(host({ endpoint: "tcp://10.0.0.2:2375" }));
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.message).toMatch(
    /plain TCP to the Docker API is refused: anyone who can reach it is root/,
  );
});

it("TCP with TLS files and unix sockets are accepted", () => {
  const tls = { endpoint: "tcp://10.0.0.2:2376", tls: { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } };
  expect(InventorySchema.parse(host(tls)).hosts["node-1"]?.docker).toEqual(tls);
  expect(InventorySchema.parse(host({ endpoint: "unix:///run/docker.sock" })).hosts["node-1"]?.docker).toEqual({
    endpoint: "unix:///run/docker.sock",
  });
});

it("a malformed endpoint says what it must look like", () => {
  const result = InventorySchema.safeParse(host({ endpoint: "unix://relative" }));
  expect(result.success).toBe(false);
});
