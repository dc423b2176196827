"use client";

import { useEffect, useState } from "react";
import { useT } from "../i18n/locale-provider";

type Theme = "light" | "dark";

function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

/** Switches between light and dark; remembers the choice. */
export function ThemeToggle() {
  const t = useT();
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => setTheme(currentTheme()), []);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-label={next === "dark" ? t("shell.switchToDark") : t("shell.switchToLight")}
      title={next === "dark" ? t("shell.switchToDark") : t("shell.switchToLight")}
      className="rounded-md border border-border px-2.5 py-1 text-sm hover:bg-panel-2"
      onClick={() => {
        document.documentElement.dataset.theme = next;
        try {
          localStorage.setItem("crossnet:theme", next);
        } catch {
          // storage unavailable: the choice lasts for this page only
        }
        setTheme(next);
      }}
    >
      {theme === "dark" ? `☀ ${t("shell.light")}` : `☾ ${t("shell.dark")}`}
    </button>
  );
}
