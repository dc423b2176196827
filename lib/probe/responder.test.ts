import { expect, it } from "vitest";
import { checkTopologyText } from "../topology/check";
import { RESPONDER_SCRIPT, responderArgv, responderServices } from "./responder";

const ID = "f45df10673fed97a1dbd3f981d109f42383d93d9e422f8e0b7a3e775e2749530";

it("the responder's argv: a constant script, its lifetime capped at 300 s, and only well-formed ports", () => {
  expect(
    responderArgv(1000, [
      { container: "web", pid: 4242, id: ID, proto: "udp", port: 53 },
      { container: "web", pid: 1, id: ID, proto: "tcp", port: 80 },
      { container: "web", pid: 4242, id: "x; rm -rf /", proto: "tcp", port: 80 },
      { container: "web", pid: 4242, id: ID, proto: "tcp", port: 70000 },
    ]),
  ).toEqual(["python3", "-c", RESPONDER_SCRIPT, "300", "4242", ID, "udp", "53"]);
});

it("the services to answer: each target's tcp/udp services once, grouped by host", () => {
  const { topology } = checkTopologyText(`
name: t
hosts: { node-1: { nics: {} }, node-2: { nics: {} } }
networks: { n: { driver: bridge } }
containers:
  web: { host: node-1, image: busybox, networks: { n: {} }, services: [{ proto: tcp, port: 80 }, { proto: tcp, port: 80 }, { proto: udp, port: 53 }] }
  db: { host: node-2, image: busybox, networks: { n: {} }, services: [{ proto: tcp, port: 5432 }] }
  other: { host: node-2, image: busybox, networks: { n: {} } }
`);
  if (!topology) throw new Error("invalid");
  expect(Object.fromEntries(responderServices(topology, ["web", "db", "other", "host:node-1"]))).toEqual({
    "node-1": [
      { container: "web", proto: "tcp", port: 80 },
      { container: "web", proto: "udp", port: 53 },
    ],
    "node-2": [{ container: "db", proto: "tcp", port: 5432 }],
  });
});
