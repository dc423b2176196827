/**
 * The dashboard's own strings (labels, buttons, messages), in English, keyed `region.name`; `{name}` marks
 * where a value goes. lib/i18n/ui/zh-CN.ts is typed by these keys. Sentences that come from the core
 * (issues, plan explanations, reasons) are Texts rendered with lib/i18n/text's `render` instead.
 */
export const en = {
  "shell.description": "Draw cross-host container networks, get the exact commands, run them, and test reachability.",
  "shell.skipToContent": "Skip to content",
  "shell.mainNav": "Main",
  "shell.role": "role: {role}",
  "shell.signOut": "Sign out",
  "shell.signIn": "Sign in",
  "shell.switchLanguage": "Switch the language (English / 中文)",
  "shell.switchToDark": "Switch to dark theme",
  "shell.switchToLight": "Switch to light theme",
  "shell.light": "Light",
  "shell.dark": "Dark",
  "nav.topologies": "Topologies",
  "nav.lessons": "Lessons",
  "nav.hosts": "Hosts & lab",
  "nav.runs": "Runs",
  "nav.audit": "Audit",
} as const satisfies Record<string, string>;
