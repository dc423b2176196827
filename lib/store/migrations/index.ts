import "server-only";
import type { Migration } from "../migrate";
import { migration0001 } from "./0001-core";
import { migration0002 } from "./0002-auth";
import { migration0003 } from "./0003-ping-cell-command";
import { migration0004 } from "./0004-session-last-seen";
import { migration0005 } from "./0005-api-tokens";
import { migration0007 } from "./0007-perf-results";

/**
 * Every migration, oldest first. Append only: a released migration is never edited (its checksum
 * is recorded when applied, and `migrate` refuses a database whose history differs).
 */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0007];
