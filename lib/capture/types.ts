/**
 * The data a capture and a trace exchange between the engine (lib/exec, lib/app), the CLI and the
 * dashboard. Pure types: the contract the shells build on, so fields are only ever added, never renamed.
 */

/** What a capture point is on the design: a container's interface, a host device the plan creates, the lab's wire. */
export type CapturePointKind = "container" | "nic" | "vlan" | "bridge" | "tunnel" | "ovs" | "wire";

/**
 * One place a capture can run. `id` is stable and the same in the CLI, the dashboard and lessons:
 * `HOST:IFACE`, `container:NAME[:IFACE]` or `wire[:HOST]`. `host` is null for the lab's wire (it is
 * captured on the dashboard machine, in the switch namespace).
 */
export type CapturePoint = {
  id: string;
  kind: CapturePointKind;
  host: string | null;
  iface: string;
  container?: string;
  network?: string;
};

/** One decoded protocol layer, with Wireshark's protocol name (`eth`, `vlan`, `ip`, `icmp`, `udp`, `vxlan`…). */
export type PacketLayer = { proto: string; [field: string]: string | number | boolean };

/** One captured packet: where (point id), when (epoch seconds), its length, Wireshark's summary, its layers outer first. */
export type CapturedPacket = {
  at: string;
  time: number;
  len: number;
  summary: string;
  layers: PacketLayer[];
  hex?: string;
};

/** What to capture: a stored design (and inventory), the point ids, the caps and an optional BPF filter. */
export type CaptureRequest = {
  topologyId: string;
  inventoryId?: string;
  at: string[];
  count?: number;
  seconds?: number;
  filter?: string;
};

/** Why a capture ended and how many packets it kept. */
export type CaptureEnd = {
  stoppedBy: "count" | "seconds" | "bytes" | "stop" | "error";
  packets: number;
  error?: string;
};

/**
 * One point on a traced probe's path: whether the request and the reply were seen there, and the
 * layers of the first such frame (outer first: the VLAN tag, the VXLAN header and outer IPs show the
 * encapsulation at that point). `request`/`reply` count only the probe's own echo request/reply (see
 * lib/capture/trace.ts); `arp`: an ARP request from the probe's source (for its next hop) was seen there;
 * `error`: the capture at this point failed (then nothing was seen).
 */
export type TraceHop = {
  at: string;
  request: boolean;
  reply: boolean;
  layers: PacketLayer[];
  arp?: boolean;
  error?: string;
};

/**
 * A traced probe: one identifiable ping from `from` to `to` (at `target`), captured at every point on
 * the expected path. `lastSeen` is the last point (in path order) where the request was seen.
 */
export type TraceResult = {
  from: string;
  to: string;
  target: string;
  verdict: "reach" | "blocked" | "error";
  hops: TraceHop[];
  lastSeen: string | null;
  /** What the probe said (its exit and output, shortened) and anything that made the trace incomplete. */
  note?: string;
  /** Wall time of the trace, in ms. */
  durationMs?: number;
};
