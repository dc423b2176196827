import "server-only";
import { runChecked } from "../os/run";
import {
  DATA_BRIDGE,
  MGMT_BRIDGE,
  MGMT_GATEWAY,
  MGMT_LINK,
  MGMT_LINK_PEER,
  MGMT_PREFIX_LEN,
  MGMT_PROHIBIT,
  MGMT_PROHIBIT_METRIC,
  SWITCH_NETNS,
} from "../paths";
import type { LabEventSink } from "./events";
import { timedStep } from "./events";
import { recordIntent } from "./journal";

/**
 * The switch namespace with its two Linux bridges (data and management), the management veth from
 * this machine (198.18.0.1) and the `prohibit` route that keeps 198.18.0.0/15 off the real uplink.
 */
export async function createSwitch(ip: string, onEvent?: LabEventSink): Promise<void> {
  await timedStep(onEvent, null, "switch", async () => {
    recordIntent({ kind: "netns", name: SWITCH_NETNS });
    await runChecked("create the switch namespace", [ip, "netns", "add", SWITCH_NETNS]);
    await runChecked("switch loopback", [ip, "-n", SWITCH_NETNS, "link", "set", "lo", "up"]);
    for (const bridge of [DATA_BRIDGE, MGMT_BRIDGE]) {
      await runChecked(`create bridge ${bridge}`, [ip, "-n", SWITCH_NETNS, "link", "add", bridge, "type", "bridge"]);
      await runChecked(`start bridge ${bridge}`, [ip, "-n", SWITCH_NETNS, "link", "set", bridge, "up"]);
    }
  });
  await timedStep(onEvent, null, "management network", async () => {
    recordIntent({ kind: "link", name: MGMT_LINK });
    await runChecked("create the management veth", [
      ip,
      "link",
      "add",
      MGMT_LINK,
      "type",
      "veth",
      "peer",
      "name",
      MGMT_LINK_PEER,
      "netns",
      SWITCH_NETNS,
    ]);
    await runChecked("attach the management veth", [
      ip,
      "-n",
      SWITCH_NETNS,
      "link",
      "set",
      MGMT_LINK_PEER,
      "master",
      MGMT_BRIDGE,
      "up",
    ]);
    await runChecked("address the management veth", [
      ip,
      "addr",
      "add",
      `${MGMT_GATEWAY}/${MGMT_PREFIX_LEN}`,
      "dev",
      MGMT_LINK,
    ]);
    await runChecked("start the management veth", [ip, "link", "set", MGMT_LINK, "up"]);
    recordIntent({ kind: "route", type: "prohibit", destination: MGMT_PROHIBIT, metric: MGMT_PROHIBIT_METRIC });
    await runChecked("add the prohibit route", prohibitRouteArgv(ip, "add"));
  });
}

/** `ip route add|del prohibit 198.18.0.0/15 metric 4000`. */
export function prohibitRouteArgv(ip: string, action: "add" | "del"): string[] {
  return [ip, "route", action, "prohibit", MGMT_PROHIBIT, "metric", String(MGMT_PROHIBIT_METRIC)];
}
