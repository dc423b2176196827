import type { Page } from "@playwright/test";
import { listUsers } from "../../lib/auth/users";
import { listInventories } from "../../lib/store/inventories";
import { openStore } from "../../lib/store/open";
import { listTopologies } from "../../lib/store/topologies";

/**
 * Latin words allowed in the Chinese interface: product and protocol names, commands and their
 * flags, Docker's driver names, roles and formats. Anything else in Latin letters on a zh-CN page
 * is English that was left untranslated. Names from the design (hosts, NICs, networks, containers,
 * images) are added per test from the designs it opens.
 */
export const ZH_ALLOWED_WORDS: readonly string[] = [
  // product, tools and protocols
  "ssh-agent",
  "PEM",
  "Mbit",
  "Gbit",
  "Mbit/s",
  "Gbit/s",
  // who recorded the big-design fixture runs (e2e/support/big-designs.ts), shown as the run's author
  "e2e-fixture",
  // Crossnet's commands, named as typed
  "apply",
  "destroy",
  "Crossnet",
  "crossnet",
  "Docker",
  "docker",
  "dockerd",
  "Swarm",
  "swarm",
  "etcd",
  "Consul",
  "consul",
  "OVS",
  "Open",
  "vSwitch",
  "ovs-vsctl",
  "SSH",
  "ssh",
  "sshd",
  "OpenSSH",
  "IP",
  "IPv4",
  "IPv6",
  "MAC",
  "MTU",
  "TCP",
  "UDP",
  "ICMP",
  "ARP",
  "DNS",
  "HTTP",
  "HTTPS",
  "API",
  "CLI",
  "URL",
  "UTC",
  "KV",
  "VLAN",
  "VXLAN",
  "L2",
  "L3",
  "NIC",
  "veth",
  "CSV",
  "JSON",
  "Lines",
  "YAML",
  "SVG",
  "PNG",
  "UUID",
  "SHA256",
  "ed25519",
  "ssh-ed25519",
  "RSA",
  "ECDSA",
  "syslog",
  "tshark",
  "iperf3",
  "pcap",
  "namespace",
  "netns",
  "Linux",
  "Chromium",
  "GitHub",
  "Next.js",
  "busybox",
  "alpine",
  "nginx",
  "root",
  // Docker network drivers and modes, named as Docker names them
  "macvlan",
  "ipvlan",
  "overlay",
  "bridge",
  "host",
  "none",
  "promisc",
  "promiscuous",
  "802.1Q",
  "dot1q",
  "bad",
  "address", // busybox's own error text "bad address", quoted as the tool prints it
  // commands a student types
  "ping",
  "ip",
  "link",
  "addr",
  "route",
  "exec",
  "network",
  "create",
  "connect",
  "disconnect",
  "inspect",
  "ls",
  "rm",
  "run",
  "up",
  "down",
  "set",
  "on",
  "off",
  "add",
  "del",
  "dev",
  "type",
  "id",
  "vlan",
  "nslookup",
  // product names of the palette's drivers and plugins, as their projects write them
  "Bridge",
  "Macvlan",
  "Overlay",
  "Flannel",
  "Weave",
  "Calico",
  "dnsmasq",
  "ovs-docker",
  "docker_gwbridge",
  // Docker's own words, quoted from its output with their meaning beside them
  "SCOPE",
  "global",
  "attachable",
  // the language switch names the other language in that language
  "English",
  // the lab's inventory, and example names in placeholders
  "lab",
  "my-network",
  "office-lab",
  // roles and formats
  "admin",
  "operator",
  "viewer",
  "cli",
  "ms",
];

/** A token that is a value rather than a word: addresses, times, hashes, ids, paths, sizes. */
const VALUE_PATTERNS: readonly RegExp[] = [
  /^\d+(\.\d+){3}(\/\d+)?$/, // IPv4, CIDR
  /^[0-9a-f:]+$/i, // hex, MAC, IPv6
  /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/, // ISO time
  /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, // UUID
  /^(SHA256:|cn\d?:)[A-Za-z0-9+/=_-]+$/, // fingerprints, keyed hashes
  /^\//, // paths
  /^-{1,2}[a-z]/, // command flags
  /^v?\d[\w.]*$/, // numbers, versions, sizes (e.g. 1500, 3.2s)
];

export type ZhFinding = { page: string; text: string; words: string[]; where: string };

/**
 * Collects the visible text of the page (text nodes, input placeholders and values, the options of
 * selects) outside code (`code`, `pre`, `kbd`, `samp`, `textarea`: commands and files are not
 * prose) and returns each piece holding Latin words that are neither allowed nor values, or ASCII
 * punctuation set against Chinese text.
 */
export async function scanZh(page: Page, label: string, allowed: ReadonlySet<string>): Promise<ZhFinding[]> {
  const pieces = await page.evaluate(() => {
    const skip = "CODE,PRE,KBD,SAMP,TEXTAREA,SCRIPT,STYLE,NOSCRIPT,svg title".split(",");
    const out: { text: string; where: string; punctuationOnly?: boolean }[] = [];
    const seen = new Set<Element>();
    const path = (element: Element): string => {
      const test = element.closest("[data-testid]")?.getAttribute("data-testid");
      return `${element.tagName.toLowerCase()}${test ? ` in [${test}]` : ""}`;
    };
    const hidden = (element: Element): boolean =>
      !element.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }) ||
      element.closest("[translate=no]") !== null ||
      skip.some((tag) => element.closest(tag) !== null);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (!text || !parent || parent.closest("select")) continue;
      if (hidden(parent)) continue;
      out.push({ text, where: path(parent) });
      // Punctuation between pieces (a label, then ": " in its own text node) shows only in the whole.
      const whole = parent.textContent?.replace(/\s+/g, " ").trim() ?? "";
      if (whole !== text && !seen.has(parent)) {
        seen.add(parent);
        out.push({ text: whole, where: `${path(parent)} (whole)`, punctuationOnly: true });
      }
    }
    for (const input of document.querySelectorAll("input, textarea")) {
      if (hidden(input) && input.tagName !== "TEXTAREA") continue;
      const placeholder = input.getAttribute("placeholder");
      if (placeholder) out.push({ text: placeholder, where: `${path(input)} placeholder` });
      const type = input.getAttribute("type");
      if (type === "submit" || type === "button")
        out.push({ text: (input as HTMLInputElement).value, where: path(input) });
    }
    for (const select of document.querySelectorAll("select")) {
      if (!select.checkVisibility()) continue;
      for (const option of select.options) out.push({ text: option.text.trim(), where: `${path(select)} option` });
    }
    return out;
  });
  const findings: ZhFinding[] = [];
  for (const piece of pieces) {
    const words = piece.punctuationOnly ? [] : [...englishWords(piece.text, allowed), ...latinUnits(piece.text)];
    const punctuation = mixedPunctuation(piece.text);
    if (words.length > 0 || punctuation.length > 0)
      findings.push({
        page: label,
        text: piece.text.slice(0, 160),
        words: [...words, ...punctuation],
        where: piece.where,
      });
  }
  return findings;
}

/** The Latin words of `text` that are neither allowed nor values. */
export function englishWords(text: string, allowed: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const raw of text.split(/[\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"'“”‘’()[\]{}<>«»,;!?…·|=→←↔×]+/)) {
    const token = raw.replace(/^[.:*#@&+-]+|[.:*#@&+%-]+$/g, "");
    if (!/[A-Za-z]{2,}/.test(token)) continue;
    if (allowed.has(token) || VALUE_PATTERNS.some((pattern) => pattern.test(token))) continue;
    // "node-1/ens33", "bbox-1.mac_net1", "a→b": every part allowed
    const parts = token.split(/[/.:>@]/).filter(Boolean);
    if (parts.length > 1 && parts.every((part) => allowed.has(part) || VALUE_PATTERNS.some((p) => p.test(part))))
      continue;
    words.push(token);
  }
  return words;
}

/**
 * Latin time units after a number ("2.3 s", "12 ms", "5min"): single letters pass `englishWords` (a
 * word needs two letters) and "ms" is allowed as a word, so units get their own rule; the zh-CN
 * interface writes 秒 and 毫秒. Rates such as "Mbit/s" do not follow a digit, and digits inside a
 * token (a fingerprint ending "…W13s", a version) are not a number: neither is matched.
 */
export function latinUnits(text: string): string[] {
  const found = text.match(/(?<![\w.+/=:-])\d+(?:\.\d+)?\s?(?:ms|s|sec|min|h)(?![\w/])/g);
  return (found ?? []).map((unit) => `unit '${unit}'`);
}

/**
 * ASCII `,` `;` `:` `!` `?` `(` `)` written against Chinese characters, or ASCII parentheses around
 * Chinese text (full-width ones belong there).
 */
export function mixedPunctuation(text: string): string[] {
  const found = text.match(/[\u4e00-\u9fff][,;:!?(]|[,;!?)][\u4e00-\u9fff]|\([\u4e00-\u9fff]|[\u4e00-\u9fff]\)/g);
  return (found ?? []).map((pair) => `punctuation '${pair}'`);
}

/** Every name in a design YAML (its keys: hosts, NICs, networks, containers, and values like images). */
export function designWords(yaml: string): string[] {
  return [...new Set(yaml.match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? [])].filter((word) => /\d|_|-/.test(word));
}

/**
 * The users' own words in a database (inventory, topology and user names, which the other specs of a
 * run make in the shared e2e database, e.g. "prod-mxdm…" or "lesson: macvlan"): data shown as written,
 * not interface text, so the scan allows each word of them.
 */
export function dataWords(db: string): string[] {
  const opened = openStore({ path: db });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  try {
    const names = [
      ...listInventories(store).map((inventory) => inventory.name),
      ...listTopologies(store).map((topology) => topology.name),
      ...listUsers(store).map((user) => user.name),
    ];
    return [...new Set(names.flatMap((name) => [name, ...name.split(/[^A-Za-z0-9_.-]+/)]).filter(Boolean))];
  } finally {
    store.close();
  }
}
