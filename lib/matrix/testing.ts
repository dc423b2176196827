import { t } from "../i18n/text";
import type { ProbeCell } from "../probe/types";

/** A finished cell for tests: a passing reach by IP unless `fields` say otherwise. */
export function probeCell(fields: Partial<ProbeCell> & Pick<ProbeCell, "from" | "to">): ProbeCell {
  const by = fields.by ?? "ip";
  return {
    by,
    target: by === "ip" ? "10.0.0.12" : fields.to,
    network: "mac_net1",
    host: "node-1",
    expected: "reach",
    reasonCode: "macvlan-same-segment",
    reason: t`same macvlan network`,
    actual: "reach",
    sent: 3,
    received: 3,
    lossPct: 0,
    rttMs: { min: 0.05, avg: 0.08, max: 0.1 },
    verdict: "pass",
    diagnosis: null,
    error: null,
    rawOutput: "3 packets transmitted, 3 packets received, 0% packet loss",
    command: `docker exec ${fields.from} ping -c 3 ${by === "ip" ? "10.0.0.12" : fields.to}`,
    attempts: 1,
    ...fields,
  };
}
