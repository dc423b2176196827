/**
 * How a bench states a target, and how bench/run.ts reads it back. Pure.
 *
 * Convention (every bench): the measure `B.X` (a time: `B.X.ms`), its target `B.target.X` (a time:
 * `B.target.X.ms`, meaning "under"; otherwise "equal to"), and the verdict `B.pass.X` (1 met, 0 missed).
 * `B` may hold dots (`scale.macvlan-16x8`), `X` too (`setupDone.p95`). A verdict without a target key,
 * or a target without a verdict, is itself reported: a bench whose keys drift apart cannot pass unseen.
 */

/** One target a bench's results say was missed (or could not be judged). */
export type MissedTarget = {
  bench: string;
  measure: string;
  actual: number | undefined;
  target: number | undefined;
  /** A time target ("under N ms"): only advisory at smoke size. Counts and correctness are never advisory. */
  speed: boolean;
  line: string;
};

function missLine(
  bench: string,
  measure: string,
  actual: number | undefined,
  target: number | undefined,
  speed: boolean,
) {
  const value = actual === undefined ? "not reported" : `${actual}${speed ? " ms" : ""}`;
  const goal = target === undefined ? "no target key" : `target ${speed ? "<" : "="} ${target}`;
  return `${bench} ${measure}: ${value}, ${goal}`;
}

/** Every target in `results` that was missed, and every verdict or target whose partner key is absent. */
export function missedTargets(results: Record<string, number>): MissedTarget[] {
  const missed: MissedTarget[] = [];
  for (const [key, verdict] of Object.entries(results)) {
    const match = /^(.+?)\.pass\.(.+)$/.exec(key);
    if (!match) continue;
    const [, bench = "", measure = ""] = match;
    const timed = results[`${bench}.target.${measure}.ms`];
    const speed = timed !== undefined;
    const target = speed ? timed : results[`${bench}.target.${measure}`];
    const actual = speed ? results[`${bench}.${measure}.ms`] : results[`${bench}.${measure}`];
    if (verdict === 1 && target !== undefined && actual !== undefined) continue;
    missed.push({ bench, measure, actual, target, speed, line: missLine(bench, measure, actual, target, speed) });
  }
  for (const key of Object.keys(results)) {
    const match = /^(.+?)\.target\.(.+?)(\.ms)?$/.exec(key);
    if (!match) continue;
    const [, bench = "", measure = ""] = match;
    if (results[`${bench}.pass.${measure}`] !== undefined) continue;
    const line = `${bench} ${measure}: a target without a pass key`;
    missed.push({ bench, measure, actual: undefined, target: results[key], speed: false, line });
  }
  return missed;
}
