import type { Text } from "../i18n/text";
/** Kinds of plan steps. Adding one is a compile error everywhere a kind is handled exhaustively. */
export type StepKind =
  | "set-promisc"
  | "create-vlan"
  | "set-link-up"
  | "add-address"
  | "set-ip-forward"
  | "add-route"
  | "del-route"
  | "add-rule"
  | "del-rule"
  | "set-cluster-store"
  | "restart-docker"
  | "wait-gossip"
  | "backup-daemon-json"
  | "restore-daemon-json"
  | "swarm-init"
  | "swarm-join"
  | "create-ovs-bridge"
  | "add-ovs-tunnel"
  | "create-tunnel-link"
  | "create-network"
  | "remove-network"
  | "run-container"
  | "remove-container"
  | "start-container"
  | "connect-network"
  | "disconnect-network"
  | "attach-ovs-port"
  | "detach-ovs-port"
  | "start-kv-store"
  | "install-plugin"
  | "create-shim"
  | "remove-shim"
  | "clear-qdisc"
  | "clear-loss";

export type StepAction = "+" | "-" | "~";

/**
 * A value the runner fills in at run time from another host, e.g. a swarm join token.
 * The step's argv holds the literal `{{NAME}}` where the value goes.
 */
export type StepInput = {
  name: string;
  host: string;
  argv: string[];
  explain: string;
};

/** One operation on one host: the command a person would type, and why it is there. */
export type Step = {
  id: string;
  host: string;
  kind: StepKind;
  resourceId: string;
  action: StepAction;
  /** Why the step is there ("missing", "subnet differs"), rendered at the edges (lib/plan/render.ts). */
  cause: Text;
  /**
   * Set when the host lacks the resource altogether and this step creates it (its cause reads
   * "missing", "new container" …), as opposed to fixing one that is there but differs. Lets drift
   * (lib/drift) tell `missing` from `changed` without reading the cause's words. Not in the CLI's JSON.
   */
  missing?: true;
  argv: string[];
  /** Text fed to the command's standard input (e.g. a daemon.json). */
  stdin?: string;
  inputs?: StepInput[];
  /** One or two sentences for learners: why this step exists. Rendered at the edges. */
  explain: Text;
  dependsOn: string[];
  /**
   * A transient failure the runner may wait out: when the command fails and its stderr contains
   * `whenStderr`, run it again after `delayMs`, up to `attempts` times in all (e.g. swarm still
   * detaching a removed container's task from its network).
   */
  retry?: { attempts: number; delayMs: number; whenStderr: string };
};

/** Something the plan cannot fix by itself, e.g. a container of the same name that Crossnet did not create. */
export type PlanConflict = {
  host: string;
  resourceId: string;
  /** What is in the way, and how a person resolves it: Texts, rendered at the edges. */
  message: Text;
  hint: Text;
};

export type Plan = { steps: Step[]; conflicts: PlanConflict[] };

/** Facts about the target environment that change the commands (from the inventory, not the design). */
export type PlanOptions = {
  /** The KV store already runs (the lab starts etcd itself): no step to start it. */
  kvProvided?: boolean;
  /**
   * The store that serves the design's KV overlays here, when it differs from the design's own URL:
   * the lab serves etcd also for designs that ask for Consul.
   */
  kvUrl?: string;
  /** OVS datapath: `system` on real hosts (kernel module), `netdev` in the lab (userspace OVS). */
  ovsDatapath?: "system" | "netdev";
};
