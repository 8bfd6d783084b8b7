import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { createAppInfo } from "../services/app-info";
import { isAllowedHost, isAllowedOrigin, isStrongToken, newToken, securityHeaders, tokenMatches } from "./guards";
import { mimeType, resolveStaticFile } from "./static-files";
import { attachSession } from "./ws-session";

/**
 * The loopback host: the renderer build over HTTP and the contract over a WebSocket, on
 * 127.0.0.1 only. Used by `ehlo serve`, by `npm start` when Electron cannot run, and by e2e.
 */

export interface HostOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The renderer build to serve (index.html + assets). */
  staticDir: string;
  /** Fixed token (tests); by default a fresh random one per run. */
  token?: string;
}

export interface RunningHost {
  /** The page URL, token included: the one thing to print for the user. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Frames above this are refused (the largest legitimate message is a request with a CA bundle). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Each connection may run several checks; a handful of tabs is all a person needs. */
export const MAX_CONNECTIONS = 16;

const FORBIDDEN_PAGE = "Forbidden. Open Ehlo with the exact URL that `ehlo serve` printed: it carries the access token.\n";

export async function startHost(options: HostOptions): Promise<RunningHost> {
  if (options.token !== undefined && !isStrongToken(options.token)) {
    throw new Error("The host token must be at least 22 URL-safe characters (128 bits).");
  }
  const token = options.token ?? newToken();
  const appInfo = createAppInfo("browser");
  let port = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on("connection", (ws) => attachSession(ws, appInfo));

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "Internal error.\n");
      else res.destroy();
    });
  });

  function send(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...securityHeaders(port), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra });
    res.end(text);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) return send(res, 403, "Forbidden: unexpected Host header.\n");
    const method = req.method ?? "GET";
    const safeMethod = method === "GET" || method === "HEAD";
    if (!safeMethod && !isAllowedOrigin(req.headers.origin, port)) return send(res, 403, "Forbidden: foreign origin.\n");
    if (!safeMethod) return send(res, 405, "Method not allowed.\n", { Allow: "GET, HEAD" });
    const { path, query } = splitUrl(req.url ?? "/");
    if (path === "/ws") return send(res, 426, "This endpoint speaks WebSocket only.\n", { Upgrade: "websocket" });
    const file = await resolveStaticFile(options.staticDir, path);
    if (file === null) return send(res, 404, "Not found.\n");
    const type = mimeType(file);
    const isHtml = type.startsWith("text/html");
    // The page needs the token; the assets it loads do not (they are the public build, and
    // `base: "./"` makes them plain relative URLs without a query).
    if (isHtml && !tokenMatches(query.get("token"), token)) return send(res, 403, FORBIDDEN_PAGE);
    const body = await readFile(file);
    res.writeHead(200, {
      ...securityHeaders(port),
      "Content-Type": type,
      "Content-Length": String(body.length),
      "Cache-Control": isHtml ? "no-store" : "no-cache",
    });
    res.end(method === "HEAD" ? undefined : body);
  }

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { path, query } = splitUrl(req.url ?? "/");
    const refusal = !isAllowedHost(req.headers.host, port)
      ? "unexpected Host header"
      : !isAllowedOrigin(req.headers.origin, port)
        ? "foreign origin"
        : path !== "/ws"
          ? "no WebSocket here"
          : !tokenMatches(query.get("token"), token)
            ? "missing or wrong token"
            : wss.clients.size >= MAX_CONNECTIONS
              ? "too many connections"
              : null;
    if (refusal !== null) {
      refuseUpgrade(socket, port, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the host must never be reachable from another machine.
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The raw path (still percent-encoded, never normalised: traversal is judged on what was sent) and the query. */
function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

function refuseUpgrade(socket: Duplex, port: number, reason: string): void {
  const body = `Forbidden: ${reason}.\n`;
  const headers = { ...securityHeaders(port), "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(body)), Connection: "close" };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  socket.end(`HTTP/1.1 403 Forbidden\r\n${head}\r\n${body}`);
}
