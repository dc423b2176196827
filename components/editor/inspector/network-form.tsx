"use client";

import { useShallow } from "zustand/react/shallow";
import { DRIVER_LABELS } from "@/lib/graph/defaults";
import { setNetworkDriver, setParent, updateNodeData } from "@/lib/graph/edit";
import { SPEC_FIELDS, type SpecField, specPlaceholder } from "@/lib/graph/spec-fields";
import type { NetworkNode, NetworkSpec } from "@/lib/graph/types";
import type { Translate, UiKey } from "@/lib/i18n/ui";
import { DRIVERS, type Driver } from "@/lib/topology";
import { useT } from "../../i18n/locale-provider";
import { useEditor } from "../state/editor-context";
import {
  CheckField,
  ElementIssues,
  type FieldIssue,
  issuesFor,
  NumberField,
  otherIssues,
  SelectField,
  TextField,
} from "./fields";
import { useEdit, useElementIssues } from "./hooks";

/** Each spec field's label (lib/graph/spec-fields, English) as a catalogue key. */
const SPEC_LABEL: Record<string, UiKey> = {
  Subnet: "spec.subnet",
  Gateway: "spec.gateway",
  etcd: "spec.etcd",
  "Across hosts": "spec.crossHost",
  "Linux bridge name": "spec.bridge",
  "OVS bridge name": "spec.ovsBridge",
  "IP range": "spec.ipRange",
  Mode: "spec.mode",
  Attachable: "spec.attachable",
  Encrypted: "spec.encrypted",
  Tunnel: "spec.tunnel",
  "VNI / GRE key": "spec.vni",
  Backend: "spec.backend",
};

function specLabel(field: SpecField, t: Translate): string {
  const key = SPEC_LABEL[field.label];
  return key ? t(key) : field.label;
}

function specValue(spec: NetworkSpec, key: string): unknown {
  return (spec as Record<string, unknown>)[key];
}

function withField(spec: NetworkSpec, key: string, value: unknown): NetworkSpec {
  const next: Record<string, unknown> = { ...spec };
  if (value === undefined || value === "") delete next[key];
  else next[key] = value;
  return next as NetworkSpec;
}

function SpecInput({
  field,
  spec,
  issues,
  onChange,
}: {
  field: SpecField;
  spec: NetworkSpec;
  issues: FieldIssue[];
  onChange: (value: unknown) => void;
}) {
  const t = useT();
  const value = specValue(spec, field.key);
  const own = issuesFor(issues, field.key);
  switch (field.input) {
    case "text":
      return (
        <TextField
          field={field.key}
          label={specLabel(field, t)}
          value={typeof value === "string" ? value : undefined}
          optional
          placeholder={specPlaceholder(field, spec as { subnet?: string })}
          issues={own}
          onChange={onChange}
        />
      );
    case "number":
      return (
        <NumberField
          field={field.key}
          label={specLabel(field, t)}
          value={typeof value === "number" ? value : undefined}
          optional
          min={field.min}
          max={field.max}
          issues={own}
          onChange={onChange}
        />
      );
    case "select":
      return (
        <SelectField
          field={field.key}
          label={specLabel(field, t)}
          value={typeof value === "string" ? value : ""}
          options={field.options.map((option) => ({
            value: option,
            label: option === "" ? t("insp.default") : option,
          }))}
          issues={own}
          onChange={onChange}
        />
      );
    case "checkbox":
      return (
        <CheckField
          field={field.key}
          label={specLabel(field, t)}
          checked={value === true}
          issues={own}
          onChange={(checked) => onChange(checked || undefined)}
        />
      );
  }
}

/** Per host, the macvlan parent: one of the host's NICs or VLANs, or none. */
function MacvlanParents({ node }: { node: NetworkNode }) {
  const t = useT();
  const edit = useEdit();
  // A parent's issues sit on its parent edge (networks.NAME.parent.HOST), so they are found by path.
  const issues: FieldIssue[] = useEditor(
    useShallow((s) =>
      s.check.issues.filter(
        (issue) => issue.path[0] === "networks" && issue.path[1] === node.data.name && issue.path[2] === "parent",
      ),
    ),
  );
  const rows = useEditor(
    useShallow((s) => {
      const hosts = s.graph.nodes.filter((n) => n.type === "host");
      return hosts.map((host) => {
        const ifaces = s.graph.nodes.filter((n) => (n.type === "nic" || n.type === "vlan") && n.parentId === host.id);
        const current = s.graph.edges.find(
          (e) => e.type === "parent" && e.source === node.id && ifaces.some((i) => i.id === e.target),
        );
        return JSON.stringify({
          hostId: host.id,
          host: s.names[host.id] ?? "",
          current: current?.target ?? "",
          options: ifaces.map((i) => ({ value: i.id, label: s.names[i.id] ?? "" })),
        });
      });
    }),
  );
  if (rows.length === 0) return <p className="text-xs text-muted">{t("insp.noParents")}</p>;
  return (
    <fieldset className="space-y-2 rounded-md border border-border p-2">
      <legend className="px-1 text-xs font-medium text-muted">{t("insp.parentPerHost")}</legend>
      {rows.map((row) => {
        const { hostId, host, current, options } = JSON.parse(row) as {
          hostId: string;
          host: string;
          current: string;
          options: { value: string; label: string }[];
        };
        return (
          <SelectField
            key={hostId}
            field={`parent-${host}`}
            label={host}
            value={current}
            options={[{ value: "", label: t("insp.notOnHost") }, ...options]}
            issues={issues.filter((issue) => issue.path[3] === host)}
            onChange={(ifaceId) => edit((g) => setParent(g, node.id, hostId, ifaceId || undefined))}
          />
        );
      })}
    </fieldset>
  );
}

function OverlayControl({ node, issues }: { node: NetworkNode; issues: FieldIssue[] }) {
  const t = useT();
  const edit = useEdit();
  const spec = node.data.spec;
  if (spec.driver !== "overlay") return null;
  const mode = spec.control === undefined ? "" : spec.control === "swarm" ? "swarm" : "kv";
  const update = (control: typeof spec.control) =>
    edit(
      (g) => updateNodeData(g, node.id, { ...node.data, spec: withField(spec, "control", control) }),
      `${node.id}:control`,
    );
  return (
    <>
      <SelectField
        field="control"
        label={t("insp.control")}
        value={mode}
        options={[
          { value: "swarm", label: t("insp.controlSwarm") },
          { value: "kv", label: t("insp.controlKv") },
          { value: "", label: t("insp.none") },
        ]}
        issues={issuesFor(issues, "control").filter((i) => i.path[3] !== "kv")}
        onChange={(value) =>
          update(value === "swarm" ? "swarm" : value === "kv" ? { kv: "etcd://node-1:2379" } : undefined)
        }
      />
      {typeof spec.control === "object" && (
        <TextField
          field="kv"
          label={t("insp.kvUrl")}
          value={spec.control.kv}
          issues={issues.filter((i) => i.field === "control" && i.path[3] === "kv")}
          onChange={(kv) => update({ kv: kv ?? "" })}
        />
      )}
    </>
  );
}

export function NetworkForm({ node }: { node: NetworkNode }) {
  const t = useT();
  const issues = useElementIssues(node.id);
  const edit = useEdit();
  const spec = node.data.spec;
  const fields = SPEC_FIELDS[spec.driver];
  const shown = ["name", "driver", "parent", "control", ...fields.map((f) => f.key)];
  return (
    <div className="space-y-3">
      <TextField
        field="name"
        label={t("insp.networkName")}
        value={node.data.name}
        issues={issuesFor(issues, "name")}
        onChange={(name) =>
          edit((g) => updateNodeData(g, node.id, { ...node.data, name: name ?? "" }), `${node.id}:name`)
        }
      />
      <SelectField
        field="driver"
        label={t("insp.driver")}
        value={spec.driver}
        options={DRIVERS.map((driver) => ({ value: driver, label: DRIVER_LABELS[driver] }))}
        issues={issuesFor(issues, "driver")}
        onChange={(driver) => edit((g) => setNetworkDriver(g, node.id, driver as Driver))}
      />
      {fields.map((field) => (
        <SpecInput
          key={`${spec.driver}-${field.key}`}
          field={field}
          spec={spec}
          issues={issues}
          onChange={(value) =>
            edit(
              (g) => updateNodeData(g, node.id, { ...node.data, spec: withField(spec, field.key, value) }),
              `${node.id}:${field.key}`,
            )
          }
        />
      ))}
      <OverlayControl node={node} issues={issues} />
      {spec.driver === "macvlan" && <MacvlanParents node={node} />}
      <ElementIssues issues={otherIssues(issues, shown)} />
    </div>
  );
}
