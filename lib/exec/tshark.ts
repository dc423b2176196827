import "server-only";
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packetsFromTshark } from "../capture/layers";
import { parseOrderedJson } from "../capture/ordered-json";
import type { CapturedPacket } from "../capture/types";

/**
 * Decoding with Wireshark's own dissectors: Debian's `tshark` on this (the dashboard's) machine, fed a
 * pcap or pcapng on stdin. Fixed argv, no shell; when this process is root, tshark runs as `nobody`
 * (`setpriv`), so a dissector bug meets an unprivileged process with no files of ours.
 * Two passes run side by side: `-T json` for the layers and `-T fields` for Wireshark's protocol and
 * info columns (the summary).
 */

/** The Debian package that provides tshark, named in the error when it is missing. */
export const TSHARK_PACKAGE = "tshark";

/** tshark is missing or failed: the message says which and how to fix it. */
export class DecodeError extends Error {
  override readonly name = "DecodeError";
}

const UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"];
const BASE = ["tshark", "-n", "-r", "-"];
const TIMEOUT_MS = 60_000;

function tsharkArgv(args: readonly string[]): string[] {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  return [...(asRoot ? UNPRIVILEGED : []), ...BASE, ...args];
}

/**
 * The capture as a regular file open for reading, already unlinked: tshark refuses a socket on stdin
 * (what Node's stdio pipes are), and an unlinked file leaves nothing behind and nothing for another
 * user to open.
 */
function inputFd(input: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), "cn-decode-"));
  const path = join(dir, "capture");
  try {
    const fd = openSync(path, "w+", 0o600);
    let written = 0;
    while (written < input.length) written += writeSync(fd, input, written, input.length - written, written);
    return fd;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runTshark(args: readonly string[], fd: number): Promise<string> {
  const [file = "tshark", ...rest] = tsharkArgv(args);
  return new Promise((resolve, reject) => {
    const child = spawn(file, rest, {
      stdio: [fd, "pipe", "pipe"],
      env: {
        NODE_ENV: process.env.NODE_ENV,
        PATH: "/usr/bin:/bin:/usr/sbin:/sbin",
        HOME: "/nonexistent",
        LANG: "C.UTF-8",
      },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new DecodeError(
          error.code === "ENOENT"
            ? `cannot decode packets: ${file} is not installed on this machine (install the Debian package ${file === "tshark" ? TSHARK_PACKAGE : "util-linux"})`
            : `cannot start tshark: ${error.message}`,
        ),
      );
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err)
        .toString()
        .replace(/^Running as user.*\n?/m, "")
        .trim();
      if (code !== 0) {
        const missing = /No such file|not found|execvp/.test(stderr);
        reject(
          new DecodeError(
            missing
              ? `cannot decode packets: tshark is not installed on this machine (install the Debian package ${TSHARK_PACKAGE})`
              : `tshark could not decode the capture (exit ${code}): ${stderr.slice(0, 400)}`,
          ),
        );
        return;
      }
      resolve(Buffer.concat(out).toString());
    });
  });
}

/**
 * Decodes a pcap or pcapng file's packets with tshark into our layer model (Wireshark's protocol
 * names, outer layers first). A pcapng's packets are named by their interface (the capture point
 * id); a plain pcap's by `at`. `frames` (the same packets' bytes, in order) adds each one's hex.
 * @throws DecodeError (tshark missing, or it failed).
 */
export async function decodeCapture(
  file: Uint8Array,
  options: { at?: string; frames?: readonly Uint8Array[] } = {},
): Promise<CapturedPacket[]> {
  const fds = [inputFd(file), inputFd(file)] as const;
  let json: string;
  let fields: string;
  try {
    [json, fields] = await Promise.all([
      runTshark(["-T", "json"], fds[0]),
      runTshark(["-T", "fields", "-E", "separator=/t", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"], fds[1]),
    ]);
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  const summaries = fields.split("\n").filter((line, index, all) => line !== "" || index < all.length - 1);
  const text = json.trim();
  return packetsFromTshark(text ? parseOrderedJson(text) : [], summaries, options);
}
