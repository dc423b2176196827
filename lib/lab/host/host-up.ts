import "server-only";
import type { UpContext } from "../lifecycle/context";
import { timedStep } from "../lifecycle/events";
import { runChecked } from "../os/run";
import { hostPaths, mgmtAddress as mgmtAddressOf, vlanIfName } from "../paths";
import { engineOf } from "../spec/engines";
import { hostNeedsOvs, type LabHostSpec } from "../spec/spec";
import type { LabHostInfo } from "../types";
import { importBusybox, startDnsmasq, startDockerd, startEtcd, startOvs, startSshd } from "./host-daemons";
import { createHostNamespaces } from "./host-namespaces";
import { hostNicCommands, hostVlanAddressCommands } from "./host-nics";

/** Like Promise.all, but waits for every promise before rethrowing the first failure (nothing left running). */
export async function settleAll<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * Builds one emulated host (0-based `index` in the spec): namespaces, NICs, VLANs (userspace OVS),
 * then in parallel dnsmasq + dockerd + busybox image, sshd, and etcd on the KV host.
 */
export async function bringUpHost(ctx: UpContext, host: LabHostSpec, index: number): Promise<LabHostInfo> {
  const started = performance.now();
  const { onEvent, tools } = ctx;
  const paths = hostPaths(host.name);
  const mgmtAddress = mgmtAddressOf(index);
  onEvent?.({ type: "host-started", host: host.name });

  await timedStep(onEvent, host.name, "namespaces", () => createHostNamespaces(tools, host.name, paths));
  await timedStep(onEvent, host.name, "nics", async () => {
    for (const command of hostNicCommands(tools.ip, host, index, paths, mgmtAddress)) {
      await runChecked(`${host.name}: ${command.what}`, command.argv);
    }
  });
  if (hostNeedsOvs(host)) {
    await timedStep(onEvent, host.name, "userspace OVS", async () => {
      await startOvs(ctx, host, paths);
      for (const command of hostVlanAddressCommands(tools.ip, host, paths)) {
        await runChecked(`${host.name}: ${command.what}`, command.argv);
      }
    });
  }

  const isKvHost = ctx.spec.kv?.host === host.name;
  const [hostKey] = await settleAll([
    timedStep(onEvent, host.name, "sshd", () => startSshd(ctx, host, paths, mgmtAddress)),
    (async () => {
      await timedStep(onEvent, host.name, "dnsmasq", () => startDnsmasq(ctx, host, paths));
      if (isKvHost) await timedStep(onEvent, host.name, "etcd", () => startEtcd(ctx, host, paths, mgmtAddress));
      await timedStep(onEvent, host.name, "dockerd", () => startDockerd(ctx, host, paths));
      await timedStep(onEvent, host.name, "busybox image", () => importBusybox(ctx, host, paths));
    })(),
  ]);

  onEvent?.({ type: "host-done", host: host.name, durationMs: Math.round(performance.now() - started) });
  return {
    name: host.name,
    netns: paths.netns,
    mgmtAddress,
    dockerSocket: paths.dockerSocket,
    hostKey,
    docker: engineOf(host),
    nics: host.nics.map((nic) => ({
      name: nic.name,
      ...(nic.address ? { address: nic.address } : {}),
      promisc: nic.promisc,
      vlans: nic.vlans.map((vlan) => ({
        vid: vlan.vid,
        name: vlanIfName(nic.name, vlan.vid),
        ...(vlan.address ? { address: vlan.address } : {}),
      })),
    })),
  };
}
