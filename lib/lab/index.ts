/**
 * The embedded lab: emulated hosts (namespaces with their own dockerd, sshd, NICs, VLANs) on this
 * machine, and the inventory that lets the rest of Crossnet treat them like real machines.
 */

import "server-only";

export { isLabError, LabError, type LabErrorCode, type LabSpecIssue } from "./errors";
export { BUSYBOX_IMAGE } from "./host/busybox-image";
export { sshFingerprint } from "./host/fingerprint";
export { hostArgv, hostExec, switchArgv } from "./host/host-exec";
export type { LabEvent, LabEventSink } from "./lifecycle/events";
export { DEFAULT_INVENTORY_PATH, labHostsFromInventory, readInventory } from "./lifecycle/inventory";
export { type LabDownOptions, labDown } from "./lifecycle/lab-down";
export { labStatus } from "./lifecycle/lab-status";
export { type LabUpOptions, labUp } from "./lifecycle/lab-up";
export { findLabLeftovers } from "./lifecycle/leftovers";
export type { CommandResult } from "./os/run";
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
} from "./spec/engines";
export { labSpecFromTopology } from "./spec/from-topology";
export type { LabHostSpec, LabKvSpec, LabNicSpec, LabSpec } from "./spec/spec";
export { labSpecForHosts } from "./spec/spec-for-hosts";
export { validateLabSpec } from "./spec/validate-spec";
export type {
  LabDaemonStatus,
  LabDownResult,
  LabHostInfo,
  LabHostStatus,
  LabStatus,
  LabUpResult,
} from "./types";
