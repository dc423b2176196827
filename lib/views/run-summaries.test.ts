import { expect, it } from "vitest";
import { t } from "../i18n/text";
import { compactText } from "../text/stored-text";
import { readApplyRunSummary, readLabRunSummary } from "./run-summaries";

const up = t`lab '${"demo"}' up: ${"2"} host(s) in ${"3.1"} s; inventory '${"lab"}'`;

it("a lab summary stored as one Text reads back as that Text, with its English", () => {
  expect(readLabRunSummary({ message: compactText(up), hosts: [{ name: "node-1", address: "198.18.0.11" }] })).toEqual({
    error: null,
    message: up,
    hosts: [{ name: "node-1", address: "198.18.0.11" }],
  });
});

it("a lab summary of an older run (English `message` plus `messageText`) reads back as the same Text", () => {
  expect(readLabRunSummary({ message: up.en, messageText: compactText(up) }).message).toEqual(up);
  // Before Texts: the English alone, a Text without a translation.
  expect(readLabRunSummary({ message: "cannot start\nhint: x" }).message).toEqual({
    key: "cannot start\nhint: x",
    args: [],
    en: "cannot start\nhint: x",
  });
});

it("an apply summary reads tolerantly: missing counts are zero, a legacy `remaining` string is a Text", () => {
  const read = readApplyRunSummary({ converged: true, counts: { ok: 2, failed: "x" }, remaining: "Plan: 1 to add." });
  expect(read.counts).toEqual({ ok: 2, failed: 0, unknown: 0, skipped: 0 });
  expect(read.converged).toBe(true);
  expect(read.remaining?.en).toBe("Plan: 1 to add.");
  expect(readApplyRunSummary(null)).toMatchObject({ error: null, refused: null, remaining: null, durationMs: 0 });
});
