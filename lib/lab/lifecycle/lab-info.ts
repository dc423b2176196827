import "server-only";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { LAB_INFO_FILE } from "../paths";
import type { LabSpec } from "../spec/spec";
import type { LabHostInfo } from "../types";

/** What `labStatus` reads: the running lab as `labUp` left it. */
export type LabInfo = {
  state: "building" | "up";
  name: string;
  inventoryPath: string;
  startedAt: string;
  spec: LabSpec;
  hosts: LabHostInfo[];
  emulated: string[];
  notices: string[];
};

/** Writes lab.json atomically. */
export function writeLabInfo(info: LabInfo, path = LAB_INFO_FILE): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(temp, path);
}

/** Reads lab.json, or null when there is no (readable) lab. */
export function readLabInfo(path = LAB_INFO_FILE): LabInfo | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof value !== "object" || value === null) return null;
    const info = value as Partial<LabInfo>;
    if (typeof info.name !== "string" || !info.spec || !Array.isArray(info.hosts)) return null;
    return value as LabInfo;
  } catch {
    return null;
  }
}
