import "server-only";
import { inspect } from "node:util";
import { REDACTED } from "../text/redact";

/**
 * A decrypted secret in transit to the SSH transport. It prints, stringifies and serialises as
 * `[REDACTED]` (so a stray `console.log`, template string, `JSON.stringify` or server-action
 * return cannot leak it); the bytes come out only through {@link SecretValue.revealForSsh}.
 */
export class SecretValue {
  readonly #bytes: Buffer;

  constructor(bytes: Buffer) {
    this.#bytes = Buffer.from(bytes);
  }

  /**
   * The plaintext, for handing to ssh2's `connect({ privateKey | password })` and nothing else.
   * Returns a copy; call {@link SecretValue.dispose} once connected.
   */
  revealForSsh(): Buffer {
    return Buffer.from(this.#bytes);
  }

  /** Overwrites the held bytes with zeros; later reveals return zeros. */
  dispose(): void {
    this.#bytes.fill(0);
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `SecretValue ${REDACTED}`;
  }
}
