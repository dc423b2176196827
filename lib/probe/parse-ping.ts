import type { PingOutcome, Rtt } from "./types";

// busybox: "3 packets transmitted, 3 packets received, 0% packet loss"
// iputils: "3 packets transmitted, 3 received, +2 errors, 0% packet loss, time 406ms"; when it could
// send nothing (it backs off silently on ENOBUFS): "0 packets transmitted, 0 received"
const STATS =
  /^(\d{1,9}) packets transmitted, (\d{1,9}) (packets )?received(?:, \+\d{1,9} [a-z]{1,12})*(?:, (\d{1,3}(?:\.\d{1,6})?)% packet loss|$)/;
// the host's pinger: "crossnet-ping 10.0.0.12: 3 sent, 3 received, 0% packet loss"
const OWN_STATS = /^crossnet-ping \S{1,253}: (\d{1,9}) sent, (\d{1,9}) received, (\d{1,3}(?:\.\d{1,6})?)% packet loss$/;
// busybox: "round-trip min/avg/max = 0.050/0.058/0.067 ms"; iputils: "rtt min/avg/max/mdev = 0.010/0.027/0.038/0.012 ms"
const RTT =
  /^(?:round-trip|rtt) min\/avg\/max(?:\/mdev)? = (\d{1,9}(?:\.\d{1,6})?)\/(\d{1,9}(?:\.\d{1,6})?)\/(\d{1,9}(?:\.\d{1,6})?)/;
// busybox: "64 bytes from 10.0.0.12: seq=0 ttl=64 time=0.867 ms"; iputils: "… icmp_seq=1 ttl=64 time=0.027 ms"
const REPLY = /^\d{1,6} bytes from .{1,300}: (icmp_)?seq=(\d{1,9}) .*time[=<](\d{1,9}(?:\.\d{1,6})?) ms/;
// busybox: "ping: bad address 'bbox-2'"; iputils: "ping: bbox-2: Temporary failure in name resolution" / "Name or service not known"
const UNRESOLVED =
  /^ping: (bad address '|.{1,300}: (Temporary failure in name resolution|Name or service not known|No address associated with hostname))/;
// iputils: "From 10.8.0.1 icmp_seq=1 Destination Host Unreachable"
const ICMP_ERROR = /^From \S{1,300} icmp_seq=\d{1,9} (.{1,200})$/;

const MAX_LINES = 2000;

/**
 * Parses the output of one busybox or iputils `ping` (stdout and stderr together), or of the host's
 * pinger (`crossnet-ping …` lines, see PINGER_SCRIPT). Pure.
 * Counts come from the statistics block; when there is none (the name did not resolve, or ping was
 * killed), from the reply lines seen. Error lines are kept verbatim, so a cell can show
 * `ping: bad address 'bbox-2'` as the tutorial does.
 */
export function parsePing(output: string): PingOutcome {
  const lines = output.split("\n", MAX_LINES).map((line) => line.replace(/\r$/, ""));
  let flavour: PingOutcome["flavour"] = "unknown";
  let stats: { sent: number; received: number; lossPct: number } | undefined;
  let rtt: Rtt | null = null;
  const replies: { seq: number; time: number }[] = [];
  const errors: string[] = [];
  const icmpErrors = new Set<string>();
  let resolved = true;
  for (const line of lines) {
    const own = OWN_STATS.exec(line);
    if (own) {
      flavour = "crossnet";
      stats = { sent: Number(own[1]), received: Number(own[2]), lossPct: Number(own[3]) };
      continue;
    }
    if (line.startsWith("crossnet-ping: ")) {
      errors.push(line.trim());
      continue;
    }
    const stat = STATS.exec(line);
    if (stat) {
      flavour = stat[3] ? "busybox" : "iputils";
      const [sent, received] = [Number(stat[1]), Number(stat[2])];
      const loss = stat[4] === undefined ? (sent === 0 ? 100 : round(100 - (100 * received) / sent)) : Number(stat[4]);
      stats = { sent, received, lossPct: loss };
      continue;
    }
    const times = RTT.exec(line);
    if (times) {
      rtt = { min: Number(times[1]), avg: Number(times[2]), max: Number(times[3]) };
      continue;
    }
    const reply = REPLY.exec(line);
    if (reply) {
      if (flavour === "unknown") flavour = reply[1] ? "iputils" : "busybox";
      replies.push({ seq: Number(reply[2]), time: Number(reply[3]) });
      continue;
    }
    if (UNRESOLVED.test(line)) {
      resolved = false;
      errors.push(line.trim());
      continue;
    }
    const icmp = ICMP_ERROR.exec(line);
    if (icmp?.[1]) {
      icmpErrors.add(icmp[1].trim());
      continue;
    }
    if (line.startsWith("ping: ") && !errors.includes(line.trim())) errors.push(line.trim());
  }
  const error = [...errors, ...icmpErrors].join("; ") || null;
  if (stats) {
    const lossPct = stats.sent === 0 ? 100 : Math.min(100, Math.max(0, stats.lossPct));
    return { flavour, ...stats, lossPct, rttMs: stats.received > 0 ? (rtt ?? rttOf(replies)) : null, error, resolved };
  }
  const received = new Set(replies.map((reply) => reply.seq)).size;
  const sent = received === 0 ? 0 : Math.max(...replies.map((reply) => reply.seq)) + (flavour === "iputils" ? 0 : 1);
  const lossPct = sent === 0 ? 100 : round(100 - (100 * received) / Math.max(sent, received));
  return { flavour, sent: Math.max(sent, received), received, lossPct, rttMs: rttOf(replies), error, resolved };
}

function rttOf(replies: { time: number }[]): Rtt | null {
  if (replies.length === 0) return null;
  const times = replies.map((reply) => reply.time);
  const avg = times.reduce((sum, time) => sum + time, 0) / times.length;
  return { min: Math.min(...times), avg: round(avg), max: Math.max(...times) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
