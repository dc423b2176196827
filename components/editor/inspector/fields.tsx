"use client";

import { type ReactNode, useEffect, useId, useState } from "react";
import type { GraphCheck } from "@/lib/graph/check-graph";
import { render, t } from "@/lib/i18n/text";
import { useLocale } from "../../i18n/locale-provider";

export type FieldIssue = GraphCheck["issues"][number];

const inputClass =
  "w-full rounded-md border border-border bg-bg px-2 py-1 font-mono text-sm text-fg aria-[invalid=true]:border-danger";

function Messages({ id, issues, testId }: { id: string; issues: FieldIssue[]; testId: string }) {
  const locale = useLocale();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs" data-testid={`inspector-error-${testId}`}>
      {issues.map((issue) => (
        <li
          key={`${issue.code}|${issue.path.join("/")}|${issue.message.en}`}
          className={issue.severity === "error" ? "text-danger" : "text-warn"}
        >
          {render(issue.message, locale)}
          {issue.hint.en && <span className="block text-muted">{render(issue.hint, locale)}</span>}
        </li>
      ))}
    </ul>
  );
}

function Labeled({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={htmlFor} className="text-xs font-medium text-muted">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A text input that commits every change (the design re-validates as the user types) and keeps its
 * own text while focused, so a value the store normalises never jumps under the cursor.
 */
export function TextField({
  field,
  label,
  value,
  onChange,
  issues,
  placeholder,
  optional = false,
}: {
  field: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  issues: FieldIssue[];
  placeholder?: string;
  optional?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(value ?? "");
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value ?? "");
  }, [value, focused]);
  const invalid = issues.some((issue) => issue.severity === "error");
  return (
    <Labeled label={label} htmlFor={id}>
      <input
        id={id}
        className={inputClass}
        data-testid={`inspector-field-${field}`}
        value={text}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid || undefined}
        aria-describedby={issues.length ? `${id}-issues` : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => {
          setText(event.target.value);
          onChange(optional && event.target.value === "" ? undefined : event.target.value);
        }}
      />
      <Messages id={`${id}-issues`} issues={issues} testId={field} />
    </Labeled>
  );
}

/** A whole number; commits only numbers (text that is not one stays in the box, with a message). */
export function NumberField({
  field,
  label,
  value,
  onChange,
  issues,
  min,
  max,
  optional = false,
}: {
  field: string;
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  issues: FieldIssue[];
  min: number;
  max: number;
  optional?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value === undefined ? "" : String(value));
  }, [value, focused]);
  const parsed = /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : undefined;
  const local: FieldIssue[] =
    text.trim() !== "" && parsed === undefined
      ? [
          {
            code: "invalid-value",
            severity: "error",
            path: [],
            message: t`'${text}' is not a whole number`,
            hint: t`Use ${min}-${max}.`,
          },
        ]
      : [];
  const all = [...local, ...issues];
  return (
    <Labeled label={label} htmlFor={id}>
      <input
        id={id}
        className={inputClass}
        data-testid={`inspector-field-${field}`}
        inputMode="numeric"
        value={text}
        aria-invalid={all.some((issue) => issue.severity === "error") || undefined}
        aria-describedby={all.length ? `${id}-issues` : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (next.trim() === "" && optional) onChange(undefined);
          else if (/^[0-9]+$/.test(next.trim())) onChange(Number(next.trim()));
        }}
      />
      <Messages id={`${id}-issues`} issues={all} testId={field} />
    </Labeled>
  );
}

export function SelectField({
  field,
  label,
  value,
  options,
  onChange,
  issues,
}: {
  field: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  issues: FieldIssue[];
}) {
  const id = useId();
  return (
    <Labeled label={label} htmlFor={id}>
      <select
        id={id}
        className={inputClass}
        data-testid={`inspector-field-${field}`}
        value={value}
        aria-invalid={issues.some((issue) => issue.severity === "error") || undefined}
        aria-describedby={issues.length ? `${id}-issues` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages id={`${id}-issues`} issues={issues} testId={field} />
    </Labeled>
  );
}

export function CheckField({
  field,
  label,
  checked,
  onChange,
  issues,
}: {
  field: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  issues: FieldIssue[];
}) {
  const id = useId();
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          className="h-4 w-4 accent-[var(--accent)]"
          data-testid={`inspector-field-${field}`}
          checked={checked}
          aria-describedby={issues.length ? `${id}-issues` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
      </div>
      <Messages id={`${id}-issues`} issues={issues} testId={field} />
    </div>
  );
}

/** Issues of the element that no field of the form shows. */
export function ElementIssues({ issues }: { issues: FieldIssue[] }) {
  if (issues.length === 0) return null;
  return <Messages id="element-issues" issues={issues} testId="element" />;
}

export function issuesFor(issues: FieldIssue[], field: string): FieldIssue[] {
  return issues.filter((issue) => issue.field === field);
}

export function otherIssues(issues: FieldIssue[], shown: readonly string[]): FieldIssue[] {
  return issues.filter((issue) => issue.field === undefined || !shown.includes(issue.field));
}
