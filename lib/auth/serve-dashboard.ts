import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { PEER_STAMPED_ENV, stampPeer } from "./peer-address";

/**
 * Runs the built dashboard in this process behind Node's own HTTP server, so every request carries
 * its socket's peer address (`stampPeer`): the one address a client cannot choose, which sign-in
 * limits key on. Next 16 exposes no socket to proxy.ts, route handlers or server actions, and
 * `next start` keeps a client-written `X-Forwarded-For`, hence this small custom server. Resolves
 * with the listening server.
 */
export async function serveDashboard(options: {
  dir: string;
  host: string;
  port: number;
  /** `crossnet serve --tls`: HTTPS with this certificate and key. */
  tls?: { cert: Buffer; key: Buffer };
}): Promise<Server> {
  process.env[PEER_STAMPED_ENV] = "1";
  process.env.CROSSNET_LISTEN_HOST = options.host;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const server = createListener((req, res) => {
    stampPeer(req.headers, req.socket.remoteAddress);
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`crossnet serve: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  }, options.tls);
  server.on("upgrade", (req, socket, head) => {
    stampPeer(req.headers, req.socket.remoteAddress);
    upgrade(req, socket, head).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

/** Node's HTTP server, or its HTTPS server when TLS material is given (same handler either way). */
export function createListener(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  tls?: { cert: Buffer; key: Buffer },
): Server {
  return tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: "TLSv1.2" }, handler)
    : createServer(handler);
}
