import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket } from "ws";
import { expect, test } from "./support/app";

/**
 * The loopback host opens SMTP connections on request, so it must refuse whoever lacks the
 * per-run token, and WebSockets opened by another origin (a page the user happens to visit),
 * token or not (RFC 6455 10.2: servers must check Origin for browser clients).
 */
test.skip(({ face }) => face !== "browser", "the loopback host is the browser face");

function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once("error", reject);
  });
}

test("the page and the WebSocket need the token, and a foreign Origin is refused", async ({ app, request }) => {
  const host = app.host!;
  const base = `http://127.0.0.1:${host.port}`;
  const noToken = await request.get(`${base}/`);
  expect(noToken.status()).toBe(403);
  expect(await noToken.text()).toMatch(/token/i);
  expect(noToken.headers()["access-control-allow-origin"]).toBeUndefined();
  expect((await request.get(`${base}/?token=${"x".repeat(43)}`)).status()).toBe(403);
  expect((await request.get(host.url)).status()).toBe(200);

  const ws = `ws://127.0.0.1:${host.port}/ws`;
  expect(await upgradeStatus(ws, undefined)).toBe(403);
  expect(await upgradeStatus(`${ws}?token=${host.token}`, "http://evil.example")).toBe(403);
  expect(await upgradeStatus(`${ws}?token=${host.token}`, "http://127.0.0.1:1")).toBe(403);
  expect(await upgradeStatus(`${ws}?token=${host.token}`, `http://127.0.0.1:${host.port}`)).toBe(101);
});

test("a page of another origin cannot open the host's WebSocket, even with the token", async ({ app }) => {
  const host = app.host!;
  // Another local web page (another loopback port is another origin), as a hostile page would be.
  const foreign: Server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<!doctype html><title>elsewhere</title>");
  });
  await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = foreign.address() as AddressInfo;
    const page = await app.page.context().newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve("open");
          socket.onerror = () => resolve("refused");
        }),
      `ws://127.0.0.1:${host.port}/ws?token=${host.token}`,
    );
    expect(outcome).toBe("refused");
    // The same request from the app's own page succeeds: the refusal was about the origin.
    const own = await app.page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => {
            socket.close();
            resolve("open");
          };
          socket.onerror = () => resolve("refused");
        }),
      `ws://127.0.0.1:${host.port}/ws?token=${host.token}`,
    );
    expect(own).toBe("open");
    await page.close();
  } finally {
    await new Promise<void>((resolve) => foreign.close(() => resolve()));
  }
});
