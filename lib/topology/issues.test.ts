import { expect, it } from "vitest";
import { LOCALES } from "../i18n/locale";
import { render, t } from "../i18n/text";
import { ZH_TEMPLATES } from "../i18n/zh-templates";
import { safeText } from "../text/safe-text";
import { checkTopologyText } from "./check";
import { localizeIssue, safeTextOf } from "./issues";

const HOSTILE = ["evil\u001b[31m", "node\u202e-1", "a\u0007b", "q\u2066", "x\u009b2J"];

it("a Text made safe renders, in every locale, as the escaper would print its rendering", () => {
  for (const name of HOSTILE) {
    const text = t`container '${name}' runs on host '${t`host '${name}'`}', which is not in hosts`;
    const safe = safeTextOf(text);
    for (const locale of LOCALES) expect(render(safe, locale)).toBe(safeText(render(text, locale)));
    expect(safe.en).toBe(safeText(text.en));
    expect(safeTextOf(safe)).toEqual(safe);
  }
});

it("no zh template holds a character the escaper changes, so escaping a Text's template keeps its translation", () => {
  const changed = Object.entries(ZH_TEMPLATES).filter(([key, zh]) => safeText(key) !== key || safeText(zh) !== zh);
  expect(changed).toEqual([]);
});

it("an issue quoting hostile names carries them escaped, so every rendering of it is safe", () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
  const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  const document = JSON.stringify({
    name: "t",
    hosts: { "node\u202e-1": { nics: { ens33: { address: "192.168.0.53/24" } } } },
    containers: { "c\u0007x": { host: "zz\u001b]0;t\u0007", image: "busybox", networks: { "q\u2066": {} } } },
  });
  const { issues } = checkTopologyText(document);
  expect(issues.map((issue) => issue.code)).toEqual(
    expect.arrayContaining(["invalid-name", "unknown-host", "unknown-network"]),
  );
  for (const issue of issues)
    for (const locale of LOCALES) {
      expect(render(issue.message, locale)).not.toMatch(unsafe);
      expect(render(issue.hint, locale)).not.toMatch(unsafe);
      expect(localizeIssue(issue, locale)).toEqual({
        message: render(issue.message, locale),
        hint: render(issue.hint, locale),
      });
    }
  expect(issues.find((issue) => issue.code === "unknown-host")?.message.en).toBe(
    "container 'c\\u0007x' runs on host 'zz\\u001b]0;t\\u0007', which is not in hosts",
  );
});
