"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { setInventoryAccessAction } from "@/app/hosts/actions";
import { inputClass, smallButtonClass } from "@/components/ui/classes";
import { errorText } from "../i18n/error-text";
import { useT } from "../i18n/locale-provider";

/** Who may only read this inventory (or act there); an admin sets or clears it per user. */
export function InventoryGrants({
  inventoryId,
  grants,
  canEdit,
  testId,
}: {
  inventoryId: string;
  grants: { userName: string; access: "read" | "apply" }[];
  canEdit: boolean;
  testId: string;
}) {
  const t = useT();
  const router = useRouter();
  const [userName, setUserName] = useState("");
  const [access, setAccess] = useState<"read" | "apply">("read");
  const [error, setError] = useState<string | null>(null);
  const set = async (name: string, value: "read" | "apply" | null) => {
    setError(null);
    const result = await setInventoryAccessAction({ inventoryId, userName: name, access: value });
    if (result.ok) {
      setUserName("");
      router.refresh();
    } else setError(errorText(t, result.error));
  };
  return (
    <div className="space-y-1 text-xs" data-testid={`${testId}-grants`}>
      <p className="text-muted">{t("hosts.grantsHelp")}</p>
      <ul>
        {grants.map((grant) => (
          <li
            key={grant.userName}
            className="flex items-center gap-2"
            data-testid={`${testId}-grant-${grant.userName}`}
          >
            <span className="font-mono">{grant.userName}</span>
            <span>{grant.access === "read" ? t("hosts.accessRead") : t("hosts.accessApply")}</span>
            {canEdit && (
              <button type="button" className={smallButtonClass} onClick={() => void set(grant.userName, null)}>
                {t("hosts.accessClear")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void set(userName, access);
          }}
        >
          <input
            className={`${inputClass} max-w-40`}
            placeholder={t("auth.userName")}
            aria-label={t("auth.userName")}
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            data-testid={`${testId}-grant-user`}
          />
          <select
            className={`${inputClass} max-w-40`}
            aria-label={t("hosts.access")}
            value={access}
            onChange={(e) => setAccess(e.target.value === "apply" ? "apply" : "read")}
            data-testid={`${testId}-grant-access`}
          >
            <option value="read">{t("hosts.accessRead")}</option>
            <option value="apply">{t("hosts.accessApply")}</option>
          </select>
          <button type="submit" className={smallButtonClass} data-testid={`${testId}-grant-set`}>
            {t("hosts.accessSet")}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
