import "server-only";
import { t } from "../i18n/text";
import { isLabError } from "../lab/errors";
import { labDown } from "../lab/lifecycle/lab-down";
import { labStatus } from "../lab/lifecycle/lab-status";
import { labUp } from "../lab/lifecycle/lab-up";
import { labSpecFromTopology } from "../lab/spec/from-topology";
import { runHub } from "../runs/hub";
import type { StartedRun } from "../runs/stream";
import { createAuditSink } from "../store/audit";
import { auditedAction } from "../store/audit-action";
import type { Store } from "../store/open";
import { finishRun, startRun } from "../store/runs";
import type { TopologyVersion } from "../store/topologies";
import type { Topology } from "../topology/schema";
import { type Actor, forbidden } from "./actor";
import type { StartRunError } from "./apply-run";
import { labInventoryPath, registerLabInventory } from "./inventory";

function explainLabError(error: unknown): string {
  if (isLabError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/** Refuses while a lab run of this dashboard is in progress (one lab at a time on a machine). */
function busy(): StartRunError | null {
  const running = runHub().running("lab");
  return running.length
    ? { code: "busy", message: "a lab operation is already running: wait for it to finish (its log is below)" }
    : null;
}

/**
 * Brings up the embedded lab for a saved topology version (`crossnet lab up --for`, through
 * lib/lab), streaming its progress, then registers its inventory as `lab`. Refuses while a lab is
 * up: one lab at a time on this machine, and it may be someone else's.
 */
export async function startLabUp(
  store: Store,
  input: { topology: Topology; version: TopologyVersion; actor: Actor },
): Promise<{ ok: true; value: StartedRun } | { ok: false; error: StartRunError }> {
  const denied = forbidden(input.actor, "operator");
  if (denied) return { ok: false, error: denied };
  const blocked = busy();
  if (blocked) return { ok: false, error: blocked };
  const status = await labStatus();
  if (status.state !== "down" || status.leftovers.length > 0)
    return {
      ok: false,
      error: {
        code: "busy",
        message:
          status.state === "down"
            ? `leftovers of an earlier lab are present (${status.leftovers.join(", ")}): bring the lab down first`
            : `lab '${status.name ?? "?"}' is ${status.state}: one lab at a time; bring it down first if it is yours`,
      },
    };
  let spec: ReturnType<typeof labSpecFromTopology>;
  try {
    spec = labSpecFromTopology(input.topology);
  } catch (error) {
    return { ok: false, error: { code: "unknown-reference", message: explainLabError(error) } };
  }
  const run = startRun(store, {
    kind: "lab",
    who: input.actor.name,
    topologyVersionId: input.version.id,
    settings: { action: "up", lab: spec.name, hosts: spec.hosts.map((host) => host.name) },
  });
  if (!run.ok) return { ok: false, error: { code: "unknown-reference", message: run.error.message } };
  const runId = run.value.id;
  const channel = runHub().open(runId, "lab");
  void (async () => {
    try {
      const result = await auditedAction(
        createAuditSink(store),
        { who: input.actor.name, what: `lab up ${spec.name}`, runId },
        () =>
          labUp(spec, { inventoryPath: labInventoryPath(), onEvent: (event) => channel.emit({ type: "lab", event }) }),
      );
      const registered = await registerLabInventory(store);
      const inventoryId = "id" in registered ? registered.id : null;
      const messageText = t`lab '${result.name}' up: ${result.hosts.length} host(s) in ${(result.durationMs / 1000).toFixed(1)} s; inventory '${inventoryId ? "lab" : t`not registered`}'`;
      const message = messageText.en;
      finishRun(store, runId, {
        status: "done",
        summary: {
          message,
          messageText,
          hosts: result.hosts.map((host) => ({ name: host.name, address: host.mgmtAddress })),
        },
      });
      channel.end({ kind: "lab", result: { action: "up", ok: true, message, messageText, inventoryId } });
    } catch (error) {
      const message = explainLabError(error);
      finishRun(store, runId, { status: "failed", summary: { message } });
      channel.end({ kind: "lab", result: { action: "up", ok: false, message, inventoryId: null } });
    }
  })();
  return { ok: true, value: { runId, kind: "lab" } };
}

/** Brings the lab down (`crossnet lab down`, through lib/lab), streaming its teardown steps. */
export function startLabDown(
  store: Store,
  input: { actor: Actor },
): { ok: true; value: StartedRun } | { ok: false; error: StartRunError } {
  const denied = forbidden(input.actor, "operator");
  if (denied) return { ok: false, error: denied };
  const blocked = busy();
  if (blocked) return { ok: false, error: blocked };
  const run = startRun(store, { kind: "lab", who: input.actor.name, settings: { action: "down" } });
  if (!run.ok) return { ok: false, error: { code: "unknown-reference", message: run.error.message } };
  const runId = run.value.id;
  const channel = runHub().open(runId, "lab");
  void (async () => {
    try {
      const result = await auditedAction(
        createAuditSink(store),
        { who: input.actor.name, what: "lab down", runId },
        () => labDown({ onEvent: (event) => channel.emit({ type: "lab", event }) }),
      );
      const said = result.found
        ? t`lab down in ${(result.durationMs / 1000).toFixed(1)} s: removed ${result.removed.containers} containers, ${result.removed.netns} namespaces`
        : t`no lab was up; nothing to remove`;
      const messageText = result.warnings.length
        ? t`${said} (${result.warnings.length} warning(s): ${result.warnings[0] ?? ""})`
        : said;
      finishRun(store, runId, { status: "done", summary: { message: messageText.en, messageText } });
      channel.end({
        kind: "lab",
        result: { action: "down", ok: true, message: messageText.en, messageText, inventoryId: null },
      });
    } catch (error) {
      const message = explainLabError(error);
      finishRun(store, runId, { status: "failed", summary: { message } });
      channel.end({ kind: "lab", result: { action: "down", ok: false, message, inventoryId: null } });
    }
  })();
  return { ok: true, value: { runId, kind: "lab" } };
}
