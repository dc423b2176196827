import { type Text, t } from "../i18n/text";

/** What a failed step left behind: enough to suggest the next move. */
export type FailureFacts = {
  /** Transport error or the runner's reason (e.g. `exit code 1`, `… did not succeed`). */
  error: string;
  stderr: string;
  code: number | null;
  /** What Crossnet found out about the failure (replaces the generic hint). */
  diagnosis?: Text;
};

type Rule = { test: RegExp; hint: Text };

const RULES: readonly Rule[] = [
  {
    test: /did not succeed|not run: /,
    hint: t`This host waited for a step on another host that failed; fix that one first, then Apply again.`,
  },
  {
    test: /is already using parent interface/,
    hint: t`Only one macvlan network may use a parent interface: give the second network a VLAN sub-interface (NIC.VID) as parent, or remove the other network.`,
  },
  {
    test: /host key mismatch/i,
    hint: t`The host presented another key than the one pinned. Check it out of band; for the lab, host keys change at every bring-up: the lab inventory is re-registered automatically.`,
  },
  {
    test: /ECONNREFUSED|EHOSTUNREACH|ETIMEDOUT|timed out while waiting for handshake|could not connect/i,
    hint: t`The host did not answer on SSH: check it is up (Hosts & lab page: Test connection), its address and port.`,
  },
  {
    test: /refused the key|All configured authentication methods failed/i,
    hint: t`SSH refused the key: check the user and key of this host in the inventory (Hosts & lab page).`,
  },
  {
    test: /Cannot connect to the Docker daemon|docker\.sock/i,
    hint: t`dockerd is not running or not reachable on this host: start it (systemctl start docker), then Apply again.`,
  },
  {
    test: /Conflict\. The container name|is already in use by container/i,
    hint: t`A container of that name exists and Crossnet did not create it: remove it by hand (docker rm -f NAME) or rename the container in the design.`,
  },
  {
    test: /network with name .* already exists/i,
    hint: t`A network of that name exists and Crossnet did not create it: remove it by hand (docker network rm NAME) or rename the network.`,
  },
  {
    test: /Address already in use|address already in use/,
    hint: t`The address is taken on that network: pick a free IP in the design, or remove what holds it.`,
  },
  {
    test: /Pool overlaps|overlaps with other one/i,
    hint: t`The subnet overlaps a network that exists on the host: choose another subnet in the design.`,
  },
  {
    test: /Unknown device type/,
    hint: t`The kernel lacks this link type (e.g. no 802.1q module): on the lab, VLANs are emulated by OVS; on a real host load the module (modprobe 8021q).`,
  },
  {
    test: /context deadline exceeded/,
    hint: t`Swarm did not give the attachment in time: the address asked for may be taken by another endpoint (swarm's lb-NET load balancer takes one per node), or the manager could not be reached. 'docker network inspect NET' on the manager shows who holds what.`,
  },
  {
    test: /This node is not a swarm manager|not part of a swarm/i,
    hint: t`The swarm is not ready on this host: Apply again, it joins the swarm before creating the network.`,
  },
  {
    test: /No such container|No such network|not found/i,
    hint: t`Something the step needs is gone (removed by hand?): Apply again, it observes the hosts first and re-creates it.`,
  },
  {
    test: /did not finish within|connection was lost|got no answer|keepalive/i,
    hint: t`No answer, so the step may or may not have run. Apply again: it observes first and continues from what is there.`,
  },
  {
    test: /locked by |one apply per host at a time/,
    hint: t`Another apply runs on this host: wait for it to finish (Runs page), then Apply again.`,
  },
];

/**
 * The next move after a failed step, for the apply log: matched on the error and stderr (host
 * output, never executed or interpreted), from the most specific cause to a general one. Pure; a translatable Text.
 */
export function failureHintText(facts: FailureFacts): Text {
  if (facts.diagnosis) return facts.diagnosis;
  const text = `${facts.error}\n${facts.stderr}`;
  for (const rule of RULES) if (rule.test.test(text)) return rule.hint;
  if (facts.code === 126 || facts.code === 127)
    return t`The command is not installed on this host (exit 127): install it (e.g. iproute2, docker.io, openvswitch-switch).`;
  return t`Fix the cause shown above, then Apply again: it observes the hosts first and continues from what is there.`;
}
