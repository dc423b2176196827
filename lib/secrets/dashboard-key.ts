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

/** The `key` of a host added in the dashboard: `{ kind: "stored" }`; any other kind is refused, with why. */
export const DashboardHostKey = z
  .object({ kind: z.string().max(16) })
  .passthrough()
  .superRefine((value, context) => {
    if (value.kind !== "stored" || Object.keys(value).length !== 1)
      context.addIssue({ code: "custom", message: DASHBOARD_KEY_ONLY_STORED });
  })
  .transform(() => ({ kind: "stored" as const }));

/**
 * The refusal for a dashboard-managed inventory's host whose `ssh.key` is not the stored key
 * (e.g. an inventory written before this rule): thrown when connecting, so nothing reads the file
 * or asks the agent. The lab's inventory, which `lab up` writes with the key it generated, is exempt.
 */
export function refuseUnstoredKey(host: string): never {
  throw new Error(`${host}: ${DASHBOARD_KEY_ONLY_STORED}`);
}
