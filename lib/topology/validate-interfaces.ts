import { t } from "../i18n/text";
import { parseCidr } from "./ip";
import type { Issue } from "./issues";
import { entries } from "./model";
import { say } from "./said";
import type { Topology } from "./schema";

type Report = (issue: Issue) => void;

/**
 * Host interface addresses (NICs and VLAN sub-interfaces) are distinct across the whole design: two
 * interfaces with one IP answer ARP for the same address, and the hosts' links break in ways no ping
 * matrix explains. The second and later holders are reported, each at its own address field.
 */
export function validateInterfaceAddresses(topology: Topology, report: Report): void {
  const holders = new Map<number, string>();
  for (const [host, { nics }] of entries(topology.hosts))
    for (const [nic, spec] of entries(nics)) {
      const found: { path: (string | number)[]; name: string; address: string | undefined }[] = [
        { path: ["hosts", host, "nics", nic, "address"], name: nic, address: spec.address },
        ...entries(spec.vlans).map(([vid, vlan]) => ({
          path: ["hosts", host, "nics", nic, "vlans", vid, "address"],
          name: `${nic}.${vid}`,
          address: vlan.address,
        })),
      ];
      for (const { path, name, address } of found) {
        const parsed = address ? parseCidr(address, false) : undefined;
        if (!parsed) continue;
        const where = `${host} ${name}`;
        const first = holders.get(parsed.ip);
        if (first === undefined) {
          holders.set(parsed.ip, where);
          continue;
        }
        report({
          code: "duplicate-ip",
          severity: "error",
          path,
          ...say(
            t`address ${address} of ${where} is also the address of ${first}`,
            t`Each host interface needs its own address (both would answer ARP for it): pick another one in the same subnet.`,
          ),
        });
      }
    }
}
