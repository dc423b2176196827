import { describe, expect, it } from "vitest";
import { requestLocale } from "../request-locale";
import { en } from "./en";
import { formatUi, uiPlaceholders } from "./format";
import { translator } from "./index";
import { zhCN } from "./zh-CN";

describe("the interface catalogues", () => {
  it("have the same keys", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it("keep every placeholder, no more and no fewer", () => {
    const wrong = Object.entries(en)
      .filter(([key, text]) => uiPlaceholders(text).join() !== uiPlaceholders(zhCN[key as keyof typeof en]).join())
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it("have no empty string, and the Chinese one is Chinese", () => {
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe("");
    const untranslated = Object.entries(zhCN)
      .filter(([key, text]) => !/[\u4e00-\u9fff]/.test(text) && text === en[key as keyof typeof en])
      .map(([key]) => key)
      .filter((key) => !SAME_IN_BOTH.has(key));
    expect(untranslated).toEqual([]);
  });
});

/** Strings that are the same in both languages (names, symbols, commands). */
const SAME_IN_BOTH = new Set<string>(["matrix.badAddress", "tabs.yaml"]);

describe("lookups", () => {
  it("fill placeholders by name and leave unknown ones visible", () => {
    expect(formatUi("{a} of {b}", { a: 1, b: "x" })).toBe("1 of x");
    expect(formatUi("{a} of {b}", { a: 1 })).toBe("1 of {b}");
    expect(translator("zh-CN")("shell.role", { role: "admin" })).toBe("角色：admin");
    expect(translator("en")("nav.lessons")).toBe("Lessons");
  });

  it("the language comes from the switch's cookie, else Accept-Language", () => {
    expect(requestLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(requestLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(requestLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(requestLocale("fr", "de-DE")).toBe("en");
  });
});
