import { type AuditRow, listAudit, verifyAudit } from "../../lib/store/audit";
import { formatAuditHead, parseAuditHead } from "../../lib/store/audit-chain";
import { openStore, type Store, type StoreOpenError } from "../../lib/store/open";
import type { Result } from "../../lib/store/result";
import { safeText } from "../../lib/text/safe-text";
import { parseCommandArgs } from "../args";
import type { Command } from "../command";
import { CliError } from "../errors";
import { colours } from "../style";
import { HELP } from "./help";

const { usage, summary } = HELP.audit;

/** What the audit command needs from outside; tests pass an in-memory store and string sinks. */
export type AuditCommandDeps = {
  open: () => Result<Store, StoreOpenError>;
  stdout: NodeJS.WriteStream;
};

/** Text that came from hosts, made safe to print ({@link safeText}: terminal escapes and bidi overrides escaped). */
function printable(text: string): string {
  return safeText(text);
}

function showArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

function describeRow(row: AuditRow): string {
  if (row.kind === "command") return (row.argv ?? []).map(showArg).join(" ");
  if (row.kind === "api") return `${row.apiMethod ?? "?"} ${row.apiPath ?? "?"}`;
  return row.detail ?? "";
}

function formatRow(row: AuditRow): string {
  const fields = [
    String(row.seq).padStart(6),
    row.at,
    row.who,
    row.host ?? "-",
    row.kind,
    row.exitCode === null ? "-" : String(row.exitCode),
    row.durationMs === null ? "-" : `${row.durationMs}ms`,
    describeRow(row),
  ];
  return printable(fields.join("  "));
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new CliError(`--${name} must be a whole number\nusage: crossnet ${usage}`);
  return Number(value);
}

/** Builds the `crossnet audit` command over injectable dependencies. */
export function createAuditCommand(deps: AuditCommandDeps): Command {
  return {
    usage,
    summary,
    async run(args) {
      const { values, positionals } = parseCommandArgs(
        args,
        {
          json: { type: "boolean" },
          limit: { type: "string" },
          after: { type: "string" },
          host: { type: "string" },
          run: { type: "string" },
          head: { type: "string" },
        },
        usage,
      );
      const [action, ...extra] = positionals;
      if ((action !== "verify" && action !== "list" && action !== "head") || extra.length > 0) {
        throw new CliError(`expected 'verify', 'head' or 'list'\nusage: crossnet ${usage}`);
      }
      const storedHead = values.head === undefined ? undefined : parseAuditHead(values.head);
      if (storedHead === null)
        throw new CliError(`--head must be SEQ:HASH as 'crossnet audit head' printed it\nusage: crossnet ${usage}`);
      const limit = positiveInt(values.limit, "limit");
      const afterSeq = positiveInt(values.after, "after");
      const opened = deps.open();
      if (!opened.ok) throw new CliError(opened.error.message);
      const store = opened.value;
      const out = deps.stdout;
      const c = colours(out);
      try {
        if (action === "head") {
          const result = verifyAudit(store);
          if (!result.ok) {
            out.write(`${c.red("✗")} audit: chain broken at seq ${result.seq} (${result.reason}): ${result.message}\n`);
            return 1;
          }
          if (values.json) out.write(`${JSON.stringify({ head: result.head }, null, 2)}\n`);
          else out.write(`${result.head ? formatAuditHead(result.head) : "0:"}\n`);
          return 0;
        }
        if (action === "verify") {
          const result = verifyAudit(store, storedHead ? { head: storedHead } : {});
          if (values.json) {
            out.write(`${JSON.stringify(result, null, 2)}\n`);
          } else if (result.ok) {
            const head = result.head ? `; head ${formatAuditHead(result.head)}` : "";
            out.write(`${c.green("✓")} audit: ${result.count} rows, chain intact${head}\n`);
            if (result.legacyRows > 0)
              out.write(
                c.dim(
                  result.legacyRows === result.count
                    ? `  rows 1-${result.legacyRows} predate the keyed chain and are not sealed yet: the next audited action seals them\n`
                    : `  rows 1-${result.legacyRows} predate the keyed chain; the row after them seals them\n`,
                ),
              );
            if (storedHead)
              out.write(`  the stored head seq ${storedHead.seq} is in the log: nothing after it was cut\n`);
            else if (result.head)
              out.write(
                c.dim(
                  "  keep 'crossnet audit head' somewhere else; 'verify --head SEQ:HASH' then shows rows cut from the end\n",
                ),
              );
          } else {
            out.write(`${c.red("✗")} audit: chain broken at seq ${result.seq} (${result.reason}): ${result.message}\n`);
          }
          return result.ok ? 0 : 1;
        }
        const rows = listAudit(store, { afterSeq, limit: limit ?? 100, host: values.host, runId: values.run });
        if (values.json) out.write(`${JSON.stringify(rows, null, 2)}\n`);
        else for (const row of rows) out.write(`${formatRow(row)}\n`);
        return 0;
      } finally {
        store.close();
      }
    },
  };
}

/** `crossnet audit verify|head|list`, on the database `CROSSNET_DB` names (default ./data/crossnet.db). */
export const audit: Command = createAuditCommand({ open: () => openStore(), stdout: process.stdout });
