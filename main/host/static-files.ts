import { realpath, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";

/**
 * Maps a request path to a file inside the renderer build, or null. Used by the loopback host and
 * by the Electron shell's app:// protocol, so both refuse traversal the same way.
 */

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Splits a raw (still percent-encoded) URL path into safe segments, or null when any segment
 * could step outside the root. Decoding happens per segment, so `%2f` and `%5c` cannot smuggle a
 * separator and `%2e%2e` is caught as `..`. Dot-files are never served.
 */
export function safeSegments(rawPath: string): string[] | null {
  if (!rawPath.startsWith("/")) return null;
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split("/")) {
    if (raw === "") continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg.startsWith(".") || /[/\\\0:]/.test(seg)) return null;
    segments.push(seg);
  }
  return segments;
}

/**
 * The file to serve for `rawPath` under `root`: "/" is index.html, directories are never listed,
 * and the real path (symlinks resolved) must still lie inside the real root.
 */
export async function resolveStaticFile(root: string, rawPath: string): Promise<string | null> {
  const segments = safeSegments(rawPath);
  if (segments === null) return null;
  const realRoot = await realpath(root);
  const candidate = segments.length === 0 ? join(realRoot, "index.html") : join(realRoot, ...segments);
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(realRoot + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
