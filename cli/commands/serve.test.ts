import { expect, test } from "vitest";
import { listenAddress } from "./serve";

test("the dashboard listens on 127.0.0.1:3000 unless told otherwise", () => {
  expect(listenAddress({}, {})).toEqual({ host: "127.0.0.1", port: "3000" });
  expect(listenAddress({}, { CROSSNET_HOST: "10.1.2.3", PORT: "8080" })).toEqual({ host: "10.1.2.3", port: "8080" });
  expect(listenAddress({ host: "::1", port: "3001" }, { CROSSNET_HOST: "0.0.0.0" })).toEqual({
    host: "::1",
    port: "3001",
  });
});

test("a host that could be read as an option, or a bad port, is refused", () => {
  expect(() => listenAddress({ host: "-oProxyCommand=x" }, {})).toThrow(/--host/);
  expect(() => listenAddress({ host: "a b" }, {})).toThrow(/--host/);
  expect(() => listenAddress({ port: "70000" }, {})).toThrow(/--port/);
  expect(() => listenAddress({ port: "-1" }, {})).toThrow(/--port/);
});
