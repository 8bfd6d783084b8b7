/**
 * An HTTPS (plus plain HTTP) fixture on loopback (127.0.0.1 unless told) for settings discovery: serves autoconfig and
 * Autodiscover documents by full URL, with a certificate from the test CA naming whatever hosts
 * the test uses, and can misbehave (never answer, answer too much). Its `connectTo` maps the
 * test's host names to its ports, so no real name is ever resolved. Test-only code.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { Socket } from "node:net";
import { createTestCa, issueCert } from "./certs";

export interface FixtureRequest {
  method: string;
  /** Full URL as the client asked for it: `https://autoconfig.corp.test/mail/config-v1.1.xml`. */
  url: string;
  body: string;
}

export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Accept the request and never answer it. */
  hang?: boolean;
  /** Stream this many bytes of filler (no Content-Length), for size-cap tests. */
  streamBytes?: number;
}

export type FixtureRoute = FixtureResponse | ((req: FixtureRequest) => FixtureResponse);

export interface HttpsFixture {
  httpsPort: number;
  httpPort: number;
  /** The test CA's root, to trust in the client. */
  caPem: string;
  /** Every request received, in order. */
  requests: FixtureRequest[];
  /** For the client's `connectTo`: fixture names → this fixture; anything else is refused. */
  connectTo(host: string, port: number): { address: string; port: number };
  close(): Promise<void>;
}

/**
 * `routes` are keyed by URL without the query (`https://host/path` or `http://host/path`);
 * unknown URLs get 404. `names` are the host names the certificate carries; only names ending in
 * ".test" are accepted by `connectTo`.
 */
export async function startHttpsFixture(
  routes: Record<string, FixtureRoute>,
  names: string[],
  where: { host?: string; httpsPort?: number; httpPort?: number } = {},
): Promise<HttpsFixture> {
  const listenHost = where.host ?? "127.0.0.1";
  if (!/^127\./.test(listenHost)) throw new Error(`fixtures listen on loopback only, not ${listenHost}`);
  const ca = createTestCa();
  const day = 24 * 60 * 60 * 1000;
  const cert = issueCert(ca, { commonName: names[0] ?? "fixture.test", altNames: names, notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
  const requests: FixtureRequest[] = [];
  const sockets = new Set<Socket>();

  const handler = (scheme: "https" | "http") => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "");
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const request: FixtureRequest = { method: req.method ?? "GET", url: `${scheme}://${host}${path}`, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const route = routes[request.url];
      const answer: FixtureResponse = route === undefined ? { status: 404, body: "not found" } : typeof route === "function" ? route(request) : route;
      if (answer.hang) return;
      if (answer.streamBytes !== undefined) {
        res.writeHead(answer.status ?? 200, { "Content-Type": "text/xml", ...answer.headers });
        const chunk = Buffer.alloc(16 * 1024, 0x41);
        let sent = 0;
        const pump = (): void => {
          while (sent < (answer.streamBytes ?? 0)) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        return pump();
      }
      res.writeHead(answer.status ?? 200, { "Content-Type": "text/xml; charset=utf-8", ...answer.headers });
      res.end(answer.body ?? "");
    });
  };

  const secure = https.createServer({ cert: cert.cert, key: cert.key }, handler("https"));
  const plain = http.createServer(handler("http"));
  for (const server of [secure, plain]) {
    server.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    server.on("tlsClientError", () => {});
  }
  const listen = (server: http.Server | https.Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, listenHost, () => resolve((server.address() as { port: number }).port));
    });
  const httpsPort = await listen(secure, where.httpsPort ?? 0);
  const httpPort = await listen(plain, where.httpPort ?? 0);

  return {
    httpsPort,
    httpPort,
    caPem: cert.caPem,
    requests,
    connectTo(host, port) {
      if (!host.endsWith(".test") && host !== "test") throw new Error(`the fixture does not serve ${host}; tests never resolve real names`);
      return { address: listenHost, port: port === 80 ? httpPort : httpsPort };
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([secure, plain].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
