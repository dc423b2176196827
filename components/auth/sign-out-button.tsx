"use client";

import { logoutAction } from "@/app/login/actions";

/** Ends the session (server side too) and returns to the sign-in page (the action redirects). */
export function SignOutButton({ label }: { label: string }) {
  return (
    <form
      action={async (form) => {
        await logoutAction(form);
      }}
    >
      <button type="submit" className="rounded px-2 py-1 text-sm hover:bg-panel-2" data-testid="sign-out">
        {label}
      </button>
    </form>
  );
}
