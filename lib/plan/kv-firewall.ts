import { t } from "../i18n/text";
import { underlayPath } from "../topology/model";
import type { Topology } from "../topology/schema";
import { iptablesCmd, labelOf } from "./commands";
import type { PlanContext } from "./context";
import type { ObservedRule } from "./observed";
import { findRule } from "./plan-host";

/**
 * The KV store (etcd, Consul) has no authentication: only the design's hosts may reach it (security
 * finding 9). Labelled rules in the `mangle` table's PREROUTING chain of the store's host: one ACCEPT
 * per design host's address, above one DROP for everyone else on the store's port. PREROUTING sees a
 * packet before Docker's DNAT, so the same rules hold for a store published from a container (`-p`,
 * whose traffic is then forwarded, never reaching INPUT) and for one running as a host process (the
 * lab's etcd, whose traffic goes to INPUT, never to DOCKER-USER: why a DOCKER-USER-only firewall let a
 * non-member lab host through). Docker never touches the mangle table. Destroy removes the rules like
 * every labelled rule.
 */
export const KV_CHAIN = "PREROUTING";
export const KV_TABLE = "mangle" as const;

/** What both rules match: TCP to the store's `port`, labelled as the design's (destroy finds it by that). */
function kvPortMatch(port: number, topology: string): string[] {
  return ["-p", "tcp", "-m", "tcp", "--dport", String(port), "-m", "comment", "--comment", labelOf(topology)];
}

/** ACCEPT for one member's address (a source address, /32). */
export function kvAllowSpec(source: string, port: number, topology: string): string[] {
  return ["-s", `${source}/32`, ...kvPortMatch(port, topology), "-j", "ACCEPT"];
}

/** The DROP below the allows (see {@link kvAllowSpec}). */
export function kvDropSpec(port: number, topology: string): string[] {
  return [...kvPortMatch(port, topology), "-j", "DROP"];
}

/**
 * The source addresses that may reach the store on `kvHost`, sorted and unique: each other design
 * host's address on the network it shares with `kvHost`, and `kvHost`'s own addresses there (its
 * dockerd reaches the store at its own address, so that is the source).
 */
export function kvMembers(topology: Topology, kvHost: string, storeAddress?: string): string[] {
  const members = new Set<string>(storeAddress && IPV4.test(storeAddress) ? [storeAddress] : []);
  for (const host of Object.keys(topology.hosts)) {
    if (host === kvHost) continue;
    const path = underlayPath(topology.hosts[kvHost], topology.hosts[host]);
    if (!path) continue;
    members.add(path.toAddress);
    members.add(path.fromAddress);
  }
  return [...members].sort(compareAddresses);
}

function compareAddresses(a: string, b: string): number {
  const key = (address: string) =>
    address
      .split(".")
      .map((part) => part.padStart(3, "0"))
      .join(".");
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * The addresses `kvHost` serves the store on: its own address on each network it shares with another
 * design host, and `storeAddress` (how the design names it), sorted and unique; only IPv4 literals.
 */
export function kvStoreAddresses(topology: Topology, kvHost: string, storeAddress?: string): string[] {
  const addresses = new Set<string>(storeAddress && IPV4.test(storeAddress) ? [storeAddress] : []);
  for (const host of Object.keys(topology.hosts)) {
    if (host === kvHost) continue;
    const path = underlayPath(topology.hosts[kvHost], topology.hosts[host]);
    if (path) addresses.add(path.fromAddress);
  }
  return [...addresses].sort(compareAddresses);
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The port of a KV URL (`etcd://10.0.0.1:2379` → 2379), or undefined. */
export function kvPort(url: string): number | undefined {
  const match = /:(\d{1,5})$/.exec(url);
  return match ? Number(match[1]) : undefined;
}

/**
 * Plans the store's firewall on `kvHost`. Missing allows are inserted (`-I` puts each on top, so
 * above the DROP); when the DROP itself is missing, allows already there are taken out first and
 * everything goes in again in order (the DROP, then the allows above it), since a DROP inserted on
 * top would shut the members out. Allows for addresses no longer in the design are removed.
 * `after` is the step that starts the store, when there is one.
 */
export function planKvFirewall(
  ctx: PlanContext,
  kvHost: string,
  port: number,
  storeAddress: string | undefined,
  after: string | undefined,
): void {
  if (!ctx.reachable(kvHost)) return;
  const rules = ctx.snapshot(kvHost).rules;
  const label = ctx.topology.name;
  const members = kvMembers(ctx.topology, kvHost, storeAddress);
  const drop = kvDropSpec(port, label);
  const dropPresent = findRule(rules, KV_TABLE, KV_CHAIN, drop) !== undefined;
  const wanted = new Set(members.map((member) => kvAllowSpec(member, port, label).join(" ")));
  const removed: string[] = [];
  for (const rule of ours(rules, label, port)) {
    if (rule.spec.at(-1) !== "ACCEPT") continue;
    const stale = !wanted.has(rule.spec.join(" "));
    if (!stale && dropPresent) continue;
    removed.push(
      ctx.add({
        phase: "daemon",
        host: kvHost,
        kind: "del-rule",
        resourceId: `rule:kv-allow-${rule.spec[1] ?? "?"}@${kvHost}`,
        action: "-",
        cause: stale ? t`not a host of the design` : t`the KV store's DROP rule is missing`,
        argv: iptablesCmd.remove(KV_TABLE, KV_CHAIN, rule.spec),
        explain: stale
          ? t`Takes out the KV store's allow rule for an address that is no longer one of the design's hosts.`
          : t`Takes the allow rule out so it can go back above the DROP rule inserted next.`,
      }),
    );
  }
  const dropStep = dropPresent
    ? undefined
    : ctx.add({
        phase: "daemon",
        host: kvHost,
        kind: "add-rule",
        resourceId: `rule:kv-drop@${kvHost}`,
        action: "+",
        cause: t`missing`,
        missing: true,
        argv: iptablesCmd.insert(KV_TABLE, KV_CHAIN, drop),
        explain: t`The KV store has no authentication: this drops connections to port ${String(port)} from anywhere but the design's hosts (allowed by the rules above it).`,
        dependsOn: [...(after ? [after] : []), ...removed],
      });
  for (const member of members) {
    const allow = kvAllowSpec(member, port, label);
    if (dropPresent && findRule(rules, KV_TABLE, KV_CHAIN, allow)) continue;
    ctx.add({
      phase: "daemon",
      host: kvHost,
      kind: "add-rule",
      resourceId: `rule:kv-allow-${member}/32@${kvHost}`,
      action: "+",
      cause: t`missing`,
      missing: true,
      argv: iptablesCmd.insert(KV_TABLE, KV_CHAIN, allow),
      explain: t`Lets the design's host at ${member} reach the KV store on port ${String(port)}.`,
      dependsOn: dropStep ? [dropStep] : after ? [after] : [],
    });
  }
}

/** The rules {@link planKvFirewall} leaves on the store's host, top to bottom: the allows above the DROP. */
export function kvFirewallRules(
  topology: Topology,
  kvHost: string,
  port: number,
  storeAddress: string | undefined,
): ObservedRule[] {
  return [
    ...kvMembers(topology, kvHost, storeAddress)
      .reverse()
      .map((member) => ({ table: KV_TABLE, chain: KV_CHAIN, spec: kvAllowSpec(member, port, topology.name) })),
    { table: KV_TABLE, chain: KV_CHAIN, spec: kvDropSpec(port, topology.name) },
  ];
}

/** The store's labelled rules on its port (allows and the DROP). */
function ours(rules: ObservedRule[], label: string, port: number): ObservedRule[] {
  return rules.filter(
    (rule) =>
      rule.table === KV_TABLE &&
      rule.chain === KV_CHAIN &&
      rule.spec.includes(labelOf(label)) &&
      rule.spec.join(" ").includes(`--dport ${port} `),
  );
}
