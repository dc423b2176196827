import type {
  ObservedContainer,
  ObservedDocker,
  ObservedEngine,
  ObservedNetwork,
  ObservedSwarm,
} from "../plan/observed";
import { arrayOf, ipv4Of, isObject, labelsOf, nameOf, networkOf, stringOf, textOf } from "./well-formed";

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Daemon facts from `GET /info`: swarm membership and the pre-swarm cluster store settings. */
export function parseDockerInfo(info: unknown): Pick<ObservedDocker, "swarm" | "clusterStore" | "clusterAdvertise"> {
  const result: Pick<ObservedDocker, "swarm" | "clusterStore" | "clusterAdvertise"> = { swarm: { state: "inactive" } };
  if (!isObject(info)) return result;
  const store = textOf(info.ClusterStore, 256);
  const advertise = textOf(info.ClusterAdvertise, 256);
  if (store) result.clusterStore = store;
  if (advertise) result.clusterAdvertise = advertise;
  result.swarm = parseSwarm(info.Swarm);
  return result;
}

/**
 * The engine from `GET /version`: its `Version` (e.g. `26.1.5+dfsg1`) and `ApiVersion` (e.g. `1.45`).
 * Undefined unless both are well formed (a version starting with digits, an API version `1.N`).
 */
export function parseDockerVersion(raw: unknown): ObservedEngine | undefined {
  if (!isObject(raw)) return undefined;
  const version = textOf(raw.Version, 64);
  const apiVersion = stringOf(raw.ApiVersion);
  if (version === undefined || !/^\d{1,4}\.\d{1,4}[0-9A-Za-z.+~_-]*$/.test(version)) return undefined;
  if (apiVersion === undefined || !/^1\.\d{1,3}$/.test(apiVersion)) return undefined;
  return { version, apiVersion };
}

function parseSwarm(swarm: unknown): ObservedSwarm {
  if (!isObject(swarm) || swarm.LocalNodeState !== "active") return { state: "inactive" };
  const nodeId = stringOf(swarm.NodeID);
  if (nodeId === undefined || !/^[a-z0-9]{1,64}$/.test(nodeId)) return { state: "inactive" };
  const observed: ObservedSwarm = { state: "active", nodeId, manager: swarm.ControlAvailable === true };
  const clusterId = isObject(swarm.Cluster) ? stringOf(swarm.Cluster.ID) : undefined;
  if (clusterId !== undefined && /^[a-z0-9]{1,64}$/.test(clusterId)) observed.clusterId = clusterId;
  const managers = arrayOf(swarm.RemoteManagers).filter(isObject);
  const self = managers.find((m) => m.NodeID === nodeId) ?? managers[0];
  const addr = stringOf(self?.Addr);
  const ip = addr === undefined ? undefined : ipv4Of(addr.replace(/:\d{1,5}$/, ""));
  if (ip !== undefined) observed.managerAddr = ip;
  return observed;
}

/** Networks from `GET /networks`: the IPv4 subnet/gateway, macvlan parent, bridge name, labels. */
export function parseDockerNetworks(list: unknown): ObservedNetwork[] {
  const networks: ObservedNetwork[] = [];
  for (const raw of arrayOf(list)) {
    if (!isObject(raw)) continue;
    const name = nameOf(raw.Name, "network");
    const id = stringOf(raw.Id);
    const driver = nameOf(raw.Driver, "network");
    const scope = raw.Scope;
    if (name === undefined || id === undefined || !/^[a-z0-9]{12,64}$/.test(id) || driver === undefined) continue;
    if (scope !== "local" && scope !== "global" && scope !== "swarm") continue;
    const network: ObservedNetwork = { id, name, driver, scope, labels: labelsOf(raw.Labels) };
    const ipam = isObject(raw.IPAM) ? raw.IPAM : {};
    for (const config of arrayOf(ipam.Config)) {
      if (!isObject(config)) continue;
      const subnet =
        typeof config.Subnet === "string" && config.Subnet.includes("/") ? networkOf(config.Subnet) : undefined;
      if (subnet === undefined) continue;
      network.subnet = subnet;
      const gateway = ipv4Of(config.Gateway);
      if (gateway !== undefined) network.gateway = gateway;
      break;
    }
    const options = isObject(raw.Options) ? raw.Options : {};
    const parent = nameOf(options.parent, "interface");
    const bridgeName = nameOf(options["com.docker.network.bridge.name"], "interface");
    if (parent !== undefined) network.parent = parent;
    if (bridgeName !== undefined) network.bridgeName = bridgeName;
    if (typeof raw.Attachable === "boolean") network.attachable = raw.Attachable;
    networks.push(network);
  }
  return networks.sort(byName);
}

/** Ids of the containers in `GET /containers/json?all=true`, for inspecting each (only inspect has aliases). */
export function containerIds(list: unknown): string[] {
  return arrayOf(list)
    .map((raw) => (isObject(raw) ? stringOf(raw.Id) : undefined))
    .filter((id): id is string => id !== undefined && /^[a-f0-9]{64}$/.test(id))
    .sort();
}

/**
 * Containers from `GET /containers/{id}/json` results (or the list, which lacks aliases): name,
 * image, running, labels, and per network the IPv4 address and the aliases someone set (Docker's
 * automatic short-id alias is left out: nobody asked for it, so it is not drift).
 */
export function parseDockerContainers(list: unknown): ObservedContainer[] {
  const containers: ObservedContainer[] = [];
  for (const raw of arrayOf(list)) {
    if (!isObject(raw)) continue;
    const id = stringOf(raw.Id);
    if (id === undefined || !/^[a-f0-9]{64}$/.test(id)) continue;
    const rawName = Array.isArray(raw.Names) ? raw.Names[0] : raw.Name;
    const name = nameOf(typeof rawName === "string" ? rawName.replace(/^\//, "") : undefined, "container");
    const image = textOf(isObject(raw.Config) ? raw.Config.Image : raw.Image, 256);
    if (name === undefined || image === undefined) continue;
    const state = raw.State;
    const running = isObject(state) ? state.Running === true : state === "running";
    const labels = labelsOf(isObject(raw.Config) ? raw.Config.Labels : raw.Labels);
    const settings = isObject(raw.NetworkSettings) ? raw.NetworkSettings : {};
    const attached = isObject(settings.Networks) ? settings.Networks : {};
    const networks: ObservedContainer["networks"] = {};
    for (const networkName of Object.keys(attached).sort()) {
      const endpoint = attached[networkName];
      if (nameOf(networkName, "network") === undefined || !isObject(endpoint)) continue;
      const aliases = arrayOf(endpoint.Aliases)
        .map((alias) => nameOf(alias, "alias"))
        .filter((alias): alias is string => alias !== undefined && alias !== id.slice(0, 12));
      const ip = ipv4Of(endpoint.IPAddress);
      networks[networkName] = { ...(ip !== undefined ? { ip } : {}), aliases: [...new Set(aliases)].sort() };
    }
    containers.push({ id, name, image, running, labels, networks });
  }
  return containers.sort(byName);
}
