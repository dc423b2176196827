import type { Translate, UiKey } from "@/lib/i18n/ui";
import type { Outcome } from "@/lib/lessons/judge";
import type { LessonPing } from "@/lib/lessons/view";

export const OUTCOME_KEY: Record<Outcome, UiKey> = {
  reach: "lesson.outcome.reach",
  blocked: "lesson.outcome.blocked",
  "bad-address": "lesson.outcome.badAddress",
};

/** `bbox-1 → bbox-2 by IP (10.0.0.12)`, `… by name`, `… on ov_net1` when swarm assigns the address. */
export function pingLabel(ping: LessonPing, t: Translate): string {
  if (ping.by === "name") return t("lesson.pingByName", { from: ping.from, to: ping.to });
  const runtime = /^(.+)@(.+)$/.exec(ping.target);
  return runtime
    ? t("lesson.pingOnNetwork", { from: ping.from, to: ping.to, network: runtime[2] ?? "" })
    : t("lesson.pingByIp", { from: ping.from, to: ping.to, target: ping.target });
}
