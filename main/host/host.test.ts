import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ServerMessageSchema, type ServerMessage } from "../../shared/contract/api";
import { startTinySmtp, type TinySmtp } from "../testing/tiny-smtp";
import { contentSecurityPolicy, isAllowedHost, isAllowedOrigin, tokenMatches } from "./guards";
import { startHost, type RunningHost } from "./host";
import { until as waitUntil } from "../testing/until";
import { finishedResult } from "../testing/replay-check";

const TOKEN = "test-token-0123456789abcdefABCDEF";
const quick = { connectMs: 2000, greetingMs: 10_000, commandMs: 5000 };

let dir: string;
let staticDir: string;
let host: RunningHost;
let smtp: TinySmtp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ehlo-host-"));
  staticDir = join(dir, "renderer");
  mkdirSync(join(staticDir, "assets"), { recursive: true });
  writeFileSync(join(staticDir, "index.html"), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(staticDir, "assets", "app.js"), "console.log('ehlo');");
  writeFileSync(join(staticDir, "assets", "app.css"), "body{}");
  writeFileSync(join(staticDir, ".env"), "SECRET=1");
  writeFileSync(join(dir, "secret.txt"), "outside the root");
  symlinkSync(join(dir, "secret.txt"), join(staticDir, "assets", "link.txt"));
  host = await startHost({ staticDir, token: TOKEN });
  smtp = await startTinySmtp("polite");
});
afterAll(async () => {
  await host.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: the path goes out exactly as written (no client-side normalisation). */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: host.port, path, method, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function connect(path = `/ws?token=${TOKEN}`, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

function collect(ws: WebSocket): ServerMessage[] {
  const got: ServerMessage[] = [];
  ws.on("message", (data) => got.push(ServerMessageSchema.parse(JSON.parse(String(data)))));
  return got;
}

const until = (ready: () => boolean) => waitUntil(ready, 10_000);

describe("guards", () => {
  it("accept only the loopback names on our port, our own origins, the exact token", () => {
    expect(isAllowedHost("127.0.0.1:8080", 8080)).toBe(true);
    expect(isAllowedHost("LOCALHOST:8080", 8080)).toBe(true);
    expect(isAllowedHost("127.0.0.1:8081", 8080)).toBe(false);
    expect(isAllowedHost("evil.example:8080", 8080)).toBe(false);
    expect(isAllowedHost(undefined, 8080)).toBe(false);
    expect(isAllowedOrigin(undefined, 8080)).toBe(true);
    expect(isAllowedOrigin("http://localhost:8080", 8080)).toBe(true);
    expect(isAllowedOrigin("http://evil.example", 8080)).toBe(false);
    expect(isAllowedOrigin("null", 8080)).toBe(false);
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches("", TOKEN)).toBe(false);
    expect(tokenMatches(null, TOKEN)).toBe(false);
  });
});

describe("HTTP", () => {
  it("the page with the token: 200, HTML, strict headers, no CORS", async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
    const r = await get(`/?token=${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain("assets/app.js");
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.headers["content-security-policy"]).toBe(contentSecurityPolicy(host.port));
    expect(r.headers["content-security-policy"]).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("no-referrer");
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(Object.keys(r.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    expect((await get(`/index.html?token=${TOKEN}`, { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it("the page without (or with a wrong) token: 403 saying to use the printed URL", async () => {
    for (const path of ["/", "/index.html", "/?token=nope", `/?token=${TOKEN.slice(0, -1)}`]) {
      const r = await get(path);
      expect(r.status, path).toBe(403);
      expect(r.body).toMatch(/URL that `ehlo serve` printed/);
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["content-security-policy"]).toBeDefined();
    }
  });

  it("assets with the right MIME types; no directory listing; dot-files hidden", async () => {
    const js = await get("/assets/app.js");
    expect([js.status, js.headers["content-type"]]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect((await get("/assets/app.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await get("/assets/")).status).toBe(404);
    expect((await get("/assets")).status).toBe(404);
    expect((await get("/.env")).status).toBe(404);
    expect((await get("/nope.js")).status).toBe(404);
  });

  it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/assets/link.txt", "/%00index.html", "/../package.json", "/%2e%2e/package.json"])(
    "traversal refused: %s",
    async (path) => {
      const r = await get(path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain("outside the root");
    },
  );

  it("a foreign Host (DNS rebinding) is refused, even with the token", async () => {
    const r = await get(`/?token=${TOKEN}`, { Host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
    expect((await get(`/assets/app.js`, { Host: "127.0.0.1" })).status).toBe(403);
  });

  it("non-GET: foreign Origin 403, own Origin 405", async () => {
    expect((await get(`/?token=${TOKEN}`, { Origin: "http://evil.example" }, "POST")).status).toBe(403);
    expect((await get(`/?token=${TOKEN}`, { Origin: `http://127.0.0.1:${host.port}` }, "POST")).status).toBe(405);
    const head = await get(`/?token=${TOKEN}`, {}, "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);
  });
});

describe("WebSocket", () => {
  it("refuses a missing or wrong token, a foreign Origin, a foreign Host, another path", async () => {
    await expect(connect("/ws")).rejects.toThrow(/HTTP 403/);
    await expect(connect("/ws?token=wrong")).rejects.toThrow(/HTTP 403/);
    await expect(connect(undefined, { Origin: "http://evil.example" })).rejects.toThrow(/HTTP 403/);
    await expect(connect(undefined, { Host: `evil.example:${host.port}` })).rejects.toThrow(/HTTP 403/);
    await expect(connect(`/other?token=${TOKEN}`)).rejects.toThrow(/HTTP 403/);
    const ws = await connect(undefined, { Origin: `http://localhost:${host.port}` });
    ws.close();
  });

  it("runs a full check: events stream, then check.done", async () => {
    const ws = await connect();
    const got = collect(ws);
    ws.send(JSON.stringify({ type: "app.info" }));
    ws.send(JSON.stringify({ type: "check.start", id: "ws-1", request: { host: "127.0.0.1", port: smtp.port, tls: "none", timeouts: quick } }));
    await until(() => got.some((m) => m.type === "check.done"));
    ws.close();
    expect(got[0]).toMatchObject({ type: "app.info", info: { face: "browser" } });
    const events = got.flatMap((m) => (m.type === "check.events" ? m.events : []));
    const done = got.at(-1);
    expect(done?.type).toBe("check.done");
    if (done?.type !== "check.done") return;
    expect(done.result.eventCount).toBe(events.length);
    expect(finishedResult(got, "ws-1").result.events).toEqual(events);
    expect(events.some((e) => e.kind === "recv" && e.code === 220)).toBe(true);
  });

  it("an invalid message or non-JSON gives protocol.error and the socket stays usable", async () => {
    const ws = await connect();
    const got = collect(ws);
    ws.send("{not json");
    ws.send(JSON.stringify({ type: "check.start", id: "bad id!" }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(JSON.stringify({ type: "app.info" }));
    await until(() => got.length >= 4);
    ws.close();
    expect(got.map((m) => m.type)).toEqual(["protocol.error", "protocol.error", "protocol.error", "app.info"]);
  });

  it("an oversized frame closes the socket (1009)", async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    ws.send("x".repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
  });

  it("closing the socket cancels its checks: the SMTP server sees the hang-up", async () => {
    const silent = await startTinySmtp("silent");
    try {
      const ws = await connect();
      ws.send(JSON.stringify({ type: "check.start", id: "slow", request: { host: "127.0.0.1", port: silent.port, tls: "none", timeouts: quick } }));
      await silent.waitForAccepted(1);
      ws.close();
      await silent.waitForAllClosed();
      expect(silent.open).toBe(0);
    } finally {
      await silent.close();
    }
  });
});
