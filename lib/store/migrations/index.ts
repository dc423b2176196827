import "server-only";
import type { Migration } from "../migrate";
import { migration0001 } from "./0001-core";
import { migration0002 } from "./0002-auth";
import { migration0003 } from "./0003-ping-cell-command";
import { migration0004 } from "./0004-session-last-seen";
import { migration0005 } from "./0005-api-tokens";
import { migration0006 } from "./0006-lesson-states";
import { migration0007 } from "./0007-check-kinds";
import { migration0008 } from "./0008-inventory-settings";
import { migration0009 } from "./0009-totp";
import { migration0010 } from "./0010-inventory-grants";
import { migration0011 } from "./0011-perf-results";

/**
 * Every migration, oldest first. Append only: a released migration is never edited (its checksum
 * is recorded when applied, and `migrate` refuses a database whose history differs).
 */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
];
