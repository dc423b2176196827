"use client";

import { removeElements, updateEdgeData } from "@/lib/graph/edit";
import type { AttachEdge, ParentEdge } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useEditor } from "../state/editor-context";
import { ElementIssues, issuesFor, otherIssues, TextField } from "./fields";
import { useEdit, useElementIssues } from "./hooks";

export function AttachForm({ edge }: { edge: AttachEdge }) {
  const t = useT();
  const issues = useElementIssues(edge.id);
  const container = useEditor((s) => s.names[edge.source] ?? "");
  const network = useEditor((s) => s.names[edge.target] ?? "");
  const predicted = useEditor((s) => s.check.addresses.get(edge.id)?.ip);
  const edit = useEdit();
  const aliases = edge.data?.aliases;
  const write = (patch: { ip?: string; aliases?: string[] }) =>
    edit(
      (g) =>
        updateEdgeData(g, edge.id, {
          kind: "attach",
          ...(patch.ip !== undefined && { ip: patch.ip }),
          ...(patch.aliases !== undefined && { aliases: patch.aliases }),
        }),
      `${edge.id}:${"aliases" in patch ? "aliases" : "ip"}`,
    );
  return (
    <div className="space-y-3">
      <p className="text-sm">
        <span className="font-mono">{container}</span> {t("insp.on")} <span className="font-mono">{network}</span>
      </p>
      <TextField
        field="ip"
        label={t("insp.ip")}
        value={edge.data?.ip}
        optional
        placeholder={predicted ? `${predicted} ${t("edge.auto")}` : t("insp.assignedByDocker")}
        issues={issuesFor(issues, "ip")}
        onChange={(ip) => write({ ...(ip !== undefined && { ip }), ...(aliases && { aliases }) })}
      />
      <TextField
        field="aliases"
        label={t("insp.aliases")}
        value={aliases?.join(", ")}
        optional
        issues={issuesFor(issues, "aliases")}
        onChange={(text) => {
          const list = text
            ?.split(",")
            .map((a) => a.trim())
            .filter(Boolean);
          write({
            ...(edge.data?.ip !== undefined && { ip: edge.data.ip }),
            ...(list && list.length > 0 && { aliases: list }),
          });
        }}
      />
      <ElementIssues issues={otherIssues(issues, ["ip", "aliases"])} />
      <button
        type="button"
        className="text-sm text-danger hover:underline"
        data-testid="inspector-delete-edge"
        onClick={() => edit((g) => removeElements(g, [], [edge.id]))}
      >
        {t("insp.detachContainer")}
      </button>
    </div>
  );
}

export function ParentForm({ edge }: { edge: ParentEdge }) {
  const t = useT();
  const issues = useElementIssues(edge.id);
  const network = useEditor((s) => s.names[edge.source] ?? "");
  const iface = useEditor((s) => s.names[edge.target] ?? "");
  const host = useEditor((s) => s.hostNames[edge.target] ?? "");
  const edit = useEdit();
  return (
    <div className="space-y-3">
      <p className="text-sm">
        {t("insp.parentOf")} <span className="font-mono">{network}</span> {t("insp.on")}{" "}
        <span className="font-mono">{host}</span>: <span className="font-mono">{iface}</span>
      </p>
      <ElementIssues issues={issues} />
      <button
        type="button"
        className="text-sm text-danger hover:underline"
        data-testid="inspector-delete-edge"
        onClick={() => edit((g) => removeElements(g, [], [edge.id]))}
      >
        {t("insp.removeParent")}
      </button>
    </div>
  );
}
