import { expect, it } from "vitest";
import { sameText, t } from "./text";

it("two Texts are the same when template and values match, down to nested phrases", () => {
  const on = (network: string) => t`container '${"bbox-1"}' is already on ${t`network '${network}'`}.`;
  expect(sameText(on("mac_net1"), on("mac_net1"))).toBe(true);
  expect(sameText(on("mac_net1"), on("mac_net2"))).toBe(false);
  expect(sameText(t`a ${"x"}`, t`b ${"x"}`)).toBe(false);
  expect(sameText(t`a ${"x"}`, t`a ${t`x`}`)).toBe(false);
  expect(sameText(undefined, t`a`)).toBe(false);
  expect(sameText(undefined, undefined)).toBe(true);
});
