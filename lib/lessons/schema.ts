import { z } from "zod";
import type { StepKind } from "../plan/types";
import { nameSchema } from "../topology/schema";

/**
 * The lesson file (lessons/*.yaml): a topology (an examples/ file or inline) and a sequence of steps,
 * every sentence in English and Simplified Chinese. A step shows selected plan steps with their
 * explanations (and applies just those), asks for predictions of pings before running them, and may
 * inject a fault from an allow-listed set for the student to find and fix. No field is a command:
 * the code turns each fault kind into argv itself.
 */

/** A sentence or paragraph in both languages the dashboard speaks. */
export const LocalizedSchema = z
  .object({ en: z.string().min(1).max(4000), "zh-CN": z.string().min(1).max(4000) })
  .strict();
export type Localized = z.infer<typeof LocalizedSchema>;

/** Every plan step kind, for the schema (a kind missing here is a compile error). */
const KINDS: Record<StepKind, true> = {
  "set-promisc": true,
  "create-vlan": true,
  "set-link-up": true,
  "add-address": true,
  "set-ip-forward": true,
  "add-route": true,
  "del-route": true,
  "add-rule": true,
  "del-rule": true,
  "set-cluster-store": true,
  "restart-docker": true,
  "wait-gossip": true,
  "backup-daemon-json": true,
  "restore-daemon-json": true,
  "swarm-init": true,
  "swarm-join": true,
  "create-ovs-bridge": true,
  "add-ovs-tunnel": true,
  "create-tunnel-link": true,
  "create-network": true,
  "remove-network": true,
  "run-container": true,
  "remove-container": true,
  "start-container": true,
  "connect-network": true,
  "disconnect-network": true,
  "attach-ovs-port": true,
  "detach-ovs-port": true,
  "start-kv-store": true,
  "install-plugin": true,
  "create-shim": true,
  "remove-shim": true,
  "clear-qdisc": true,
  "clear-loss": true,
};
export const STEP_KINDS = Object.keys(KINDS) as StepKind[];

/** A lesson or step id: lowercase letters, digits and '-' (it appears in URLs). */
export const LessonIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "use lowercase letters, digits and '-'");

/**
 * Which plan steps a lesson step shows and applies: by kind, by resource id (`network:mac_net1@node-1`;
 * `*` stands for any run of characters, e.g. `network:mac_net1@*`), or both, optionally on one host.
 */
export const SelectorSchema = z
  .object({
    kind: z.enum(STEP_KINDS as [StepKind, ...StepKind[]]).optional(),
    resource: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_.:@/*-]+$/, "a resource id such as network:mac_net1@node-1 ('*' for any part)")
      .optional(),
    host: nameSchema("host").optional(),
  })
  .strict()
  .refine((selector) => selector.kind !== undefined || selector.resource !== undefined, {
    message: "give a kind, a resource, or both",
  });
export type Selector = z.infer<typeof SelectorSchema>;

/** One ping to predict and run: from a container to another, by IP (on `network` when it has several) or by name. */
export const PingSpecSchema = z
  .object({
    from: nameSchema("container"),
    to: nameSchema("container"),
    by: z.enum(["ip", "name"]),
    network: nameSchema("network").optional(),
  })
  .strict();
export type PingSpec = z.infer<typeof PingSpecSchema>;

/**
 * The faults a lesson may inject, each turned into argv by `faultCommands` (never a command from the file):
 * a host NIC taken down (what a pulled cable or a failed port does), a routed bridge's route to the peer subnet removed, a container detached
 * from a network, a macvlan container moved to the wrong VLAN's network.
 */
export const FaultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("link-down"), host: nameSchema("host"), nic: nameSchema("interface") }).strict(),
  z.object({ kind: z.literal("route-removed"), host: nameSchema("host"), network: nameSchema("network") }).strict(),
  z
    .object({
      kind: z.literal("container-detached"),
      container: nameSchema("container"),
      network: nameSchema("network"),
    })
    .strict(),
  z
    .object({ kind: z.literal("wrong-vlan"), container: nameSchema("container"), network: nameSchema("network") })
    .strict(),
  z
    .object({
      kind: z.literal("link-loss"),
      host: nameSchema("host"),
      nic: nameSchema("interface"),
      percent: z.number().int().min(1).max(100),
    })
    .strict(),
]);
export type Fault = z.infer<typeof FaultSchema>;
export type FaultKind = Fault["kind"];
export const FAULT_KINDS: readonly FaultKind[] = [
  "link-down",
  "route-removed",
  "container-detached",
  "wrong-vlan",
  "link-loss",
];

/**
 * A question on what the packets show, checked against what is captured (lib/lessons/capture-question):
 * one ping from `trace.from` to `trace.to` is traced hop by hop, and the student reads `proto`'s
 * `field` at capture point `at` (e.g. `vlan` `id` on `wire`), picking from `choices` or typing it.
 */
export const CaptureQuestionSchema = z
  .object({
    trace: z
      .object({ from: nameSchema("container"), to: nameSchema("container"), by: z.enum(["ip", "name"]).default("ip") })
      .strict(),
    at: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "a capture point id such as wire, node-1:ens33 or container:bbox-1"),
    proto: z.string().regex(/^[a-z][a-z0-9_]{0,19}$/, "a Wireshark protocol name such as vlan, vxlan or udp"),
    field: z.string().regex(/^[a-z][A-Za-z0-9_]{0,29}$/, "a field of that protocol such as id, vni or dstport"),
    question: LocalizedSchema,
    choices: z
      .array(z.union([z.number().int(), z.string().max(40)]))
      .min(2)
      .max(6)
      .optional(),
  })
  .strict();
export type CaptureQuestion = z.infer<typeof CaptureQuestionSchema>;

export const LessonStepSchema = z
  .object({
    id: LessonIdSchema,
    title: LocalizedSchema,
    body: LocalizedSchema,
    /** Plan steps to show with their explanations; "apply this step" runs just these (and what they need first). */
    apply: z.array(SelectorSchema).max(50).optional(),
    /** Pings the student predicts (reach / blocked / bad address) before running them. */
    predict: z.array(PingSpecSchema).max(20).optional(),
    /** A fault to inject; the student finds it from the pings' diagnosis, then fixes it. */
    fault: FaultSchema.optional(),
    /** A question on what a trace shows on the wire or a host's device, checked against the packets. */
    question: CaptureQuestionSchema.optional(),
    /** Shown once the student has answered (or found the fault): what to take away. */
    takeaway: LocalizedSchema.optional(),
  })
  .strict();
export type LessonStep = z.infer<typeof LessonStepSchema>;

/**
 * `examples/NAME.yaml` (a design shipped with Crossnet) or the design written inline; either way it is
 * checked by lib/topology like any design file (see `resolveLessonTopology`).
 */
export const LessonTopologySchema = z.union([
  z.string().regex(/^examples\/[a-z0-9][a-z0-9-]*\.yaml$/, "an examples/NAME.yaml file, or the design inline"),
  z.record(z.string(), z.unknown()),
]);

export const LessonSchema = z
  .object({
    id: LessonIdSchema,
    /** Position in the list (the tutorial's order). */
    order: z.number().int().min(0).max(1000),
    title: LocalizedSchema,
    summary: LocalizedSchema,
    /** The tutorial section it follows, e.g. "4.2". */
    section: z.string().max(20).optional(),
    topology: LessonTopologySchema,
    steps: z.array(LessonStepSchema).min(1).max(40),
  })
  .strict();
export type Lesson = z.infer<typeof LessonSchema>;
