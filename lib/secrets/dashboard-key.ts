import { z } from "zod";

/**
 * How a host added in the dashboard authenticates: only with a key kept in Crossnet's own
 * encrypted key store (uploaded or generated there). A file path would let an operator use any
 * file the dashboard's process can read as a key (and probe what files are), and the ssh-agent
 * would lend them whatever keys the dashboard machine's user holds. The CLI, run by a local user
 * with their own file access, still reads key files named in an inventory file.
 */
export const DASHBOARD_KEY_ONLY_STORED =
  "dashboard inventories take SSH keys only from Crossnet's encrypted key store: upload the private key on the Hosts page (key files and the ssh-agent are for the CLI)";

/** Why a dashboard inventory's host may not use the agent: the switch is off for that inventory. */
export const DASHBOARD_AGENT_OFF =
  "the ssh-agent is off for this inventory: an admin can allow it for this one inventory on the Hosts page, or upload the host's private key instead";

/**
 * The key choice of the add-host action: the stored key, or the ssh-agent (then allowed only when an
 * admin enabled the agent for that inventory: the action checks). Paths are refused as above.
 */
export const DashboardHostKeyChoice = z
  .object({ kind: z.string().max(16) })
  .passthrough()
  .superRefine((value, context) => {
    if ((value.kind !== "stored" && value.kind !== "agent") || Object.keys(value).length !== 1)
      context.addIssue({ code: "custom", message: DASHBOARD_KEY_ONLY_STORED });
  })
  .transform((value) => ({ kind: value.kind === "agent" ? ("agent" as const) : ("stored" as const) }));

/** Null when a host of an inventory may use this key choice; else why not (the agent while it is off there). */
export function keyChoiceRefusal(choice: { kind: "stored" | "agent" }, agentAllowed: boolean): string | null {
  return choice.kind === "agent" && !agentAllowed ? DASHBOARD_AGENT_OFF : null;
}

/**
 * The refusal for a dashboard-managed inventory's host whose `ssh.key` is not the stored key
 * (e.g. an inventory written before this rule): thrown when connecting, so nothing reads the file
 * or asks the agent. The lab's inventory, which `lab up` writes with the key it generated, is exempt.
 */
export function refuseUnstoredKey(host: string, agent = false): never {
  throw new Error(`${host}: ${agent ? DASHBOARD_AGENT_OFF : DASHBOARD_KEY_ONLY_STORED}`);
}
