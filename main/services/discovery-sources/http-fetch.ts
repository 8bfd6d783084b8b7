import * as dns from "node:dns";
import * as http from "node:http";
import * as https from "node:https";
import { isIP } from "node:net";
import * as tls from "node:tls";
import type { DnsServerSchema } from "../../../shared/contract/check-request";
import type { z } from "zod";

/**
 * The HTTP client of settings discovery. Small on purpose: one request, no automatic redirects
 * (the callers decide, and count), a hard timeout, a response-size cap, https only unless the
 * caller explicitly allows a plain-HTTP step, certificates always verified.
 */

export interface HttpRequest {
  url: string;
  method: "GET" | "POST";
  body?: string;
  contentType?: string;
  timeoutMs: number;
  maxBytes: number;
  /** Only Autodiscover's redirect step (a GET whose answer must be a redirect) may use http:. */
  allowPlainHttp?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  url: string;
  status: number;
  /** The Location header of a redirect, resolved against `url`. */
  location: string | null;
  contentType: string | null;
  body: string;
}

export type HttpFetcher = (request: HttpRequest) => Promise<HttpResponse>;

export type HttpErrorCode = "not-https" | "timeout" | "too-large" | "network" | "tls" | "aborted" | "bad-url";

export class HttpFetchError extends Error {
  override readonly name = "HttpFetchError";
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where to open the TCP connection for a URL's host and port (tests map names to fixtures). */
export type ConnectTo = (host: string, port: number) => { address: string; port: number } | Promise<{ address: string; port: number }>;

export interface HttpFetcherOptions {
  /** Also trust these roots (PEM), beside the bundled ones. */
  extraCaPem?: string;
  /** With a chosen DNS server, HTTP host names are resolved there too, like the SMTP hosts. */
  dnsServer?: z.infer<typeof DnsServerSchema>;
  dnsTimeoutMs?: number;
  connectTo?: ConnectTo;
  userAgent?: string;
}

export const DEFAULT_MAX_BYTES = 256 * 1024;

export function createHttpFetcher(options: HttpFetcherOptions = {}): HttpFetcher {
  const ca = options.extraCaPem ? [...tls.rootCertificates, options.extraCaPem] : undefined;
  const connectTo: ConnectTo = options.connectTo ?? ((host, port) => resolveHost(host, options).then((address) => ({ address, port })));
  return async (req) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new HttpFetchError("bad-url", `not a URL: ${req.url}`);
    }
    const secure = url.protocol === "https:";
    if (!secure && !(url.protocol === "http:" && req.allowPlainHttp)) {
      throw new HttpFetchError("not-https", `refused ${url.protocol}// URL ${req.url}: settings are only read over https`);
    }
    if (url.username || url.password) throw new HttpFetchError("bad-url", "URLs with credentials are refused");
    const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const port = Number(url.port || (secure ? 443 : 80));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new HttpFetchError("timeout", `no complete answer from ${url.host} within ${req.timeoutMs} ms`)), req.timeoutMs);
    const onAbort = () => controller.abort(new HttpFetchError("aborted", "cancelled"));
    req.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const target = await raceAbort(Promise.resolve(connectTo(hostname, port)), controller.signal);
      return await send(req, url, hostname, target, secure, ca, options.userAgent ?? "Ehlo settings discovery", controller.signal);
    } catch (e) {
      if (controller.signal.aborted && controller.signal.reason instanceof HttpFetchError) throw controller.signal.reason;
      if (e instanceof HttpFetchError) throw e;
      const err = e as NodeJS.ErrnoException;
      const isTls = /certificate|self.signed|CERT_|ERR_TLS|SSL/i.test(`${err.code ?? ""} ${err.message}`);
      throw new HttpFetchError(isTls ? "tls" : "network", `${url.host}: ${err.code ?? ""} ${err.message}`.trim());
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
    }
  };
}

function send(
  req: HttpRequest,
  url: URL,
  hostname: string,
  target: { address: string; port: number },
  secure: boolean,
  ca: string[] | undefined,
  userAgent: string,
  signal: AbortSignal,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: url.host, "User-Agent": userAgent, Accept: "application/xml, text/xml" };
    if (req.body !== undefined) {
      headers["Content-Type"] = req.contentType ?? "text/xml; charset=utf-8";
      headers["Content-Length"] = String(Buffer.byteLength(req.body));
    }
    const common = { host: target.address, port: target.port, path: `${url.pathname}${url.search}`, method: req.method, headers, agent: false as const, signal };
    // The certificate is checked against the URL's host name, never against the address dialled.
    const request = secure
      ? https.request({ ...common, servername: isIP(hostname) ? undefined : hostname, ca, rejectUnauthorized: true, checkServerIdentity: (_h, cert) => tls.checkServerIdentity(hostname, cert) })
      : http.request(common);
    request.on("error", reject);
    request.on("response", (res) => {
      const declared = Number(res.headers["content-length"] ?? NaN);
      if (declared > req.maxBytes) {
        res.destroy();
        reject(new HttpFetchError("too-large", `the answer from ${url.host} is ${declared} bytes, more than the ${req.maxBytes} allowed`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          res.destroy();
          request.destroy();
          reject(new HttpFetchError("too-large", `the answer from ${url.host} is larger than the ${req.maxBytes} bytes allowed`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const location = typeof res.headers.location === "string" ? safeResolve(res.headers.location, url) : null;
        resolve({ url: url.toString(), status: res.statusCode ?? 0, location, contentType: res.headers["content-type"] ?? null, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    request.end(req.body);
  });
}

function safeResolve(location: string, base: URL): string | null {
  try {
    return new URL(location, base).toString();
  } catch {
    return null;
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** System resolver (getaddrinfo) by default, like the SMTP checks; the chosen DNS server with --dns. */
async function resolveHost(host: string, options: HttpFetcherOptions): Promise<string> {
  if (isIP(host)) return host;
  if (!options.dnsServer) return (await dns.promises.lookup(host)).address;
  const resolver = new dns.promises.Resolver({ timeout: options.dnsTimeoutMs ?? 5000, tries: 1 });
  const { address, port } = options.dnsServer;
  resolver.setServers([isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`]);
  const codes: string[] = [];
  const ask = (p: Promise<string[]>) => p.catch((e: NodeJS.ErrnoException) => (codes.push(e.code ?? "ERROR"), [] as string[]));
  const first = (await ask(resolver.resolve4(host)))[0] ?? (await ask(resolver.resolve6(host)))[0];
  if (!first) throw new HttpFetchError("network", `${host} has no address (DNS ${[...new Set(codes)].join(", ") || "NODATA"})`);
  return first;
}
