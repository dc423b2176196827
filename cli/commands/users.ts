import { createApiToken, listApiTokens, revokeApiToken } from "../../lib/auth/api-tokens";
import { listSessions, revokeUserSessions } from "../../lib/auth/sessions";
import { disableTotp, totpEnabled } from "../../lib/auth/totp";
import { createUser, deleteUser, getUserByName, listUsers, setUserPassword, setUserRole } from "../../lib/auth/users";
import { openStore, type Store, type StoreOpenError } from "../../lib/store/open";
import type { Result } from "../../lib/store/result";
import type { Role } from "../../lib/store/schema";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { CliError } from "../errors";
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
      const { values, positionals } = parseCommandArgs(
        args,
        { role: { type: "string" }, days: { type: "string" }, label: { type: "string" } },
        usage,
      );
      const [action, name, ...extra] = positionals;
      if (extra.length > 0) throw new CliError(`unexpected '${extra[0]}'\nusage: crossnet ${usage}`);
      const actions = [
        "list",
        "add",
        "role",
        "reset",
        "remove",
        "sessions",
        "signout",
        "token",
        "tokens",
        "revoke-token",
        "2fa-off",
      ];
      if (action === undefined || !actions.includes(action))
        throw new CliError(`expected ${actions.join(", ")}\nusage: crossnet ${usage}`);
      if (action !== "list" && action !== "sessions" && action !== "tokens" && !name)
        throw new CliError(`expected a user NAME\nusage: crossnet ${usage}`);
      if ((action === "add" || action === "role" || action === "token") && !isRole(values.role))
        throw new CliError(`--role must be one of ${ROLES.join(", ")}\nusage: crossnet ${usage}`);
      const opened = deps.open();
      if (!opened.ok) throw new CliError(opened.error.message, 1);
      const store = opened.value;
      try {
        if (action === "list") {
          for (const user of listUsers(store)) deps.stdout.write(`${user.name}\t${user.role}\t${user.createdAt}\n`);
          return 0;
        }
        if (action === "tokens") {
          const owner = name === undefined ? undefined : getUserByName(store, name);
          if (owner === null) throw new CliError(`no user named '${name}'`, 1);
          for (const token of listApiTokens(store, owner?.id))
            deps.stdout.write(
              `${token.id}\t${token.userName}\t${token.role}\t${token.label}\tuntil ${token.expiresAt}\t${token.revokedAt ? `revoked ${token.revokedAt}` : `last used ${token.lastUsedAt ?? "never"}`}\n`,
            );
          return 0;
        }
        if (action === "revoke-token") {
          const revoked = revokeApiToken(store, name ?? "");
          if (!revoked.ok) throw new CliError(revoked.error.message, 1);
          deps.stdout.write(`revoked token ${revoked.value.id}\n`);
          return 0;
        }
        if (action === "sessions") {
          const owner = name === undefined ? undefined : getUserByName(store, name);
          if (owner === null) throw new CliError(`no user named '${name}'`, 1);
          for (const session of listSessions(store, owner?.id))
            deps.stdout.write(
              `${session.id}\t${session.userName}\tsince ${session.createdAt}\tlast used ${session.lastSeenAt}\tuntil ${session.expiresAt}\n`,
            );
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
        if (action === "token") {
          const days = values.days === undefined ? 90 : Number(values.days);
          if (!/^\d{1,3}$/.test(values.days ?? "90") || days < 1 || days > 365)
            throw new CliError(`--days must be a whole number from 1 to 365\nusage: crossnet ${usage}`);
          const created = createApiToken(store, {
            userId: user.id,
            label: values.label ?? "api",
            role: values.role as Role,
            ttlMs: days * 24 * 60 * 60 * 1000,
          });
          if (!created.ok) throw new CliError(created.error.message, 1);
          deps.stdout.write(
            `${created.value.token}\n` +
              `token ${created.value.info.id} for ${user.name} (${created.value.info.role}) until ${created.value.info.expiresAt}; ` +
              "it is shown only now: send it as 'Authorization: Bearer …'\n",
          );
          return 0;
        }
        if (action === "signout") {
          const ended = revokeUserSessions(store, user.id);
          deps.stdout.write(`ended ${ended} session(s) of ${user.name}\n`);
          return 0;
        }
        if (action === "2fa-off") {
          // The way back in for an admin who lost both the authenticator app and the recovery codes.
          const had = totpEnabled(store, user.id);
          disableTotp(store, user.id);
          deps.stdout.write(
            had ? `two-factor sign-in turned off for ${user.name}\n` : `${user.name} had no two-factor sign-in\n`,
          );
          return 0;
        }
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
