import "server-only";
import { readFileSync } from "node:fs";

/** Mount points of this process's mount namespace, in mount order (later mounts stack on earlier ones). */
export function listMountPoints(mountinfo = readFileSync("/proc/self/mountinfo", "utf8")): string[] {
  const points: string[] = [];
  for (const line of mountinfo.split("\n")) {
    const field = line.split(" ")[4];
    if (field)
      points.push(
        field.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))),
      );
  }
  return points;
}

/** True when `path` is `dir` or lies below it. */
export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * Mount points under any of `dirs`, in the order to unmount them: deepest first, and among mounts
 * stacked on one path, the last mounted first.
 */
export function mountsToUnmount(points: readonly string[], dirs: readonly string[]): string[] {
  return points
    .map((point, order) => ({ point, order }))
    .filter(({ point }) => dirs.some((dir) => isUnder(point, dir)))
    .sort((a, b) => b.point.split("/").length - a.point.split("/").length || b.order - a.order)
    .map(({ point }) => point);
}
