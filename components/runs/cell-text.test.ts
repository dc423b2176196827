import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { plain } from "@/lib/i18n/text";
import { translator } from "@/lib/i18n/ui";
import { parsePing } from "@/lib/probe/parse-ping";
import type { ProbeCell } from "@/lib/probe/types";
import { cellLabelText, nameNotResolved, repliesText } from "./cell-text";

const fixture = (name: string) =>
  readFileSync(new URL(`../../lib/probe/fixtures/${name}.out`, import.meta.url), "utf8");

/** A matrix cell as the probe builds it from one ping's real output. */
function cellOf(output: string, by: "ip" | "name"): ProbeCell {
  const ping = parsePing(output);
  return {
    from: "web-1",
    to: "db-7",
    by,
    target: by === "ip" ? "10.9.0.7" : "db-7",
    network: "net_a",
    host: "h1",
    expected: "blocked",
    reasonCode: "same-network",
    reason: plain(""),
    actual: ping.received > 0 ? "reach" : "blocked",
    sent: ping.sent,
    received: ping.received,
    lossPct: ping.lossPct,
    rttMs: ping.rttMs,
    verdict: "pass",
    diagnosis: null,
    error: ping.error,
    rawOutput: output,
    command: "",
    attempts: 1,
  };
}

it("a name that did not resolve says so instead of '0/0 replies, 100% loss', in both languages", () => {
  for (const name of ["busybox-bad-address", "iputils-bad-address", "lab-busybox-bad-address"]) {
    const cell = cellOf(fixture(name), "name");
    expect(nameNotResolved(cell), name).toBe(true);
    expect(repliesText(cell, translator("en"))).toBe("name not resolved: no packet was sent");
    expect(repliesText(cell, translator("zh-CN"))).toBe("名字无法解析：没有发出任何数据包");
    expect(repliesText(cell, translator("en"))).not.toContain("replies");
  }
});

it("a ping that went out and got nothing back still counts its replies and loss", () => {
  const cell = cellOf(fixture("busybox-lost"), "ip");
  expect(nameNotResolved(cell)).toBe(false);
  expect(repliesText(cell, translator("en"))).toMatch(/^0\/\d+ replies, 100% loss$/);
  expect(cellLabelText(cell, translator("en"))).toBe("blocked");
});

it("a reached cell counts its replies", () => {
  const cell = cellOf(fixture("busybox-reach"), "ip");
  expect(repliesText(cell, translator("en"))).toBe("3/3 replies, 0% loss");
});
