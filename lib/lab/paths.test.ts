import { describe, expect, it } from "vitest";
import {
  hostPaths,
  MAX_HOST_NAME,
  MAX_LAB_HOSTS,
  mgmtAddress,
  ovsBridgeName,
  switchMgmtPortName,
  switchPortName,
  vlanIfName,
} from "./paths";

describe("lab naming", () => {
  it("gives hosts management addresses from 198.18.0.11 up", () => {
    expect(mgmtAddress(0)).toBe("198.18.0.11");
    expect(mgmtAddress(1)).toBe("198.18.0.12");
    expect(mgmtAddress(MAX_LAB_HOSTS - 1)).toBe("198.18.0.210");
    expect(() => mgmtAddress(MAX_LAB_HOSTS)).toThrow(RangeError);
    expect(() => mgmtAddress(-1)).toThrow(RangeError);
  });

  it("keeps every switch-side interface name within 15 bytes and cn- prefixed", () => {
    for (const name of [switchPortName(MAX_LAB_HOSTS - 1, 63), switchMgmtPortName(MAX_LAB_HOSTS - 1)]) {
      expect(name.length).toBeLessThanOrEqual(15);
      expect(name.startsWith("cn-")).toBe(true);
    }
    expect(switchPortName(0, 0)).toBe("cn-h1-n0");
    expect(switchMgmtPortName(1)).toBe("cn-h2-m");
    expect(ovsBridgeName(63).length).toBeLessThanOrEqual(15);
    expect(vlanIfName("ens33", 10)).toBe("ens33.10");
  });

  it("keeps unix socket paths under the kernel's 108-byte limit for the longest host name", () => {
    const paths = hostPaths("h".repeat(MAX_HOST_NAME));
    const containerdSocket = `${paths.dockerExecRoot}/containerd/containerd.sock.ttrpc`;
    for (const socket of [paths.dockerSocket, containerdSocket, `${paths.ovsDir}/cnovs63.snoop`]) {
      expect(Buffer.byteLength(socket)).toBeLessThan(108);
    }
  });

  it("puts namespace files outside the run dir that hosts bind in", () => {
    const paths = hostPaths("node-1");
    expect(paths.netns).toBe("cn-node-1");
    expect(paths.utsFile.startsWith("/run/cn-lab-ns/")).toBe(true);
    expect(paths.mntFile.startsWith("/run/cn-lab-ns/")).toBe(true);
    expect(paths.dockerSocket).toBe("/run/cn-lab/node-1/docker.sock");
  });
});
