import "server-only";

/** Why a lab operation failed; stable strings that callers can switch on. */
export type LabErrorCode =
  | "unsupported-platform"
  | "not-root"
  | "missing-prerequisites"
  | "lab-already-up"
  | "invalid-spec"
  | "command-failed"
  | "daemon-failed"
  | "timeout";

/** One problem found in a {@link LabSpec}, pointing at the field it concerns. */
export type LabSpecIssue = {
  code: string;
  /** Field path, e.g. `["hosts", 0, "nics", 1, "name"]`. */
  path: (string | number)[];
  message: string;
};

/**
 * A failed lab operation: `message` says what failed and why, `hint` how to fix it.
 * `details` carries extra text such as the tail of a daemon's log.
 */
export class LabError extends Error {
  override readonly name = "LabError";
  constructor(
    readonly code: LabErrorCode,
    message: string,
    readonly hint: string,
    readonly details: { issues?: LabSpecIssue[]; log?: string; argv?: string[] } = {},
  ) {
    super(message);
  }

  /** Message, hint and details as the CLI prints them. */
  describe(): string {
    const lines = [this.message];
    for (const issue of this.details.issues ?? []) lines.push(`  - ${issue.path.join(".")}: ${issue.message}`);
    if (this.details.log) lines.push(this.details.log.trimEnd());
    if (this.hint) lines.push(`hint: ${this.hint}`);
    return lines.join("\n");
  }
}

/** Type guard for {@link LabError}. */
export function isLabError(error: unknown): error is LabError {
  return error instanceof LabError;
}
