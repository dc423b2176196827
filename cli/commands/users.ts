import { createUser, deleteUser, getUserByName, listUsers, setUserPassword, setUserRole } from "../../lib/auth/users";
import { openStore, type Store, type StoreOpenError } from "../../lib/store/open";
import type { Result } from "../../lib/store/result";
import type { Role } from "../../lib/store/schema";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { CliError } from "../usage";
import { HELP } from "./help";

const { usage, summary } = HELP.users;
const ROLES: readonly Role[] = ["viewer", "operator", "admin"];

/** What the users command needs from outside; tests pass an in-memory store and string streams. */
export type UsersCommandDeps = {
  open: () => Result<Store, StoreOpenError>;
  stdout: NodeJS.WritableStream;
  readPassword: () => Promise<string>;
};

/** All of stdin, without its final newline: `printf %s "$PW" | crossnet users add …` keeps it out of `ps`. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function isRole(value: string | undefined): value is Role {
  return value !== undefined && (ROLES as readonly string[]).includes(value);
}

/** Builds `crossnet users` over injectable dependencies. */
export function createUsersCommand(deps: UsersCommandDeps): Command {
  return {
    usage,
    summary,
    async run(args) {
      const { values, positionals } = parseCommandArgs(args, { role: { type: "string" } }, usage);
      const [action, name, ...extra] = positionals;
      if (extra.length > 0) throw new CliError(`unexpected '${extra[0]}'\nusage: crossnet ${usage}`);
      if (action !== "list" && action !== "add" && action !== "remove" && action !== "role" && action !== "reset")
        throw new CliError(`expected list, add, role, reset or remove\nusage: crossnet ${usage}`);
      if (action !== "list" && !name) throw new CliError(`expected a user NAME\nusage: crossnet ${usage}`);
      if ((action === "add" || action === "role") && !isRole(values.role))
        throw new CliError(`--role must be one of ${ROLES.join(", ")}\nusage: crossnet ${usage}`);
      const opened = deps.open();
      if (!opened.ok) throw new CliError(opened.error.message, 1);
      const store = opened.value;
      try {
        if (action === "list") {
          for (const user of listUsers(store)) deps.stdout.write(`${user.name}\t${user.role}\t${user.createdAt}\n`);
          return 0;
        }
        const userName = name ?? "";
        if (action === "add") {
          const created = await createUser(store, {
            name: userName,
            role: values.role as Role,
            password: await deps.readPassword(),
          });
          if (!created.ok) throw new CliError(created.error.message, 1);
          deps.stdout.write(`added ${created.value.name} (${created.value.role})\n`);
          return 0;
        }
        const user = getUserByName(store, userName);
        if (!user) throw new CliError(`no user named '${userName}'`, 1);
        if (action === "reset") {
          const reset = await setUserPassword(store, user.id, await deps.readPassword());
          if (!reset.ok) throw new CliError(reset.error.message, 1);
          deps.stdout.write(`new password set for ${user.name}; all of their sessions were ended\n`);
          return 0;
        }
        const changed =
          action === "role" ? setUserRole(store, user.id, values.role as Role) : deleteUser(store, user.id);
        if (!changed.ok) throw new CliError(changed.error.message, 1);
        deps.stdout.write(action === "role" ? `${user.name} is now ${values.role}\n` : `removed ${user.name}\n`);
        return 0;
      } finally {
        store.close();
      }
    },
  };
}

/** `crossnet users …` on the database `CROSSNET_DB` names. */
export const users: Command = createUsersCommand({
  open: () => openStore(),
  stdout: process.stdout,
  readPassword: readStdin,
});
