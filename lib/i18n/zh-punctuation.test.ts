import { expect, it } from "vitest";
import { zhCN } from "./ui/zh-CN";
import { ZH_TEMPLATES } from "./zh-templates";

/** ASCII `,` `;` `:` `!` `?` or parentheses written against Chinese characters (full-width ones belong there). */
const MIXED = /[\u4e00-\u9fff][,;:!?(]|[,;:!?)][\u4e00-\u9fff]|\([\u4e00-\u9fff]|[\u4e00-\u9fff]\)/;

it("the Chinese interface strings use full-width punctuation next to Chinese text", () => {
  const mixed = Object.entries(zhCN).filter(([, text]) => MIXED.test(text));
  expect(mixed).toEqual([]);
});

it("the Chinese templates of the core's sentences use full-width punctuation next to Chinese text", () => {
  const mixed = Object.entries(ZH_TEMPLATES).filter(([, text]) => MIXED.test(text));
  expect(mixed).toEqual([]);
});
