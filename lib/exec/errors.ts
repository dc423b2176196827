import "server-only";

/**
 * Typed errors of the transports. Each message says what failed, why, and how to fix it, and never
 * carries a secret (private key, passphrase, stdin, a substituted join token).
 */

/** Base class, so callers can tell transport failures from programming errors. */
export class TransportError extends Error {
  override readonly name: string = "TransportError";
  constructor(
    readonly host: string,
    message: string,
  ) {
    super(`${host}: ${message}`);
  }
}

/** The host presented a key other than the one pinned in the inventory. Raised before authentication. */
export class HostKeyMismatchError extends TransportError {
  override readonly name = "HostKeyMismatchError";
  constructor(
    host: string,
    readonly expected: string,
    readonly got: string,
    keyType: string,
  ) {
    super(
      host,
      `host key mismatch: the inventory pins ${expected} but the host presented ${got} (${keyType}). ` +
        "Nothing was sent to this host. If the host was reinstalled or the lab rebuilt, check the new key " +
        "out of band (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host) and update ssh.hostKey in the inventory",
    );
  }
}

/** TCP connect, handshake or authentication failed. */
export class SshConnectError extends TransportError {
  override readonly name = "SshConnectError";
}

/** The connection died (keepalive timeout, reset, sshd stopped) while a command was running. */
export class ConnectionLostError extends TransportError {
  override readonly name = "ConnectionLostError";
}

/** A command ran longer than its timeout; whether it had an effect is unknown. */
export class CommandTimeoutError extends TransportError {
  override readonly name = "CommandTimeoutError";
  constructor(
    host: string,
    readonly timeoutMs: number,
    program: string,
  ) {
    super(host, `'${program}' did not finish within ${timeoutMs} ms and was abandoned; its effect is unknown`);
  }
}

/** A command wrote more output than the transport keeps. */
export class OutputTooLargeError extends TransportError {
  override readonly name = "OutputTooLargeError";
}

/** The Docker endpoint of a host is unusable or refused (e.g. plain TCP). */
export class DockerEndpointError extends TransportError {
  override readonly name = "DockerEndpointError";
}

/** A call to the Docker Engine API failed. */
export class DockerApiError extends TransportError {
  override readonly name = "DockerApiError";
}
