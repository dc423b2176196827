import Link from "next/link";
import type { Translate } from "@/lib/i18n/ui";
import { buttonClass, inputClass, primaryButtonClass } from "../ui/classes";

export type AuditFilterValues = {
  who: string;
  host: string;
  q: string;
  from: string;
  to: string;
  failed: boolean;
  run: string;
  /** Rows per page. */
  n: number;
};

/**
 * The audit page's filters: a plain GET form (works without JavaScript), so the filter lives in the
 * URL, can be bookmarked, and is applied by the server's query, not in the browser.
 */
export function AuditFilters({
  t,
  values,
  whoChoices,
  hostChoices,
  pageSizes,
}: {
  t: Translate;
  values: AuditFilterValues;
  whoChoices: string[];
  hostChoices: string[];
  pageSizes: readonly number[];
}) {
  const label = "flex flex-col gap-1 text-xs text-muted";
  // A value from the URL stays selectable even when no row carries it (yet).
  const whos = values.who && !whoChoices.includes(values.who) ? [values.who, ...whoChoices] : whoChoices;
  const hosts = values.host && !hostChoices.includes(values.host) ? [values.host, ...hostChoices] : hostChoices;
  return (
    <form
      method="get"
      action="/audit"
      aria-label={t("audit.filters")}
      className="flex flex-wrap items-end gap-3 rounded border border-border bg-panel p-3"
      data-testid="audit-filters"
    >
      <label className={label}>
        {t("audit.filter.who")}
        <select name="who" defaultValue={values.who} className={`${inputClass} w-40`} data-testid="audit-filter-who">
          <option value="">{t("audit.filter.anyone")}</option>
          {whos.map((who) => (
            <option key={who} value={who}>
              {who}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t("audit.filter.host")}
        <select name="host" defaultValue={values.host} className={`${inputClass} w-36`} data-testid="audit-filter-host">
          <option value="">{t("audit.filter.anyHost")}</option>
          {hosts.map((host) => (
            <option key={host} value={host}>
              {host}
            </option>
          ))}
        </select>
      </label>
      <label className={`${label} min-w-48 flex-1`}>
        {t("audit.filter.text")}
        <input
          type="search"
          name="q"
          defaultValue={values.q}
          maxLength={200}
          placeholder={t("audit.filter.textPlaceholder")}
          className={inputClass}
          data-testid="audit-filter-text"
        />
      </label>
      <label className={label}>
        {t("audit.filter.from")}
        <input
          type="datetime-local"
          name="from"
          defaultValue={values.from}
          className={`${inputClass} w-48`}
          data-testid="audit-filter-from"
        />
      </label>
      <label className={label}>
        {t("audit.filter.to")}
        <input
          type="datetime-local"
          name="to"
          defaultValue={values.to}
          className={`${inputClass} w-48`}
          data-testid="audit-filter-to"
        />
      </label>
      <label className="flex items-center gap-1.5 self-center pt-4 text-sm">
        <input
          type="checkbox"
          name="failed"
          value="1"
          defaultChecked={values.failed}
          data-testid="audit-filter-failed"
        />
        {t("audit.filter.failedOnly")}
      </label>
      {values.run ? (
        <label className="flex items-center gap-1.5 self-center pt-4 text-sm">
          <input type="checkbox" name="run" value={values.run} defaultChecked />
          {t("audit.filter.run", { run: values.run.slice(0, 8) })}
        </label>
      ) : null}
      <label className={label}>
        <span className="sr-only">{t("audit.pages")}</span>
        <select
          name="n"
          defaultValue={String(values.n)}
          className={`${inputClass} w-32`}
          data-testid="audit-filter-size"
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {t("audit.filter.pageSize", { count: size })}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} data-testid="audit-filter-apply">
          {t("audit.filter.apply")}
        </button>
        <Link href="/audit" className={buttonClass} data-testid="audit-filter-clear">
          {t("audit.filter.clear")}
        </Link>
      </div>
    </form>
  );
}
