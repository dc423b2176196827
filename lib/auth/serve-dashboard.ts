import { createServer, type Server } from "node:http";
import { PEER_STAMPED_ENV, stampPeer } from "./peer-address";

/**
 * Runs the built dashboard in this process behind Node's own HTTP server, so every request carries
 * its socket's peer address (`stampPeer`): the one address a client cannot choose, which sign-in
 * limits key on. Next 16 exposes no socket to proxy.ts, route handlers or server actions, and
 * `next start` keeps a client-written `X-Forwarded-For`, hence this small custom server. Resolves
 * with the listening server.
 */
export async function serveDashboard(options: { dir: string; host: string; port: number }): Promise<Server> {
  process.env[PEER_STAMPED_ENV] = "1";
  process.env.CROSSNET_LISTEN_HOST = options.host;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  const server = createServer((req, res) => {
    stampPeer(req.headers, req.socket.remoteAddress);
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`crossnet serve: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
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
