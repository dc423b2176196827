#!/usr/bin/env bash
# Installs the Debian packages Crossnet's embedded lab and test suite need, when missing.
# Run as root on Debian 12 (CI runs it on a fresh machine). Idempotent; installs nothing already there.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-lab.sh: run as root (it installs Debian packages)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-lab.sh: apt-get not found; install the packages listed in this script with your package manager" >&2
  exit 1
fi

packages=(
  docker.io            # dockerd 20.10 + containerd + runc: one dockerd per emulated host
  openvswitch-switch   # userspace OVS standing in for 802.1q sub-interfaces
  etcd-server          # KV store for overlay networks the pre-swarm way (etcd 3.4, v2 API)
  etcd-client          # etcdctl, for inspection
  openssh-server       # one sshd per emulated host
  openssh-client       # ssh-keygen
  busybox-static       # the lab's busybox image (static, no libc needed in the image)
  dnsmasq-base         # local resolver answering NXDOMAIN at once inside each host
  iproute2
  iptables
  tcpdump
  util-linux           # nsenter, unshare
  mount
  procps               # sysctl
  hostname
  tar
  iputils-ping
  bridge-utils
  mininet
  chromium             # Playwright end-to-end tests
  fonts-wqy-microhei   # CJK glyphs, so the Chinese pages' screenshots are legible
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-lab.sh: all packages already installed"
else
  echo "setup-lab.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The packages may start system daemons (dockerd, etcd, ovs) in the root namespace; the lab neither uses nor
# touches them: each emulated host runs its own, on its own sockets, inside its own namespaces.
for tool in dockerd containerd runc ovsdb-server ovs-vswitchd ovs-vsctl etcd sshd ssh-keygen dnsmasq nsenter unshare ip tcpdump; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ] && [ ! -x "/sbin/$tool" ]; then
    echo "setup-lab.sh: $tool is still missing after installation" >&2
    exit 1
  fi
done
if [ ! -x /bin/busybox ]; then
  echo "setup-lab.sh: /bin/busybox is missing (package busybox-static)" >&2
  exit 1
fi
echo "setup-lab.sh: ready"
