/** Usage line and summary of every sub-command, in the order `crossnet help` lists them. */
export const HELP = {
  validate: { usage: "validate FILE [--json]", summary: "check a design; exit 1 when it has errors" },
  plan: {
    usage: "plan FILE [--json | --script [--host H] [--out DIR]] [--explain]",
    summary: "the commands that build a design on fresh hosts",
  },
  expect: {
    usage: "expect FILE [--by ip|name|both|tcp|udp|mtu|all[,…]] [--json]",
    summary: "expected reachability of every container pair, with reasons",
  },
  apply: {
    usage: "apply FILE --inventory INV [--json] [--dry-run]",
    summary: "make the hosts match a design; exit 0 done, 1 failed, 2 partial",
  },
  status: {
    usage: "status FILE --inventory INV [--json]",
    summary: "drift between a design and its hosts; exit 0 in sync, 1 drift, 2 a host unreadable",
  },
  destroy: {
    usage: "destroy FILE --inventory INV [--dry-run] [--json]",
    summary: "remove what Crossnet created for a design (labelled only); exit 0/1/2",
  },
  ping: {
    usage:
      "ping FILE --inventory INV [--by ip|name|both|tcp|udp|mtu|all[,…]] [--from C…] [--to C…] [--rerun RUN_ID --cell FROM,TO,BY] [--count N] [--interval S] [--timeout S] [--max-pairs N] [--responder] [--json]",
    summary: "ping every container pair and compare with the design; exit 0 all pass, 1 otherwise",
  },
  capture: {
    usage:
      "capture FILE --inventory INV --at POINT[,POINT…] [--count N] [--seconds S] [--filter EXPR] [--write OUT.pcapng] [--json]",
    summary:
      "capture packets at points of a design (HOST:IFACE, container:NAME, wire), decoded by Wireshark's dissectors",
  },
  trace: {
    usage: "trace FILE --inventory INV --from C --to C [--by ip|name] [--json]",
    summary: "send one ping and show where it was seen on its expected path; exit 0 reach, 1 blocked, 2 error",
  },
  perf: {
    usage: "perf FILE --inventory INV --from C… --to C… [--seconds S] [--udp] [--mtu N] [--json]",
    summary:
      "throughput between containers with iperf3 (from the hosts, in the containers' netns); stored with the run",
  },
  impair: {
    usage:
      "impair FILE --inventory INV --at POINT (--down | --rate R | --loss P | --delay D) | --clear [--at POINT] [--json]",
    summary:
      "impair a link for a lesson or a test (POINT = HOST:IFACE or container:NAME[:IFACE]); it shows as drift until --clear or apply",
  },
  audit: {
    usage: "audit verify [--head SEQ:HASH]|head|list [--json] [--limit N] [--after SEQ] [--host H] [--run ID]",
    summary:
      "verify the HMAC-chained audit log (exit 1 if broken or cut after a stored head), print its head, or list it",
  },
  serve: {
    usage: "serve [--host ADDR] [--port N] [--tls [--cert FILE --key FILE]]",
    summary:
      "the dashboard on 127.0.0.1:3000 (CROSSNET_HOST, PORT); --tls serves HTTPS with a generated self-signed certificate (or --cert/--key) and prints its SHA-256 fingerprint; warns when exposed without TLS",
  },
  users: {
    usage:
      "users list | users add NAME --role R | users role NAME --role R | users reset NAME | users sessions [NAME] | users signout NAME | users token NAME --role R [--days N] [--label L] | users tokens [NAME] | users revoke-token ID | users 2fa-off NAME | users remove NAME",
    summary:
      "dashboard accounts, R = viewer|operator|admin (add and reset read the password from stdin; reset ends the user's sessions)",
  },
  lab: {
    usage:
      "lab up (--for FILE | --hosts N) [--docker 20.10|26|HOST=ENGINE,…] [--inventory PATH] [--json] | lab down | lab status [--json]",
    summary: "build, remove or show emulated hosts on this machine (Linux, root)",
  },
} as const;

export type CommandName = keyof typeof HELP;
