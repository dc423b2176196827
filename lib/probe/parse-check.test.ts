import { expect, it } from "vitest";
import type { ExpectCell } from "../expect/types";
import { plain } from "../i18n/text";
import { checkResult } from "./host-run";
import { parseCheck } from "./parse-check";
import { cellOf } from "./verdict";

const TCP: ExpectCell = {
  from: "client",
  to: "web",
  by: "tcp",
  target: "192.168.0.101:8080",
  port: 8080,
  expected: "reach",
  reasonCode: "published-port",
  reason: plain("published"),
};
const MTU: ExpectCell = {
  from: "bbox-1",
  to: "bbox-2",
  by: "mtu",
  target: "10.0.1.3",
  network: "ov",
  expectedMtu: 1450,
  expected: "reach",
  reasonCode: "path-mtu",
  reason: plain("overlay"),
};

const cell = (expectation: ExpectCell, line: string) => cellOf(expectation, "node-2", checkResult(line), 1, "cmd");

it("a connect that succeeded reaches, with its time", () => {
  expect(cell(TCP, "crossnet-tcp 192.168.0.101:8080: open rtt=0.412 connected to port 8080")).toMatchObject({
    actual: "reach",
    verdict: "pass",
    port: 8080,
    rttMs: { min: 0.412, avg: 0.412, max: 0.412 },
    error: null,
  });
});

it("a reset is 'refused: nothing listens', a silence is 'filtered': both blocked, told apart", () => {
  expect(cell(TCP, "crossnet-tcp 192.168.0.101:8080: refused port 8080: Connection refused")).toMatchObject({
    actual: "blocked",
    verdict: "fail",
    error: "refused: nothing listens on 8080",
  });
  expect(cell(TCP, "crossnet-tcp 192.168.0.101:8080: timeout no answer from port 8080 within 1 s")).toMatchObject({
    actual: "blocked",
    error: "filtered: no answer (no answer from port 8080 within 1 s)",
  });
});

it("a check that could not run is an error, never blocked", () => {
  expect(cell(TCP, "crossnet-tcp 192.168.0.101:8080: error No buffer space available").actual).toBe("error");
  expect(cell(TCP, "PING 192.168.0.101 ...")).toMatchObject({ actual: "error" });
  expect(cell(TCP, "").error).toContain("python3 on the source's host");
});

it("an mtu cell passes only when the path carries exactly the expected size", () => {
  expect(
    cell(MTU, "crossnet-mtu 10.0.1.3: measured path=1450 interface=1450 largest packet with DF set"),
  ).toMatchObject({
    actual: "reach",
    verdict: "pass",
    mtu: { expected: 1450, path: 1450, interface: 1450 },
  });
  expect(
    cell(MTU, "crossnet-mtu 10.0.1.3: measured path=1450 interface=1500 largest packet with DF set"),
  ).toMatchObject({
    actual: "reach",
    verdict: "fail",
    mtu: { expected: 1450, path: 1450, interface: 1500 },
  });
  expect(cell(MTU, "crossnet-mtu 10.0.1.3: timeout interface=1450 no echo reply even at 84 bytes")).toMatchObject({
    actual: "blocked",
    mtu: { expected: 1450, path: null, interface: 1450 },
  });
});

it("numbers from a host are bounded: an absurd MTU or time is dropped", () => {
  expect(parseCheck("crossnet-mtu 1.2.3.4: measured path=99999999 interface=1500 x")).toMatchObject({
    pathMtu: null,
    interfaceMtu: 1500,
  });
  expect(parseCheck("nothing here")).toBeUndefined();
});

it("a target name Docker's DNS does not resolve is blocked with 'bad address', like ping says it", () => {
  const byName = { ...TCP, target: "web:80", reasonCode: "dns-shared-network" as const };
  expect(cell(byName, "crossnet-tcp web:80: unresolved bad address 'web' (NXDOMAIN)")).toMatchObject({
    actual: "blocked",
    error: "bad address 'web' (NXDOMAIN)",
  });
});
