import { z } from "zod";

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

const hostName = z
  .string()
  .max(63)
  .regex(NAME, "must start with a letter or digit and use only letters, digits, '_', '.', '-'");

const ipv4 = z.ipv4({ message: "must be an IPv4 address such as 198.18.0.11" });

/** Docker endpoint of a host. Plain remote TCP is refused: it is root for anyone on the network. */
export const DockerEndpointSchema = z.union([
  z.object({ endpoint: z.literal("ssh") }).strict(),
  z
    .object({
      endpoint: z.string().regex(/^unix:\/\/\/[A-Za-z0-9_./-]+$/, "must look like unix:///run/docker.sock"),
    })
    .strict(),
  z
    .object({
      endpoint: z.string().regex(/^tcp:\/\/[A-Za-z0-9.-]+:\d{1,5}$/, "must look like tcp://host:2376"),
      tls: z.object({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) }).strict(),
    })
    .strict(),
]);

/** `{ endpoint: "tcp://…" }` without TLS files: the Docker API open to anyone on the network. */
function isPlainTcp(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.endpoint === "string" && record.endpoint.startsWith("tcp://") && record.tls === undefined;
}

export const InventoryHostSchema = z
  .object({
    /** Management address used for SSH. */
    address: ipv4,
    ssh: z
      .object({
        port: z.number().int().min(1).max(65535).default(22),
        user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, "must be a POSIX user name"),
        /** Path to a private key file, or `agent` to use $SSH_AUTH_SOCK. */
        key: z.string().min(1),
        /** Pinned host key, checked before authentication. */
        hostKey: z.string().regex(FINGERPRINT, "must be an OpenSSH SHA256 fingerprint (ssh-keygen -lf key.pub)"),
      })
      .strict(),
    docker: z
      .unknown()
      .optional()
      .transform((value, ctx): DockerEndpoint => {
        if (value === undefined) return { endpoint: "ssh" };
        if (isPlainTcp(value)) {
          ctx.addIssue({
            code: "custom",
            message:
              "plain TCP to the Docker API is refused: anyone who can reach it is root on the host. Use `endpoint: ssh`, a unix socket, or tcp:// with tls: {ca, cert, key}",
          });
          return z.NEVER;
        }
        const parsed = DockerEndpointSchema.safeParse(value);
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        return z.NEVER;
      }),
  })
  .strict();

export const InventorySchema = z
  .object({
    /** Set by `crossnet lab up`: which lab wrote this file and what it emulates. */
    lab: z
      .object({
        name: z.string(),
        emulated: z.array(z.string()).default([]),
        notices: z.array(z.string()).default([]),
        /** The KV store the lab serves (etcd), e.g. `etcd://192.168.0.101:2379`, also for designs that asked for Consul. */
        kv: z
          .string()
          .regex(/^etcd:\/\/[0-9.]+:[0-9]{1,5}$/)
          .optional(),
        /**
         * Docker engine of each lab host that does not run the default 20.10, e.g. `{ node-2: "26" }`
         * (informative: `observe` reads every host's engine and API version from the host itself).
         */
        docker: z.record(hostName, z.enum(["20.10", "26"])).optional(),
      })
      .strict()
      .optional(),
    hosts: z.record(hostName, InventoryHostSchema),
  })
  .strict();

export type Inventory = z.infer<typeof InventorySchema>;
export type InventoryHost = z.infer<typeof InventoryHostSchema>;
export type DockerEndpoint = z.infer<typeof DockerEndpointSchema>;
