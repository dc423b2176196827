/** The languages Crossnet speaks. */
export type Locale = "en" | "zh-CN";

export const LOCALES: readonly Locale[] = ["en", "zh-CN"];

/**
 * Picks a locale from an Accept-Language header or a POSIX LANG value (`zh_CN.UTF-8`, `zh-CN,zh;q=0.9`):
 * any Chinese preference gives zh-CN, everything else English.
 */
export function pickLocale(preference: string | undefined | null): Locale {
  if (!preference) return "en";
  const first = preference
    .split(",")
    .map((part) => part.trim().split(";")[0]?.toLowerCase() ?? "")
    .find((tag) => tag && tag !== "*");
  return first?.startsWith("zh") ? "zh-CN" : "en";
}
