import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { driftOf } from "@/lib/drift/drift";
import type { Locale } from "@/lib/i18n/locale";
import { planTopology } from "@/lib/plan/plan";
import { loadExample } from "@/lib/probe/testing/lab-design";
import { LocaleProvider } from "../../i18n/locale-provider";
import { DriftBadge } from "./drift-badge";

/** The badge of mac_net1 on fresh hosts (missing on both hosts), rendered in `locale`. */
function badge(locale: Locale): string {
  const macvlan = loadExample("macvlan");
  const mark = driftOf(macvlan, planTopology(macvlan, {})).marks["network:mac_net1"];
  if (!mark) throw new Error("no drift mark for mac_net1");
  // The provider holds no hooks: called as a function it gives the tree a page would render.
  const element = createElement(DriftBadge, { drift: mark, testId: "badge" });
  return renderToStaticMarkup(LocaleProvider({ locale, children: element }));
}

it("a drift badge's title and label read in Chinese when the UI is zh-CN", () => {
  const html = badge("zh-CN");
  expect(html).toContain('title="node-1 上缺失；node-2 上缺失"');
  expect(html).toMatch(/aria-label="主机上[^"]*：node-1 上缺失；node-2 上缺失"/);
  expect(html).not.toContain("missing on");
});

it("a drift badge's title and label read in English when the UI is en", () => {
  const html = badge("en");
  expect(html).toContain('title="missing on node-1; missing on node-2"');
  expect(html).toContain('aria-label="missing on the hosts: missing on node-1; missing on node-2"');
});
