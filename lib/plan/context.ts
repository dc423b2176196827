import type { Text } from "../i18n/text";
import type { Ipam } from "../topology/ipam";
import { kvHosts, networkHosts, swarmHosts } from "../topology/model";
import type { Topology } from "../topology/schema";
import { freshHost, type HostSnapshot, type Observed } from "./observed";
import type { PlanConflict, PlanOptions, Step, StepAction, StepInput, StepKind } from "./types";

/**
 * Phases order the plan: a step only depends on steps of the same or an earlier phase.
 * Within a phase, steps keep the order they were added in (hosts and names in document order).
 */
export const PHASES = [
  "remove-containers",
  "remove-networks",
  "host",
  "daemon",
  "swarm-init",
  "swarm-join",
  "ovs",
  "networks",
  "containers",
  "connect",
  "attach",
] as const;
export type Phase = (typeof PHASES)[number];

export type NewStep = {
  phase: Phase;
  host: string;
  kind: StepKind;
  resourceId: string;
  action: StepAction;
  cause: Text;
  /** See {@link Step.missing}. */
  missing?: boolean;
  argv: string[];
  explain: Text;
  dependsOn?: string[];
  stdin?: string;
  inputs?: StepInput[];
  retry?: Step["retry"];
};

/** Mutable state of one planning pass. Everything in it is derived from its inputs only. */
export class PlanContext {
  readonly steps: (Step & { phase: Phase; order: number })[] = [];
  readonly conflicts: PlanConflict[] = [];
  /** Containers (`name@host`) removed because their network is re-created: they are started again. */
  readonly replaced = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly hostsOfNetwork = new Map<string, string[]>();
  private swarm: string[] | undefined;
  private kv: Map<string, string> | undefined;

  constructor(
    readonly topology: Topology,
    readonly ipam: Ipam,
    readonly observed: Observed,
    readonly options: PlanOptions,
  ) {}

  snapshot(host: string): HostSnapshot {
    return (Object.hasOwn(this.observed, host) ? this.observed[host] : undefined) ?? freshHost(host);
  }

  /** {@link networkHosts}, once per network: the design does not change while it is planned. */
  networkHosts(name: string): string[] {
    let hosts = this.hostsOfNetwork.get(name);
    if (!hosts) {
      hosts = networkHosts(this.topology, name);
      this.hostsOfNetwork.set(name, hosts);
    }
    return hosts;
  }

  /** {@link swarmHosts}, once per planning pass. */
  swarmHosts(): string[] {
    this.swarm ??= swarmHosts(this.topology);
    return this.swarm;
  }

  /** {@link kvHosts}, once per planning pass. */
  kvHosts(): Map<string, string> {
    this.kv ??= kvHosts(this.topology);
    return this.kv;
  }

  reachable(host: string): boolean {
    return this.snapshot(host).reachable;
  }

  /** Adds a step; returns its id. The id is stable: `<resourceId>/<kind>`. */
  add(step: NewStep): string {
    const id = `${step.resourceId}/${step.kind}`;
    if (this.ids.has(id)) return id;
    this.ids.add(id);
    this.steps.push({
      id,
      host: step.host,
      kind: step.kind,
      resourceId: step.resourceId,
      action: step.action,
      cause: step.cause,
      ...(step.missing ? { missing: true as const } : {}),
      argv: step.argv,
      ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
      ...(step.inputs ? { inputs: step.inputs } : {}),
      ...(step.retry ? { retry: step.retry } : {}),
      explain: step.explain,
      dependsOn: [...new Set(step.dependsOn ?? [])],
      phase: step.phase,
      order: this.steps.length,
    });
    return id;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  conflict(conflict: { host: string; resourceId: string; message: Text; hint: Text }): void {
    this.conflicts.push({
      host: conflict.host,
      resourceId: conflict.resourceId,
      message: conflict.message,
      hint: conflict.hint,
    });
  }

  /**
   * The finished step list: by phase, then insertion order, except that a step never comes before a step
   * it depends on (the runner walks each host's steps in this order and refuses a plan where a
   * dependency comes later). Dependencies on steps that are not in the plan are dropped.
   */
  finish(): Step[] {
    const sorted = [...this.steps].sort(
      (a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.order - b.order,
    );
    const byId = new Map(sorted.map((step) => [step.id, step]));
    const placed = new Set<string>();
    const ordered: Step[] = [];
    const place = (step: (typeof sorted)[number], path: Set<string>) => {
      if (placed.has(step.id) || path.has(step.id)) return;
      path.add(step.id);
      for (const dep of step.dependsOn) {
        const before = byId.get(dep);
        if (before) place(before, path);
      }
      placed.add(step.id);
      const { phase: _phase, order: _order, ...rest } = step;
      ordered.push({ ...rest, dependsOn: step.dependsOn.filter((dep) => this.ids.has(dep)) });
    };
    for (const step of sorted) place(step, new Set());
    return ordered;
  }
}
