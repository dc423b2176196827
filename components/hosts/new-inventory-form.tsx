"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createInventoryAction } from "@/app/hosts/actions";
import { buttonClass, inputClass } from "@/components/ui/classes";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/** Creates an empty inventory (for real machines). */
export function NewInventoryForm() {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await createInventoryAction({ name });
        if (result.ok) {
          setName("");
          setError(null);
          router.refresh();
        } else setError(errorText(t, result.error));
      }}
      data-testid="new-inventory"
    >
      <div>
        <label htmlFor={id} className="block text-xs text-muted">
          {t("hosts.newInventory")}
        </label>
        <input
          id={id}
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="office-lab"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="new-inventory-name"
        />
      </div>
      <button type="submit" className={buttonClass} data-testid="new-inventory-create">
        {t("topologies.create")}
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
