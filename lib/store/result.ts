import "server-only";

/** A successful outcome carrying its value. */
export type Ok<T> = { ok: true; value: T };

/** An expected failure carrying typed data (a `code` plus a message a person can read). */
export type Err<E> = { ok: false; error: E };

/**
 * Outcome of an operation that can fail in an expected way (a name already taken, a row not found,
 * a wrong password). Expected failures are data the caller switches on; only bugs and broken
 * invariants throw.
 */
export type Result<T, E> = Ok<T> | Err<E>;

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wraps an expected failure as a {@link Result}. */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
