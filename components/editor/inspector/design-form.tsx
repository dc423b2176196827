"use client";

import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/locale-provider";
import { useEditor } from "../state/editor-context";
import { ElementIssues, TextField } from "./fields";
import { useEdit } from "./hooks";

/** The design's own fields, shown when nothing is selected. */
export function DesignForm() {
  const t = useT();
  const meta = useEditor((s) => s.graph.meta);
  const issues = useEditor(
    useShallow((s) => s.check.issues.filter((issue) => issue.path[0] === "name" || issue.path[0] === "description")),
  );
  const loose = useEditor(
    useShallow((s) => s.check.issues.filter((issue) => !issue.elementId && issue.path.length <= 1)),
  );
  const edit = useEdit();
  return (
    <div className="space-y-3" data-testid="inspector-design">
      <TextField
        field="design-name"
        label={t("topologies.col.name")}
        value={meta.name}
        issues={issues.filter((i) => i.path[0] === "name")}
        onChange={(name) => edit((g) => ({ ...g, meta: { ...g.meta, name: name ?? "" } }), "meta:name")}
      />
      <TextField
        field="design-description"
        label={t("insp.description")}
        value={meta.description}
        optional
        issues={issues.filter((i) => i.path[0] === "description")}
        onChange={(description) =>
          edit(
            (g) => ({ ...g, meta: { name: g.meta.name, ...(description !== undefined && { description }) } }),
            "meta:description",
          )
        }
      />
      <ElementIssues issues={loose.filter((i) => i.path[0] !== "name" && i.path[0] !== "description")} />
      <p className="text-xs text-muted">{t("insp.designHelp")}</p>
    </div>
  );
}
