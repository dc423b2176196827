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
  tini                 # docker-init, for both engines (Docker 26 is fetched and unpacked further down)
  openvswitch-switch   # userspace OVS standing in for 802.1q sub-interfaces
  etcd-server          # KV store for overlay networks the pre-swarm way (etcd 3.4, v2 API)
  etcd-client          # etcdctl, for inspection
  openssh-server       # one sshd per emulated host
  openssh-client       # ssh-keygen
  busybox-static       # the lab's busybox image (static, no libc needed in the image)
  dnsmasq-base         # local resolver answering NXDOMAIN at once inside each host
  iproute2
  iptables
  tcpdump              # captures inside hosts and on the lab's wire (crossnet capture/trace)
  tshark               # Wireshark's dissectors, decoding captures on the dashboard machine
  iperf3               # throughput between containers (crossnet perf)
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
for tool in dockerd containerd runc ovsdb-server ovs-vswitchd ovs-vsctl etcd sshd ssh-keygen dnsmasq nsenter unshare ip tcpdump tshark iperf3; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ] && [ ! -x "/sbin/$tool" ]; then
    echo "setup-lab.sh: $tool is still missing after installation" >&2
    exit 1
  fi
done
if [ ! -x /bin/busybox ]; then
  echo "setup-lab.sh: /bin/busybox is missing (package busybox-static)" >&2
  exit 1
fi

# --- A current Docker next to the system's 20.10 -------------------------------------------------------------
# Debian 13 (trixie)'s docker.io (dockerd 26.1.x), fetched with apt so apt verifies its signature chain, then
# unpacked (not installed) into /opt/cn-engines/docker-26: the system's docker.io 20.10 stays the installed one
# (the KV-store overlay needs it; Docker 23 removed --cluster-store). Its own apt configuration (sources list,
# lists, cache, empty preferences) lives under /var/cache/cn-engines/apt, so the system's apt state is untouched.
# The mirror is the one this machine's own apt sources name (read at run time; none is written here).
ENGINE26_DIR=/opt/cn-engines/docker-26
ENGINE26_APT=/var/cache/cn-engines/apt

engine26_ok() {
  [ -x "$ENGINE26_DIR/usr/sbin/dockerd" ] && [ -x "$ENGINE26_DIR/usr/sbin/docker-proxy" ] &&
    [ -x "$ENGINE26_DIR/usr/bin/docker-init" ] &&
    "$ENGINE26_DIR/usr/sbin/dockerd" --version 2>/dev/null | grep -q 'version 26\.1\.'
}

# First URI of the machine's Debian archive (not -security, not a third-party repo) from sources.list(.d).
debian_mirror_uri() {
  local file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
         if ($(i+1) ~ /^(bookworm|trixie|stable|testing|sid|unstable)$/) { print $i; exit } }' "$file"
  done
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # deb822 stanzas: print the URIs of a stanza whose Suites include a plain Debian suite.
    awk 'BEGIN { RS = ""; FS = "\n" }
         { uris = ""; plain = 0; enabled = 1
           for (n = 1; n <= NF; n++) {
             line = $n; sub(/^[ \t]+/, "", line)
             if (line ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", line); split(line, u, /[ \t]+/); uris = u[1] }
             if (line ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", line); m = split(line, s, /[ \t]+/)
               for (k = 1; k <= m; k++) if (s[k] ~ /^(bookworm|trixie|stable|testing|sid|unstable)$/) plain = 1 }
             if (line ~ /^Enabled:[ \t]*no/) enabled = 0 }
           if (uris != "" && plain && enabled) { print uris; exit } }' "$file"
  done | head -n 1
}

if engine26_ok; then
  echo "setup-lab.sh: $ENGINE26_DIR already holds $("$ENGINE26_DIR/usr/sbin/dockerd" --version)"
else
  mirror="$(debian_mirror_uri)"
  if [ -z "$mirror" ]; then
    echo "setup-lab.sh: no Debian archive URI found in /etc/apt/sources.list or /etc/apt/sources.list.d/ (needed to fetch trixie's docker.io)" >&2
    exit 1
  fi
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  mkdir -p "$ENGINE26_APT/lists/partial" "$ENGINE26_APT/cache/archives/partial" "$ENGINE26_APT/etc/preferences.d" \
    "$ENGINE26_APT/etc/sources.list.d" "$ENGINE26_APT/debs"
  printf 'deb [signed-by=%s] %s trixie main\n' "$keyring" "$mirror" >"$ENGINE26_APT/etc/sources.list"
  apt_own=(
    -o "Dir::Etc::SourceList=$ENGINE26_APT/etc/sources.list"
    -o "Dir::Etc::SourceParts=$ENGINE26_APT/etc/sources.list.d"
    -o "Dir::Etc::Preferences=$ENGINE26_APT/etc/preferences"
    -o "Dir::Etc::PreferencesParts=$ENGINE26_APT/etc/preferences.d"
    -o "Dir::State::Lists=$ENGINE26_APT/lists"
    -o "Dir::Cache=$ENGINE26_APT/cache"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
    -o "APT::Get::List-Cleanup=0"
  )
  echo "setup-lab.sh: fetching Debian 13's docker.io from $mirror (own apt configuration in $ENGINE26_APT)"
  if ! update_log="$(apt-get "${apt_own[@]}" -q update 2>&1)" || printf '%s\n' "$update_log" | grep -qE '^(W|E): '; then
    printf '%s\n' "$update_log" >&2
    echo "setup-lab.sh: apt-get update of the trixie sources failed (see above); docker 26 was not fetched." >&2
    echo "  (NO_PUBKEY / not signed: Debian 12's debian-archive-keyring 2023.3+deb12u1 or later carries trixie's keys; apt-get install debian-archive-keyring)" >&2
    exit 1
  fi
  rm -f "$ENGINE26_APT"/debs/docker.io_*.deb
  # apt fetches as its sandbox user _apt; let it write the download dir (else it warns and fetches as root).
  if id _apt >/dev/null 2>&1; then chown _apt "$ENGINE26_APT/debs"; fi
  if ! (cd "$ENGINE26_APT/debs" && apt-get "${apt_own[@]}" -q download docker.io); then
    echo "setup-lab.sh: apt-get download docker.io (trixie) failed (see above); docker 26 was not fetched" >&2
    exit 1
  fi
  deb="$(ls "$ENGINE26_APT"/debs/docker.io_*.deb)"
  staging="$ENGINE26_DIR.partial"
  rm -rf "$staging"
  mkdir -p "$staging"
  dpkg-deb -x "$deb" "$staging"
  # The package's docker-init is a relative link to tini-static, which its dependency `tini` installs in
  # /usr/bin (Debian 12's tini, also a dependency of the system's docker.io): point it there.
  if [ -L "$staging/usr/bin/docker-init" ] && [ ! -e "$staging/usr/bin/docker-init" ]; then
    if [ ! -x /usr/bin/tini-static ]; then
      echo "setup-lab.sh: /usr/bin/tini-static is missing (package tini), needed as docker 26's docker-init" >&2
      exit 1
    fi
    ln -sfn /usr/bin/tini-static "$staging/usr/bin/docker-init"
  fi
  rm -rf "$ENGINE26_DIR"
  mv "$staging" "$ENGINE26_DIR"
  if ! engine26_ok; then
    "$ENGINE26_DIR/usr/sbin/dockerd" --version >&2 || true
    echo "setup-lab.sh: $ENGINE26_DIR/usr/sbin/dockerd is not a working dockerd 26.1.x (unpacked from $deb)" >&2
    exit 1
  fi
  echo "setup-lab.sh: unpacked $("$ENGINE26_DIR/usr/sbin/dockerd" --version) into $ENGINE26_DIR"
fi

echo "setup-lab.sh: ready"
