"use client";

import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { CaptureHere } from "../../capture/capture-here";
import { useT } from "../../i18n/locale-provider";
import { useEditor } from "../state/editor-context";
import { ContainerForm } from "./container-form";
import { DesignForm } from "./design-form";
import { AttachForm, ParentForm } from "./edge-forms";
import { HostForm, NicForm, VlanForm } from "./interface-forms";
import { NetworkForm } from "./network-form";

const TITLES = {
  host: "palette.host",
  nic: "palette.nic",
  vlan: "palette.vlan",
  network: "insp.network",
  container: "palette.container",
} as const;

/** A form for the selected node or edge, with each field's validation messages under it. */
export const Inspector = memo(function Inspector() {
  const t = useT();
  const selectedIds = useEditor(useShallow((s) => s.selectedIds));
  const only = selectedIds.length === 1 ? selectedIds[0] : undefined;
  const node = useEditor((s) => (only ? s.graph.nodes.find((n) => n.id === only) : undefined));
  const edge = useEditor((s) => (only && !node ? s.graph.edges.find((e) => e.id === only) : undefined));
  let body: React.ReactNode;
  let title = t("insp.design");
  if (selectedIds.length > 1)
    body = <p className="text-sm text-muted">{t("insp.many", { count: selectedIds.length })}</p>;
  else if (node) {
    title = t(TITLES[node.type]);
    switch (node.type) {
      case "host":
        body = <HostForm key={node.id} node={node} />;
        break;
      case "nic":
        body = <NicForm key={node.id} node={node} />;
        break;
      case "vlan":
        body = <VlanForm key={node.id} node={node} />;
        break;
      case "network":
        body = <NetworkForm key={node.id} node={node} />;
        break;
      case "container":
        body = <ContainerForm key={node.id} node={node} />;
        break;
    }
  } else if (edge?.type === "attach") {
    title = t("insp.attachment");
    body = <AttachForm key={edge.id} edge={edge} />;
  } else if (edge?.type === "parent") {
    title = t("insp.parent");
    body = <ParentForm key={edge.id} edge={edge} />;
  } else body = <DesignForm />;
  return (
    <section aria-label={t("insp.title")} className="space-y-3 p-3" data-testid="inspector" data-selected={only ?? ""}>
      <h2 className="text-sm font-semibold" data-testid="inspector-title">
        {title}
      </h2>
      {body}
      {only && (node || edge) && <CaptureHere id={only} />}
    </section>
  );
});
