import { z } from "zod";
import { type Text, t } from "../i18n/text";
import { formatCidr, parseCidr, parseIp } from "./ip";
import { type NameKind, nameProblem, printable } from "./names";

/**
 * The design document (architecture.md §2). A public contract: files valid today stay valid,
 * so extend it, never rename. Maps are keyed by name, so names are unique by construction.
 */

/** zod's contract wants a string message: it gets the English; the Texts travel in `params` (see parse.ts). */
function fail(ctx: z.core.$RefinementCtx<string>, code: string, message: Text, hint: Text) {
  ctx.addIssue({ code: "custom", message: message.en, params: { code, message, hint } });
}

/**
 * A map keyed by name. The parsed map has no prototype, so a name such as `constructor` or `toString`
 * never finds an inherited member (`name in hosts`, `networks[name]`) in the validator or the planner.
 */
export function nameMap<T extends z.ZodType>(value: T) {
  return z
    .record(z.string(), value)
    .transform((record) => Object.assign(Object.create(null) as Record<string, z.output<T>>, record));
}

/** A name field (also used for map keys, checked in `checkKeys`). */
export function nameSchema(kind: NameKind) {
  return z.string().superRefine((value, ctx) => {
    const problem = nameProblem(value, kind);
    if (problem) fail(ctx, "invalid-name", problem.message, problem.hint);
  });
}

const ipSchema = z.string().superRefine((value, ctx) => {
  if (parseIp(value) === undefined)
    fail(
      ctx,
      "invalid-ip",
      t`'${printable(value)}' is not an IPv4 address`,
      t`Write it as four numbers 0-255, e.g. 172.16.11.11.`,
    );
});

const subnetSchema = z.string().superRefine((value, ctx) => {
  const loose = parseCidr(value, false);
  if (!loose)
    fail(
      ctx,
      "invalid-cidr",
      t`'${printable(value)}' is not an IPv4 subnet`,
      t`Write it as address/prefix, e.g. 172.16.11.0/24.`,
    );
  else if (!parseCidr(value, true))
    fail(
      ctx,
      "invalid-cidr",
      t`'${value}' has host bits set; a subnet starts at its network address`,
      t`Did you mean ${formatCidr(loose.cidr)}? A subnet is written with its network address, e.g. 172.16.11.0/24.`,
    );
});

/** An interface address with its prefix, e.g. 192.168.0.102/24 (host bits allowed). */
const interfaceAddressSchema = z.string().superRefine((value, ctx) => {
  if (!parseCidr(value, false))
    fail(
      ctx,
      "invalid-cidr",
      t`'${printable(value)}' is not an interface address`,
      t`Write it as address/prefix, e.g. 192.168.0.102/24.`,
    );
});

const IMAGE = /^[a-z0-9][a-z0-9._/-]{0,254}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const imageSchema = z.string().superRefine((value, ctx) => {
  if (!IMAGE.test(value))
    fail(
      ctx,
      "invalid-image",
      t`image '${printable(value)}' is not a valid image reference`,
      t`Use a reference such as busybox, busybox:1.36 or registry.example.com/team/app:1.0 (lowercase, no spaces).`,
    );
});

const ARG_MAX = 4096;
const argumentSchema = z.string().superRefine((value, ctx) => {
  if (value.length > ARG_MAX)
    fail(ctx, "too-large", t`command argument is ${value.length} characters; the limit is ${ARG_MAX}`, t`Shorten it.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
    fail(
      ctx,
      "invalid-argument",
      t`command argument contains a control character`,
      t`Remove newlines and control characters.`,
    );
  if (/\p{Cs}/u.test(value))
    fail(
      ctx,
      "invalid-argument",
      t`command argument contains a lone UTF-16 surrogate, which has no UTF-8 encoding`,
      t`Remove it: a command line carries UTF-8 text only.`,
    );
});

export const VlanSchema = z.object({ address: interfaceAddressSchema.optional() }).strict();

export const NicSchema = z
  .object({
    address: interfaceAddressSchema.optional(),
    promisc: z.boolean().optional(),
    vlans: nameMap(VlanSchema).optional(),
  })
  .strict();

/**
 * A macvlan "shim" on a host: an interface of its own on a macvlan network's parent, with an address
 * and a route to the network's containers, so the host reaches its own macvlan containers (which the
 * parent NIC cannot: macvlan keeps a parent and its children apart).
 */
export const ShimSchema = z
  .object({
    /** The macvlan network (its parent on this host) the shim joins. */
    network: z.string(),
    /** Interface name on the host (at most 15 bytes). */
    name: nameSchema("interface"),
    /** The shim's own address, outside the containers' addresses. */
    ip: ipSchema,
  })
  .strict();

export const HostSchema = z
  .object({
    nics: nameMap(NicSchema),
    shims: z.array(ShimSchema).max(16).optional(),
  })
  .strict();

const perHost = <T extends z.ZodType>(value: T) => nameMap(value);

export const BridgeNetworkSchema = z
  .object({
    driver: z.literal("bridge"),
    /** One subnet used on every host the network is on. */
    subnet: subnetSchema.optional(),
    gateway: ipSchema.optional(),
    /** A subnet per host, for bridges routed between hosts. */
    subnets: perHost(subnetSchema).optional(),
    /** `routed`: static routes between the hosts' bridge subnets; `none`: one bridge per host, not joined. */
    cross_host: z.enum(["none", "routed"]).optional(),
    /** Linux bridge name on each host (default: the network name; at most 15 bytes). */
    bridge: nameSchema("interface").optional(),
  })
  .strict();

export const MacvlanNetworkSchema = z
  .object({
    driver: z.literal("macvlan"),
    subnet: subnetSchema.optional(),
    gateway: ipSchema.optional(),
    ip_range: subnetSchema.optional(),
    /** Parent per host: a NIC (`ens33`) or a VLAN sub-interface (`ens33.10`). NIC names differ between hosts. */
    parent: perHost(z.string()),
    mode: z.enum(["bridge", "private", "vepa", "passthru"]).optional(),
  })
  .strict();

const KV = /^(etcd|consul):\/\/[a-zA-Z0-9][a-zA-Z0-9.-]*:[0-9]{1,5}$/;
export const OverlayControlSchema = z.union([
  z.literal("swarm"),
  z
    .object({
      kv: z.string().superRefine((value, ctx) => {
        if (!KV.test(value))
          fail(
            ctx,
            "invalid-kv-url",
            t`'${printable(value)}' is not a KV store address`,
            t`Write etcd://HOST:2379 or consul://HOST:8500, where HOST is a host of this design or an IP address.`,
          );
      }),
    })
    .strict(),
]);

export const OverlayNetworkSchema = z
  .object({
    driver: z.literal("overlay"),
    control: OverlayControlSchema.optional(),
    subnet: subnetSchema.optional(),
    gateway: ipSchema.optional(),
    /** Where the engine draws dynamic addresses (and swarm its per-node load-balancer address) from. */
    ip_range: subnetSchema.optional(),
    attachable: z.boolean().optional(),
    encrypted: z.boolean().optional(),
  })
  .strict();

export const OvsNetworkSchema = z
  .object({
    driver: z.literal("ovs"),
    subnet: subnetSchema,
    gateway: ipSchema.optional(),
    /** OVS bridge name on each host (default: the network name). */
    bridge: nameSchema("interface").optional(),
    tunnel: z.enum(["vxlan", "gre"]).optional(),
    /** VXLAN network identifier / GRE key. */
    vni: z.number().int().min(1).max(16777215).optional(),
  })
  .strict();

export const FlannelNetworkSchema = z
  .object({
    driver: z.literal("flannel"),
    subnet: subnetSchema.optional(),
    etcd: z
      .string()
      .regex(/^etcd:\/\/[a-zA-Z0-9][a-zA-Z0-9.-]*:[0-9]{1,5}$/, "write etcd://HOST:2379")
      .optional(),
    backend: z.enum(["vxlan", "host-gw", "udp"]).optional(),
  })
  .strict();

export const WeaveNetworkSchema = z
  .object({
    driver: z.literal("weave"),
    subnet: subnetSchema.optional(),
  })
  .strict();

export const CalicoNetworkSchema = z
  .object({
    driver: z.literal("calico"),
    subnet: subnetSchema.optional(),
    etcd: z
      .string()
      .regex(/^etcd:\/\/[a-zA-Z0-9][a-zA-Z0-9.-]*:[0-9]{1,5}$/, "write etcd://HOST:2379")
      .optional(),
  })
  .strict();

export const NetworkSchema = z.discriminatedUnion("driver", [
  BridgeNetworkSchema,
  MacvlanNetworkSchema,
  OverlayNetworkSchema,
  OvsNetworkSchema,
  FlannelNetworkSchema,
  WeaveNetworkSchema,
  CalicoNetworkSchema,
]);

export const AttachmentSchema = z
  .object({
    ip: ipSchema.optional(),
    aliases: z.array(nameSchema("alias")).max(16).optional(),
  })
  .strict();

/** A TCP or UDP port, 1-65535, as a number. */
const portSchema = z.unknown().superRefine((value, ctx) => {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 65535)
    fail(
      ctx as z.core.$RefinementCtx<string>,
      "invalid-port",
      t`'${printable(String(value))}' is not a port`,
      t`Write a whole number from 1 to 65535, e.g. 80.`,
    );
}) as z.ZodType<number>;

/** What a container listens on: `{proto: tcp, port: 80}`. */
export const ServiceSchema = z.object({ proto: z.enum(["tcp", "udp"]), port: portSchema }).strict();

/**
 * A published port as `docker run -p` takes it, restricted to what Crossnet can check and quote:
 * `[ADDR:]HOSTPORT:PORT/(tcp|udp)` with an IPv4 ADDR and ports 1-65535 (no ranges).
 */
export const PUBLISH = /^(?:((?:\d{1,3}\.){3}\d{1,3}):)?(\d{1,5}):(\d{1,5})\/(tcp|udp)$/;

/** One `publish` entry, parsed; undefined when it is not well formed (see {@link PUBLISH}). */
export function parsePublish(
  value: string,
): { address?: string; hostPort: number; port: number; proto: "tcp" | "udp" } | undefined {
  const match = PUBLISH.exec(value);
  if (!match) return undefined;
  const [, address, hostPort, port, proto] = match;
  const numbers = [Number(hostPort), Number(port)];
  if (numbers.some((n) => n < 1 || n > 65535)) return undefined;
  if (address !== undefined && parseIp(address) === undefined) return undefined;
  return {
    ...(address === undefined ? {} : { address }),
    hostPort: numbers[0] ?? 0,
    port: numbers[1] ?? 0,
    proto: proto === "udp" ? "udp" : "tcp",
  };
}

const publishSchema = z.string().superRefine((value, ctx) => {
  if (!parsePublish(value))
    fail(
      ctx,
      "invalid-publish",
      t`'${printable(value)}' is not a published port`,
      t`Write HOSTPORT:PORT/tcp or ADDR:HOSTPORT:PORT/udp with ports 1-65535 and an IPv4 ADDR, e.g. 8080:80/tcp.`,
    );
});

export const ContainerSchema = z
  .object({
    host: z.string(),
    image: imageSchema,
    networks: nameMap(AttachmentSchema),
    command: z.array(argumentSchema).max(64).optional(),
    /** What the container listens on (the tcp/udp cells of the matrix test these). */
    services: z.array(ServiceSchema).max(64).optional(),
    /** Ports published on the host, as `docker run -p` takes them. */
    publish: z.array(publishSchema).max(64).optional(),
  })
  .strict();

export const TopologySchema = z
  .object({
    name: nameSchema("topology"),
    description: z.string().max(2000).optional(),
    hosts: nameMap(HostSchema),
    networks: nameMap(NetworkSchema).optional(),
    containers: nameMap(ContainerSchema).optional(),
  })
  .strict();

export type Topology = z.infer<typeof TopologySchema>;
export type Host = z.infer<typeof HostSchema>;
export type Nic = z.infer<typeof NicSchema>;
export type Vlan = z.infer<typeof VlanSchema>;
export type Network = z.infer<typeof NetworkSchema>;
export type Driver = Network["driver"];
export type BridgeNetwork = z.infer<typeof BridgeNetworkSchema>;
export type MacvlanNetwork = z.infer<typeof MacvlanNetworkSchema>;
export type OverlayNetwork = z.infer<typeof OverlayNetworkSchema>;
export type OvsNetwork = z.infer<typeof OvsNetworkSchema>;
export type Container = z.infer<typeof ContainerSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Shim = z.infer<typeof ShimSchema>;
export type Attachment = z.infer<typeof AttachmentSchema>;
export type OverlayControl = z.infer<typeof OverlayControlSchema>;

export const DRIVERS: readonly Driver[] = ["bridge", "macvlan", "overlay", "ovs", "flannel", "weave", "calico"];

/** Caps that keep parsing and planning bounded for untrusted input. */
export const LIMITS = { bytes: 1_048_576, hosts: 500, nicsPerHost: 64, networks: 1000, containers: 5000 } as const;
