import "server-only";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runChecked } from "../os/run";

/** Image every lab host gets, imported from Debian's static busybox (no registry in the lab). */
export const BUSYBOX_IMAGE = { repo: "busybox", tag: "latest" } as const;

/** Directories of the image besides the applets' own. */
const IMAGE_DIRS = ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "tmp", "var", "proc", "sys", "dev", "home"];

/** Files of the image's /etc: root and nobody, as in the official busybox image. */
export const IMAGE_ETC = {
  passwd: "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
  group: "root:x:0:\nnogroup:x:65534:\n",
} as const;

/**
 * Applet paths (as `busybox --list-full` prints them, e.g. `bin/sh`) turned into the image's symlinks
 * to /bin/busybox; busybox itself, odd entries and duplicates are dropped.
 */
export function appletLinks(listFull: string): string[] {
  const links = new Set<string>();
  for (const raw of listFull.split("\n")) {
    const line = raw.trim().replace(/^\/+/, "");
    if (!/^[a-z0-9_/.[-]+$/i.test(line) || line.includes("..") || line === "bin/busybox") continue;
    links.add(line);
  }
  return [...links].sort();
}

/**
 * Builds the busybox root filesystem tarball (about 2 MB) in `outDir`: /bin/busybox, one symlink per
 * applet, /etc/passwd and /etc/group. Returns the tarball path.
 */
export async function buildBusyboxTarball(tools: { busybox: string; tar: string }, outDir: string): Promise<string> {
  // Under outDir (the lab state dir), so a crash mid-build leaves nothing that `lab down` does not remove.
  const root = mkdtempSync(join(outDir, "busybox-root-"));
  try {
    for (const dir of IMAGE_DIRS) mkdirSync(join(root, dir), { recursive: true });
    copyFileSync(tools.busybox, join(root, "bin/busybox"));
    const list = await runChecked("list busybox applets", [tools.busybox, "--list-full"]);
    for (const link of appletLinks(list)) {
      mkdirSync(join(root, dirname(link)), { recursive: true });
      symlinkSync("/bin/busybox", join(root, link));
    }
    writeFileSync(join(root, "etc/passwd"), IMAGE_ETC.passwd);
    writeFileSync(join(root, "etc/group"), IMAGE_ETC.group);
    const tarball = join(outDir, "busybox.tar");
    await runChecked("pack the busybox image", [
      tools.tar,
      "--numeric-owner",
      "--owner=0",
      "--group=0",
      "-C",
      root,
      "-cf",
      tarball,
      ".",
    ]);
    return tarball;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
