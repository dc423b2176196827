"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { deleteTopologyAction, duplicateTopologyAction } from "@/app/topologies/actions";
import type { TopologySummary } from "@/lib/store/topologies";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";
import { buttonClass, dangerButtonClass } from "../ui/classes";
import { ImportButton } from "./import-button";
import { NewTopologyForm, type TemplateInfo } from "./new-topology-form";

function when(iso: string): string {
  return iso.replace("T", " ").slice(0, 16);
}

/** The list of topologies with create, import, export, duplicate and delete. */
export function TopologiesView({
  topologies,
  templates,
}: {
  topologies: TopologySummary[];
  templates: TemplateInfo[];
}) {
  const t = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [doomed, setDoomed] = useState<TopologySummary | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const duplicate = (topology: TopologySummary) =>
    start(async () => {
      const result = await duplicateTopologyAction({ id: topology.id });
      setMessage(
        result.ok
          ? { tone: "ok", text: t("topologies.duplicated", { name: result.name }) }
          : { tone: "error", text: errorText(t, result.error) },
      );
      router.refresh();
    });

  const askDelete = (topology: TopologySummary) => {
    setDoomed(topology);
    dialog.current?.showModal();
  };

  const confirmDelete = () => {
    const topology = doomed;
    dialog.current?.close();
    if (!topology) return;
    start(async () => {
      const result = await deleteTopologyAction({ id: topology.id });
      setMessage(
        result.ok
          ? { tone: "ok", text: t("topologies.deleted", { name: topology.name }) }
          : { tone: "error", text: errorText(t, result.error) },
      );
      setDoomed(null);
      router.refresh();
    });
  };

  return (
    <section className="mx-auto w-full max-w-6xl space-y-6 p-6" data-testid="topologies-page">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-xl font-semibold">{t("nav.topologies")}</h1>
        <span className="text-sm text-muted">{t("topologies.saved", { count: topologies.length })}</span>
      </div>

      <div className="flex flex-wrap items-start justify-between gap-6 rounded-lg border border-border bg-panel p-4">
        <NewTopologyForm templates={templates} />
        <ImportButton />
      </div>

      <p
        role="status"
        aria-live="polite"
        className={message?.tone === "error" ? "text-sm text-danger" : "text-sm text-ok"}
        data-testid="topologies-message"
      >
        {message?.text}
      </p>

      {topologies.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-border p-8 text-center text-muted"
          data-testid="topologies-empty"
        >
          {t("topologies.empty")}
        </p>
      ) : (
        <table
          className="w-full border-collapse overflow-hidden rounded-lg border border-border bg-panel text-sm"
          data-testid="topologies-list"
        >
          <thead className="bg-panel-2 text-left">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("topologies.col.name")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("topologies.col.version")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("topologies.col.updated")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("topologies.col.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {topologies.map((topology) => (
              <tr key={topology.id} className="border-t border-border" data-testid={`topologies-row-${topology.name}`}>
                <td className="px-3 py-2">
                  <Link
                    href={`/topologies/${topology.id}`}
                    className="font-medium text-accent hover:underline"
                    data-testid={`topologies-open-${topology.name}`}
                  >
                    {topology.name}
                  </Link>
                </td>
                <td className="px-3 py-2 tabular-nums">
                  {topology.latestVersion ? `v${topology.latestVersion}` : "—"}
                </td>
                <td className="px-3 py-2 tabular-nums text-muted">{when(topology.updatedAt)}</td>
                <td className="px-3 py-2">
                  <div className="flex justify-end gap-2">
                    <a
                      className={buttonClass}
                      href={`/topologies/${topology.id}/export?format=yaml`}
                      download
                      data-testid={`topologies-export-yaml-${topology.name}`}
                    >
                      YAML
                    </a>
                    <a
                      className={buttonClass}
                      href={`/topologies/${topology.id}/export?format=json`}
                      download
                      data-testid={`topologies-export-json-${topology.name}`}
                    >
                      JSON
                    </a>
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={pending}
                      onClick={() => duplicate(topology)}
                      data-testid={`topologies-duplicate-${topology.name}`}
                    >
                      {t("topologies.duplicate")}
                    </button>
                    <button
                      type="button"
                      className={dangerButtonClass}
                      disabled={pending}
                      onClick={() => askDelete(topology)}
                      data-testid={`topologies-delete-${topology.name}`}
                    >
                      {t("topologies.delete")}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto rounded-lg border border-border bg-panel p-5 text-fg backdrop:bg-black/40"
        data-testid="confirm-delete-dialog"
        onClose={() => setDoomed(null)}
      >
        <h2 id="delete-title" className="text-lg font-semibold">
          {t("topologies.deleteTitle", { name: doomed?.name ?? "" })}
        </h2>
        <p className="mt-2 text-sm text-muted">{t("topologies.deleteHelp")}</p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            className={buttonClass}
            onClick={() => dialog.current?.close()}
            data-testid="confirm-delete-cancel"
          >
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={dangerButtonClass}
            onClick={confirmDelete}
            data-testid="confirm-delete-confirm"
          >
            {t("topologies.delete")}
          </button>
        </div>
      </dialog>
    </section>
  );
}
