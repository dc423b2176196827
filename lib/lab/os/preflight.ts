import "server-only";
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from "node:fs";
import { delimiter, join } from "node:path";
import { LabError } from "../errors";
import { engineOf, enginePrograms } from "../spec/engines";
import { hostNeedsOvs, type LabSpec } from "../spec/spec";

/** Programs the lab runs, with the Debian package providing each. */
const TOOLS = {
  ip: "iproute2",
  nsenter: "util-linux",
  unshare: "util-linux",
  mount: "mount",
  umount: "mount",
  mkdir: "coreutils",
  ln: "coreutils",
  hostname: "hostname",
  sysctl: "procps",
  tar: "tar",
  dockerd: "docker.io",
  containerd: "containerd",
  runc: "runc",
  iptables: "iptables",
  sshd: "openssh-server",
  "ssh-keygen": "openssh-client",
  dnsmasq: "dnsmasq-base",
  "ovsdb-tool": "openvswitch-switch",
  "ovsdb-server": "openvswitch-switch",
  "ovs-vswitchd": "openvswitch-switch",
  "ovs-vsctl": "openvswitch-switch",
  etcd: "etcd-server",
} as const;

export type ToolName = keyof typeof TOOLS;
/** Absolute path of each program the lab needs. */
export type LabTools = Record<ToolName, string> & { busybox: string; ovsSchema: string };

/** Statically linked busybox from Debian's busybox-static, the root of the lab's busybox image. */
export const BUSYBOX_PATH = "/bin/busybox";
export const OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

const EXTRA_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

/** Finds `name` in PATH plus the sbin directories, or returns null. */
export function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** True when `path` exists (following symlinks) and is executable. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Throws a {@link LabError} unless this is Linux and we are root. */
export function requireLinuxRoot(what: string): void {
  if (process.platform !== "linux") {
    throw new LabError(
      "unsupported-platform",
      `${what} needs Linux (network namespaces, veth, bridges); this is ${process.platform}`,
      "Run it on a Linux machine or VM, e.g. Debian 12.",
    );
  }
  if (typeof process.getuid === "function" && process.getuid() !== 0) {
    throw new LabError(
      "not-root",
      `${what} needs root: it creates network namespaces, mounts and daemons (running as uid ${process.getuid()})`,
      "Run it as root, e.g. `sudo node bin/crossnet.js lab …`.",
    );
  }
}

/**
 * Checks Linux, root and every program the spec needs (OVS only with VLANs, etcd only with a KV store,
 * Docker 26's unpacked programs only when a host runs it) and returns their paths; otherwise one error listing everything missing with its Debian package.
 */
export function checkPrerequisites(spec: LabSpec | null): LabTools {
  requireLinuxRoot("the lab");
  const needsOvs = spec === null || spec.hosts.some(hostNeedsOvs);
  const needsEtcd = spec === null || spec.kv !== undefined;
  const missing: string[] = [];
  const found: Partial<Record<ToolName, string>> = {};
  for (const [name, pkg] of Object.entries(TOOLS) as [ToolName, string][]) {
    const optional = (name.startsWith("ovs") && !needsOvs) || (name === "etcd" && !needsEtcd);
    const path = findProgram(name);
    if (path) found[name] = path;
    else if (!optional) missing.push(`${name} (package ${pkg})`);
    else found[name] = name;
  }
  if (!existsSync(BUSYBOX_PATH)) missing.push(`${BUSYBOX_PATH} (package busybox-static)`);
  else if (!isStaticElf(BUSYBOX_PATH)) {
    missing.push(
      `a statically linked ${BUSYBOX_PATH} (package busybox-static; the dynamic busybox cannot run in the image)`,
    );
  }
  if (needsOvs && !existsSync(OVS_SCHEMA)) missing.push(`${OVS_SCHEMA} (package openvswitch-switch)`);
  for (const engine of new Set(spec?.hosts.map(engineOf) ?? [])) {
    for (const program of Object.values(enginePrograms(engine) ?? {})) {
      if (!isExecutable(program)) missing.push(`${program} (Docker ${engine}, unpacked by scripts/setup-lab.sh)`);
    }
  }
  if (missing.length > 0) {
    throw new LabError(
      "missing-prerequisites",
      `the lab cannot start: missing ${missing.join(", ")}`,
      "Run scripts/setup-lab.sh as root (Debian/Ubuntu) to install them.",
    );
  }
  return { ...(found as Record<ToolName, string>), busybox: BUSYBOX_PATH, ovsSchema: OVS_SCHEMA };
}

/** True when the ELF file at `path` has no program interpreter (PT_INTERP), i.e. is static. */
export function isStaticElf(path: string): boolean {
  const header = Buffer.alloc(4096);
  const fd = openSync(path, "r");
  let size: number;
  try {
    size = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 64 || header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2) return false;
  const phoff = Number(header.readBigUInt64LE(32));
  const phentsize = header.readUInt16LE(54);
  const phnum = header.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > size) return false;
    if (header.readUInt32LE(at) === 3) return false;
  }
  return true;
}
