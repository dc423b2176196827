import { expect, test } from "vitest";
import { INTENT_DETAIL } from "../exec/audit";
import { createAuditSink, listAudit, verifyAudit } from "./audit";
import { auditedAction } from "./audit-action";
import { openTestStore } from "./testing";

/**
 * Finding 10's last part: work that runs root commands on the dashboard machine itself (`lab up`,
 * `lab down`, from the CLI and the dashboard) is audited like a command on a host.
 */

const details = (store: ReturnType<typeof openTestStore>) => listAudit(store).map((row) => [row.who, row.detail]);

test("a lab up is written as an intent row before it starts and a result row after, in the keyed chain", async () => {
  const store = openTestStore();
  let seenWhileRunning: (string | null)[][] = [];
  const result = await auditedAction(createAuditSink(store), { who: "cli:root", what: "lab up macvlan" }, async () => {
    seenWhileRunning = details(store);
    return "up";
  });
  expect(result).toBe("up");
  expect(seenWhileRunning).toEqual([["cli:root", `lab up macvlan: ${INTENT_DETAIL}`]]);
  expect(details(store)).toEqual([
    ["cli:root", `lab up macvlan: ${INTENT_DETAIL}`],
    ["cli:root", "lab up macvlan: done"],
  ]);
  expect(verifyAudit(store)).toMatchObject({ ok: true, count: 2 });
});

test("a lab down that fails is recorded with its error, and the error still reaches the caller", async () => {
  const store = openTestStore();
  const down = auditedAction(createAuditSink(store), { who: "admin", what: "lab down" }, async () => {
    throw new Error("cn-sw is busy");
  });
  await expect(down).rejects.toThrow("cn-sw is busy");
  expect(details(store)).toEqual([
    ["admin", `lab down: ${INTENT_DETAIL}`],
    ["admin", "lab down: failed: cn-sw is busy"],
  ]);
  expect(verifyAudit(store)).toMatchObject({ ok: true, count: 2 });
});

test("when the intent row cannot be written, the lab action does not run", async () => {
  const store = openTestStore();
  const audit = createAuditSink(store);
  store.close();
  let ran = false;
  const up = auditedAction(audit, { who: "cli:root", what: "lab up macvlan" }, async () => {
    ran = true;
  });
  await expect(up).rejects.toThrow(expect.objectContaining({ name: "AuditWriteError" }));
  expect(ran).toBe(false);
});
