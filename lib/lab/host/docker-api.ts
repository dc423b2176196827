import "server-only";
import { createReadStream } from "node:fs";
import { request } from "node:http";
import { DEFAULT_LAB_ENGINE, engineApiVersion } from "../spec/engines";

/** Status and body of one Docker Engine API call. */
export type DockerResponse = { status: number; body: string };

/**
 * One call to a host's dockerd over its unix socket, at `apiVersion` (default 1.41, which both lab
 * engines accept: 26 serves API 1.24 to 1.45). `upload` streams a file as the body. Rejects on
 * connection errors and after `timeoutMs`.
 */
export function dockerRequest(
  socketPath: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { upload?: string; contentType?: string; timeoutMs?: number; apiVersion?: string } = {},
): Promise<DockerResponse> {
  const version = options.apiVersion ?? engineApiVersion(DEFAULT_LAB_ENGINE);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method,
        path: path === "/_ping" ? path : `/v${version}${path}`,
        headers: { Host: "docker", ...(options.contentType ? { "Content-Type": options.contentType } : {}) },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`docker API ${method} ${path} timed out`)));
    req.on("error", reject);
    if (options.upload) createReadStream(options.upload).on("error", reject).pipe(req);
    else req.end();
  });
}

/** True when the dockerd behind `socketPath` answers `/_ping`. */
export async function dockerPing(socketPath: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await dockerRequest(socketPath, "GET", "/_ping", { timeoutMs });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * `docker import -c 'CMD ["sh"]' TAR repo:tag` through the API at the host engine's version; throws with
 * Docker's message on failure.
 */
export async function dockerImportImage(
  socketPath: string,
  tarball: string,
  image: { repo: string; tag: string },
  apiVersion?: string,
): Promise<void> {
  const { repo, tag } = image;
  const query = new URLSearchParams({ fromSrc: "-", repo, tag, changes: 'CMD ["sh"]' });
  const res = await dockerRequest(socketPath, "POST", `/images/create?${query}`, {
    upload: tarball,
    contentType: "application/x-tar",
    timeoutMs: 120_000,
    ...(apiVersion ? { apiVersion } : {}),
  });
  const failure = /"error(?:Detail)?"\s*:\s*(\{[^}]*\}|"[^"]*")/.exec(res.body);
  if (res.status !== 200 || failure) {
    throw new Error(`docker import failed (HTTP ${res.status}): ${failure?.[1] ?? res.body.slice(0, 500)}`);
  }
}

/** Ids of every container (running or not) of a dockerd. */
export async function dockerContainerIds(socketPath: string): Promise<string[]> {
  const res = await dockerRequest(socketPath, "GET", "/containers/json?all=1", { timeoutMs: 10_000 });
  if (res.status !== 200) throw new Error(`docker ps failed (HTTP ${res.status}): ${res.body.slice(0, 300)}`);
  const list: unknown = JSON.parse(res.body);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) =>
    typeof item === "object" && item !== null && typeof (item as { Id?: unknown }).Id === "string"
      ? [(item as { Id: string }).Id]
      : [],
  );
}

/** `docker rm -f` one container (busybox `sh` as PID 1 ignores SIGTERM, so force is the only quick way). */
export async function dockerRemoveContainer(socketPath: string, id: string): Promise<void> {
  const res = await dockerRequest(socketPath, "DELETE", `/containers/${encodeURIComponent(id)}?force=1&v=1`, {
    timeoutMs: 30_000,
  });
  if (res.status !== 204 && res.status !== 404)
    throw new Error(`docker rm -f ${id} failed (HTTP ${res.status}): ${res.body}`);
}

/** Repo tags of a dockerd's images. */
export async function dockerImageTags(socketPath: string): Promise<string[]> {
  const res = await dockerRequest(socketPath, "GET", "/images/json", { timeoutMs: 10_000 });
  if (res.status !== 200) return [];
  const list: unknown = JSON.parse(res.body);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const tags = typeof item === "object" && item !== null ? (item as { RepoTags?: unknown }).RepoTags : undefined;
    return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
  });
}
