import "server-only";
import type { Inventory } from "../inventory/schema";
import type { LabDaemon } from "./paths";
import type { LabEngine } from "./spec/engines";

/** One emulated host as built. */
export type LabHostInfo = {
  name: string;
  /** Network namespace, e.g. `cn-node-1`. */
  netns: string;
  mgmtAddress: string;
  /** The host's dockerd, reachable from this machine (and as /run/docker.sock inside the host). */
  dockerSocket: string;
  /** OpenSSH SHA256 fingerprint of the host's fresh ed25519 host key. */
  hostKey: string;
  /** The Docker engine it runs (absent in lab.json files written before engines could be chosen: 20.10). */
  docker?: LabEngine;
  nics: {
    name: string;
    address?: string;
    promisc: boolean;
    vlans: { vid: number; name: string; address?: string }[];
  }[];
};

/** What `labUp` returns. */
export type LabUpResult = {
  name: string;
  inventoryPath: string;
  inventory: Inventory;
  /** Private key that logs in as root on every lab host (0600). */
  keyPath: string;
  hosts: LabHostInfo[];
  /** What the lab emulates and how, one sentence each. */
  emulated: string[];
  /** Things the user should know, e.g. that etcd serves instead of Consul. */
  notices: string[];
  durationMs: number;
};

/** What `labDown` removed. Zero everywhere means there was nothing to remove. */
export type LabDownResult = {
  /** True when a lab (or leftovers of one) was found. */
  found: boolean;
  removed: {
    containers: number;
    processes: number;
    mounts: number;
    cgroups: number;
    netns: number;
    links: number;
    routes: number;
    dirs: number;
  };
  /** Problems that did not stop the teardown (e.g. a process that needed SIGKILL). */
  warnings: string[];
  durationMs: number;
};

/** One daemon of a host as `labStatus` sees it. */
export type LabDaemonStatus = { name: LabDaemon; pid: number | null; alive: boolean };

/** One host as `labStatus` sees it. */
export type LabHostStatus = LabHostInfo & { netnsPresent: boolean; daemons: LabDaemonStatus[] };

/** State of the lab: `down` (nothing), `building` (up in progress or crashed), `up`, `degraded` (a daemon died). */
export type LabStatus = {
  state: "down" | "building" | "up" | "degraded";
  name: string | null;
  inventoryPath: string | null;
  hosts: LabHostStatus[];
  emulated: string[];
  notices: string[];
  /** Leftover `cn-` namespaces and links found on the machine (also when state is `down`). */
  leftovers: string[];
};
