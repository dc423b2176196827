"use client";

import { useShallow } from "zustand/react/shallow";
import { setVlanNic, updateNodeData } from "@/lib/graph/edit";
import type { HostNode, NicNode, VlanNode } from "@/lib/graph/types";
import { useT } from "../../i18n/locale-provider";
import { useEditor } from "../state/editor-context";
import { CheckField, ElementIssues, issuesFor, NumberField, otherIssues, SelectField, TextField } from "./fields";
import { useEdit, useElementIssues } from "./hooks";

export function HostForm({ node }: { node: HostNode }) {
  const t = useT();
  const issues = useElementIssues(node.id);
  const edit = useEdit();
  return (
    <div className="space-y-3">
      <TextField
        field="name"
        label={t("insp.hostName")}
        value={node.data.name}
        issues={issuesFor(issues, "name")}
        onChange={(name) =>
          edit((g) => updateNodeData(g, node.id, { ...node.data, name: name ?? "" }), `${node.id}:name`)
        }
      />
      <ElementIssues issues={otherIssues(issues, ["name"])} />
    </div>
  );
}

export function NicForm({ node }: { node: NicNode }) {
  const t = useT();
  const issues = useElementIssues(node.id);
  const edit = useEdit();
  const set = (patch: Partial<NicNode["data"]>, field: string) =>
    edit((g) => {
      const data = { ...node.data, ...patch };
      if (data.address === undefined) delete data.address;
      return updateNodeData(g, node.id, data);
    }, `${node.id}:${field}`);
  return (
    <div className="space-y-3">
      <TextField
        field="name"
        label={t("insp.ifaceName")}
        value={node.data.name}
        issues={issuesFor(issues, "name")}
        onChange={(name) => set({ name: name ?? "" }, "name")}
      />
      <TextField
        field="address"
        label={t("insp.address")}
        value={node.data.address}
        optional
        placeholder="192.168.0.53/24"
        issues={issuesFor(issues, "address")}
        onChange={(address) => set({ address }, "address")}
      />
      <CheckField
        field="promisc"
        label={t("insp.promisc")}
        checked={node.data.promisc === true}
        issues={issuesFor(issues, "promisc")}
        onChange={(promisc) => set({ promisc }, "promisc")}
      />
      <ElementIssues issues={otherIssues(issues, ["name", "address", "promisc"])} />
    </div>
  );
}

export function VlanForm({ node }: { node: VlanNode }) {
  const t = useT();
  const issues = useElementIssues(node.id);
  const edit = useEdit();
  const nics = useEditor(
    useShallow((s) =>
      s.graph.nodes
        .filter((n) => n.type === "nic" && n.parentId === node.parentId)
        .map((n) => `${n.id}\u0000${s.names[n.id] ?? ""}`),
    ),
  );
  const current = useEditor((s) => s.graph.edges.find((e) => e.type === "trunk" && e.target === node.id)?.source ?? "");
  return (
    <div className="space-y-3">
      <SelectField
        field="nic"
        label={t("insp.onNic")}
        value={current}
        options={nics.map((entry) => {
          const [value = "", label = ""] = entry.split("\u0000");
          return { value, label };
        })}
        issues={[]}
        onChange={(nicId) => edit((g) => setVlanNic(g, node.id, nicId))}
      />
      <NumberField
        field="vid"
        label={t("insp.vid")}
        value={node.data.vid}
        min={1}
        max={4094}
        issues={issuesFor(issues, "vid")}
        onChange={(vid) =>
          vid !== undefined && edit((g) => updateNodeData(g, node.id, { ...node.data, vid }), `${node.id}:vid`)
        }
      />
      <TextField
        field="address"
        label={t("insp.address")}
        value={node.data.address}
        optional
        placeholder="192.168.1.10/24"
        issues={issuesFor(issues, "address")}
        onChange={(address) =>
          edit(
            (g) =>
              updateNodeData(g, node.id, {
                kind: "vlan",
                vid: node.data.vid,
                ...(address !== undefined && { address }),
              }),
            `${node.id}:address`,
          )
        }
      />
      <ElementIssues issues={otherIssues(issues, ["vid", "address", "name"])} />
    </div>
  );
}
