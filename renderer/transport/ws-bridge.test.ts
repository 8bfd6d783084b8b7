import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import type { ClientMessage, ServerMessage } from "../../shared/contract/api";
import { INCOMPLETE_FIELD, withoutEvents } from "../../shared/contract/check-stream";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { checkResult } from "../../shared/contract/test-fixtures";
import { backoffDelay, type ConnectionState } from "./connection";
import { createWsBridge, NOT_CONNECTED_FIELD, type SocketLike, type WsBridge } from "./ws-bridge";

/** A real WebSocket server on loopback playing the host's side of the contract. */
async function startHost(onMessage: (message: ClientMessage, reply: (m: ServerMessage | string) => void) => void) {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const received: ClientMessage[] = [];
  server.on("connection", (socket) => {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      received.push(message);
      onMessage(message, (m) => socket.send(typeof m === "string" ? m : JSON.stringify(m)));
    });
  });
  const port = (server.address() as AddressInfo).port;
  return { server, received, url: `ws://127.0.0.1:${port}/ws?token=t` };
}

const opened: WsBridge[] = [];
const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const bridge of opened.splice(0)) bridge.dispose();
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

function connect(url: string, options: { baseDelayMs?: number } = {}): WsBridge {
  const bridge = createWsBridge({ url, connect: (u) => new WebSocket(u) as unknown as SocketLike, baseDelayMs: options.baseDelayMs ?? 20, maxDelayMs: 200 });
  opened.push(bridge);
  return bridge;
}

function waitFor(bridge: WsBridge, test: (state: ConnectionState) => boolean): Promise<ConnectionState> {
  return new Promise((resolve) => {
    if (test(bridge.connection.get())) return resolve(bridge.connection.get());
    const off = bridge.connection.subscribe((state) => {
      if (test(state)) {
        off();
        resolve(state);
      }
    });
  });
}

const event: CheckEvent = { kind: "note", level: "info", code: "hello", text: "hi", seq: 0, t: 1 };

describe("EhloBridge over the loopback host's WebSocket", () => {
  it("answers appInfo (asked before the socket opened) and delivers check events", async () => {
    const host = await startHost((message, reply) => {
      if (message.type === "app.info") reply({ type: "app.info", info: { version: "1.2.3", platform: "linux", face: "browser" } });
      if (message.type === "check.start") {
        reply({ type: "check.events", id: message.id, events: [event] });
        reply({ type: "check.error", id: message.id, field: "helo", message: "bad helo" });
      }
    });
    servers.push(host.server);
    const bridge = connect(host.url);
    const info = await bridge.bridge.appInfo();
    expect(info).toEqual({ version: "1.2.3", platform: "linux", face: "browser" });
    const seen: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      bridge.bridge.onCheckEvent((id, e) => seen.push([id, e]));
      bridge.bridge.onCheckError((id, field, message) => {
        seen.push([id, field, message]);
        resolve();
      });
    });
    bridge.bridge.startCheck("c1", { host: "mx.example.com" }, { password: "pw" });
    await done;
    expect(seen).toEqual([["c1", event], ["c1", "helo", "bad helo"]]);
    expect(host.received.find((m) => m.type === "check.start")).toMatchObject({ id: "c1", request: { host: "mx.example.com" }, secrets: { password: "pw" } });
  });

  it("a finished check gets back the events streamed before it (check.done carries only their count)", async () => {
    const second: CheckEvent = { ...event, seq: 1, text: "again" };
    const host = await startHost((message, reply) => {
      if (message.type !== "check.start") return;
      reply({ type: "check.events", id: message.id, events: [event] });
      reply({ type: "check.events", id: "someone-else", events: [second] });
      reply({ type: "check.events", id: message.id, events: [second] });
      reply({ type: "check.done", id: message.id, result: withoutEvents({ ...checkResult("ok"), events: [event, second] }), historyId: "20261129T061600418Z-0123456789ab" });
    });
    servers.push(host.server);
    const bridge = connect(host.url);
    await waitFor(bridge, (s) => s.status === "open");
    const finished = new Promise<[string, CheckResult, string | null]>((resolve) => bridge.bridge.onCheckDone((...args) => resolve(args)));
    bridge.bridge.startCheck("c1", { host: "mx.example.com" }, {});
    const [id, result, historyId] = await finished;
    expect([id, historyId]).toEqual(["c1", "20261129T061600418Z-0123456789ab"]);
    expect(result.events).toEqual([event, second]);
    expect(result).not.toHaveProperty("eventCount");
  });

  it("a check whose streamed events did not all arrive is reported incomplete, never shown with lines missing", async () => {
    const host = await startHost((message, reply) => {
      if (message.type !== "check.start") return;
      reply({ type: "check.events", id: message.id, events: [event] });
      // Fails validation in the page, so it is dropped there.
      reply({ type: "check.events", id: message.id, events: [{ ...event, seq: 1, kind: "nonsense" }] } as unknown as ServerMessage);
      reply({ type: "check.events", id: message.id, events: [{ ...event, seq: 2 }] });
      reply({ type: "check.done", id: message.id, result: { ...withoutEvents(checkResult("ok")), eventCount: 3 } });
    });
    servers.push(host.server);
    const bridge = connect(host.url);
    await waitFor(bridge, (s) => s.status === "open");
    let doneCalls = 0;
    bridge.bridge.onCheckDone(() => doneCalls++);
    const refused = new Promise<string[]>((resolve) => bridge.bridge.onCheckError((...args) => resolve(args)));
    bridge.bridge.startCheck("c1", { host: "mx.example.com" }, {});
    const [id, field, message] = await refused;
    expect([id, field]).toEqual(["c1", INCOMPLETE_FIELD]);
    expect(message).toMatch(/incomplete \(2 of 3 lines/);
    expect(doneCalls).toBe(0);
  });

  it("rejects messages that break the contract and says so", async () => {
    const host = await startHost((message, reply) => {
      if (message.type === "app.info") {
        reply("not json");
        reply({ type: "check.events", id: "x", events: [{ kind: "nonsense" }] } as unknown as ServerMessage);
      }
    });
    servers.push(host.server);
    const bridge = connect(host.url);
    const events: unknown[] = [];
    bridge.bridge.onCheckEvent((...args) => events.push(args));
    void bridge.bridge.appInfo();
    const state = await waitFor(bridge, (s) => s.problem?.kind === "protocol" && /unexpected/.test(s.problem.message));
    expect(state.status).toBe("open");
    expect(events).toEqual([]);
  });

  it("refuses a check at once while disconnected, instead of queueing the password", async () => {
    const bridge = connect("ws://127.0.0.1:9/ws?token=t", { baseDelayMs: 5000 });
    const refused = new Promise<string[]>((resolve) => bridge.bridge.onCheckError((id, field, message) => resolve([id, field, message])));
    bridge.bridge.startCheck("c2", { host: "mx.example.com" }, { password: "pw" });
    expect((await refused).slice(0, 2)).toEqual(["c2", NOT_CONNECTED_FIELD]);
  });

  it("reconnects with back-off after the host goes away", async () => {
    const host = await startHost(() => undefined);
    servers.push(host.server);
    const bridge = connect(host.url);
    await waitFor(bridge, (s) => s.status === "open");
    for (const client of host.server.clients) client.terminate();
    const down = await waitFor(bridge, (s) => s.status === "reconnecting");
    expect(down.attempt).toBe(1);
    expect(down.retryAt).not.toBeNull();
    const back = await waitFor(bridge, (s) => s.status === "open");
    expect(back).toMatchObject({ attempt: 0, problem: null });
  });

  it("backs off exponentially, capped, with bounded jitter", () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 30_000, () => 0))).toEqual([1000, 2000, 4000, 8000, 30_000]);
    expect(backoffDelay(1, 1000, 30_000, () => 1)).toBe(1200);
  });
});
