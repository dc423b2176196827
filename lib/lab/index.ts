/**
 * The embedded lab: emulated hosts (namespaces with their own dockerd, sshd, NICs, VLANs) on this
 * machine, and the inventory that lets the rest of Crossnet treat them like real machines.
 */

export { BUSYBOX_IMAGE } from "./busybox-image";
export {
  DEFAULT_LAB_ENGINE,
  ENGINE_26_DIR,
  type EngineChoice,
  engineApiVersion,
  isLabEngine,
  LAB_ENGINES,
  type LabEngine,
  parseEngineChoice,
  withEngines,
} from "./engines";
export { isLabError, LabError, type LabErrorCode, type LabSpecIssue } from "./errors";
export type { LabEvent, LabEventSink } from "./events";
export { sshFingerprint } from "./fingerprint";
export { labSpecFromTopology } from "./from-topology";
export { hostArgv, hostExec, switchArgv } from "./host-exec";
export { DEFAULT_INVENTORY_PATH, labHostsFromInventory, readInventory } from "./inventory";
export { type LabDownOptions, labDown } from "./lab-down";
export { labStatus } from "./lab-status";
export { type LabUpOptions, labUp } from "./lab-up";
export { findLabLeftovers } from "./leftovers";
export {
  DATA_BRIDGE,
  hostPaths,
  LAB_NS_DIR,
  LAB_RUN_DIR,
  LAB_STATE_DIR,
  MGMT_GATEWAY,
  MGMT_PROHIBIT,
  SWITCH_NETNS,
} from "./paths";
export type { CommandResult } from "./run";
export type { LabHostSpec, LabKvSpec, LabNicSpec, LabSpec } from "./spec";
export { labSpecForHosts } from "./spec-for-hosts";
export type {
  LabDaemonStatus,
  LabDownResult,
  LabHostInfo,
  LabHostStatus,
  LabStatus,
  LabUpResult,
} from "./types";
export { validateLabSpec } from "./validate-spec";
