import "server-only";
import type { LabTools } from "../os/preflight";
import type { LabSpec } from "../spec/spec";
import type { LabEventSink } from "./events";

/** What every step of one bring-up shares. */
export type UpContext = {
  tools: LabTools;
  spec: LabSpec;
  onEvent?: LabEventSink;
  /** Public key line allowed to log in as root on every host. */
  clientPublicKey: string;
  /** The busybox tarball, built once for all hosts. */
  tarball: Promise<string>;
  /** Settles when the KV store answers (null when the spec has none). */
  kvReady: Promise<void> | null;
  /** Called by the KV host once etcd answers, or with the error that stopped it. */
  settleKv: (error?: unknown) => void;
  /**
   * Runs the start of one KV-store member's dockerd (up to its serf gossip listening), one host at a
   * time: see startDockerd for why they must not start together.
   */
  kvDaemonTurn: <T>(task: () => Promise<T>) => Promise<T>;
};

/** A promise with its resolve/reject exposed; never reported as unhandled. */
export function deferred(): { promise: Promise<void>; settle: (error?: unknown) => void } {
  let settle: (error?: unknown) => void = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    settle = (error?: unknown) => (error === undefined ? resolve() : reject(error));
  });
  promise.catch(() => {});
  return { promise, settle };
}
