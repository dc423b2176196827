import "server-only";

export { OBSERVE_SCRIPT, splitSections } from "./host-script";
export { observeHost, observeHosts, type RawObservation, snapshotFrom } from "./observe";
export { containerIds, parseDockerContainers, parseDockerInfo, parseDockerNetworks } from "./parse-docker";
export { parseIptables } from "./parse-iptables";
export { parseAddresses, parseLinks } from "./parse-links";
export { parseOvs } from "./parse-ovs";
export { parseIpForward, parseRoutes } from "./parse-routes";
