#!/usr/bin/env bash
# Runs a command in a private network namespace with private /run, /var/lib and /sys, so that a second
# lab (e.g. a test run) can live next to another engineer's lab on a shared development machine; the lab
# is taken down when the command ends. Cgroups and the kernel stay shared: the two labs must use different
# host names (each host's containers live in cgroup cn-<host>).
# Usage (root): scripts/lab-sandbox.sh npx vitest run --project lab lib/lab
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "lab-sandbox.sh: run as root" >&2
  exit 1
fi
if [ "${CN_LAB_SANDBOX:-}" != "inner" ]; then
  exec unshare --net --mount --propagation private env CN_LAB_SANDBOX=inner "$0" "$@"
fi

root=$(cd "$(dirname "$0")/.." && pwd)
ip link set lo up
stage=$(mktemp -d /tmp/cn-sandbox-cgroup.XXXXXX)
mount --rbind /sys/fs/cgroup "$stage"
mount -t sysfs cn-sandbox-sysfs /sys
mount --move "$stage" /sys/fs/cgroup
rmdir "$stage"
# Detach the copies of the machine's mounts under /run and /var/lib (e.g. another lab's namespace files):
# hidden under the new tmpfs they would still show in /proc/self/mountinfo and pin those namespaces.
awk '{print $5}' /proc/self/mountinfo | grep -E '^/(run|var/lib)/' | sort -r | while read -r point; do
  umount -l "$point" 2>/dev/null || true
done
mount -t tmpfs -o mode=0755 cn-sandbox-run /run
mkdir -p /run/netns /run/lock
mount -t tmpfs -o mode=0755 cn-sandbox-varlib /var/lib

status=0
"$@" || status=$?
node "$root/bin/crossnet.js" lab down >/dev/null || true
exit "$status"
