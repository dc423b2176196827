"use client";

import { useShallow } from "zustand/react/shallow";
import { checkConnection } from "@/lib/graph/connect";
import { connect, moveToHost, removeElements, updateEdgeData, updateNodeData } from "@/lib/graph/edit";
import type { AttachEdge, ContainerNode } from "@/lib/graph/types";
import { ContainerHands } from "../../containers/container-hands";
import { useT } from "../../i18n/locale-provider";
import { useEditor, useEditorStore } from "../state/editor-context";
import { ElementIssues, issuesFor, otherIssues, SelectField, TextField } from "./fields";
import { useEdit, useElementIssues } from "./hooks";

/** One network a container is on: its address (fixed, or empty for Docker's choice) and a detach button. */
function Attachment({ edge, network }: { edge: AttachEdge; network: string }) {
  const t = useT();
  const issues = useElementIssues(edge.id);
  const predicted = useEditor((s) => s.check.addresses.get(edge.id)?.ip);
  const edit = useEdit();
  return (
    <li className="space-y-1 rounded-md border border-border p-2" data-testid={`inspector-attachment-${network}`}>
      <div className="flex items-center justify-between text-sm">
        <span className="font-mono">{network}</span>
        <button
          type="button"
          className="rounded px-1.5 text-xs text-danger hover:bg-panel-2"
          data-testid={`inspector-detach-${network}`}
          aria-label={t("insp.detachFrom", { network })}
          onClick={() => edit((g) => removeElements(g, [], [edge.id]))}
        >
          {t("insp.detach")}
        </button>
      </div>
      <TextField
        field={`ip-${network}`}
        label={t("insp.ip")}
        value={edge.data?.ip}
        optional
        placeholder={predicted ? `${predicted} ${t("edge.auto")}` : t("insp.assignedByDocker")}
        issues={issuesFor(issues, "ip")}
        onChange={(ip) =>
          edit(
            (g) =>
              updateEdgeData(g, edge.id, {
                kind: "attach",
                ...(ip !== undefined && { ip }),
                ...(edge.data?.aliases && { aliases: edge.data.aliases }),
              }),
            `${edge.id}:ip`,
          )
        }
      />
      <ElementIssues issues={otherIssues(issues, ["ip"])} />
    </li>
  );
}

export function ContainerForm({ node }: { node: ContainerNode }) {
  const t = useT();
  const store = useEditorStore();
  const issues = useElementIssues(node.id);
  const edit = useEdit();
  const hostName = useEditor((s) => s.hostNames[node.id] ?? "");
  const hosts = useEditor(
    useShallow((s) => s.graph.nodes.filter((n) => n.type === "host").map((n) => `${n.id}\u0000${s.names[n.id] ?? ""}`)),
  );
  const attachments = useEditor(
    useShallow((s) => s.graph.edges.filter((e): e is AttachEdge => e.type === "attach" && e.source === node.id)),
  );
  const networkNames = useEditor(useShallow((s) => attachments.map((e) => s.names[e.target] ?? "")));
  const free = useEditor(
    useShallow((s) =>
      s.graph.nodes
        .filter((n) => n.type === "network" && !attachments.some((e) => e.target === n.id))
        .map((n) => `${n.id}\u0000${s.names[n.id] ?? ""}`),
    ),
  );
  const split = (entry: string) => {
    const [value = "", label = ""] = entry.split("\u0000");
    return { value, label };
  };
  return (
    <div className="space-y-3">
      <TextField
        field="name"
        label={t("insp.containerName")}
        value={node.data.name}
        issues={issuesFor(issues, "name")}
        onChange={(name) =>
          edit((g) => updateNodeData(g, node.id, { ...node.data, name: name ?? "" }), `${node.id}:name`)
        }
      />
      <TextField
        field="image"
        label={t("insp.image")}
        value={node.data.image}
        issues={issuesFor(issues, "image")}
        onChange={(image) =>
          edit((g) => updateNodeData(g, node.id, { ...node.data, image: image ?? "" }), `${node.id}:image`)
        }
      />
      <SelectField
        field="host"
        label={t("insp.runsOn")}
        value={node.parentId ?? ""}
        options={hosts.map(split)}
        issues={issuesFor(issues, "host")}
        onChange={(hostId) => edit((g) => moveToHost(g, node.id, hostId))}
      />
      <div>
        <h4 className="mb-1 text-xs font-medium text-muted">{t("insp.networks")}</h4>
        <ul className="space-y-2">
          {attachments.map((edge, i) => (
            <Attachment key={edge.id} edge={edge} network={networkNames[i] ?? ""} />
          ))}
        </ul>
        {free.length > 0 && (
          <SelectField
            field="attach"
            label={t("insp.attachTo")}
            value=""
            options={[{ value: "", label: "(choose a network)" }, ...free.map(split)]}
            issues={issuesFor(issues, "networks")}
            onChange={(networkId) => {
              if (!networkId) return;
              const check = checkConnection(store.getState().graph, { source: node.id, target: networkId });
              if (check.ok) edit((g) => connect(g, check));
              else store.getState().showToast(check.reason);
            }}
          />
        )}
      </div>
      <ElementIssues issues={otherIssues(issues, ["name", "image", "host", "networks"])} />
      {hostName && node.data.name && <ContainerHands name={node.data.name} host={hostName} />}
    </div>
  );
}
