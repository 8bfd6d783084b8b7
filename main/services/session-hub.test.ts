import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerMessageSchema, type ServerMessage } from "../../shared/contract/api";
import { startTinySmtp, type TinySmtp } from "../testing/tiny-smtp";
import { platformOf } from "../../shared/knowledge/findings";
import { createAppInfo } from "./app-info";
import { createSessionHub, NO_FIELD } from "./session-hub";
import { EHLO_VERSION } from "./version";
import { until } from "../testing/until";
import { finishedResult } from "../testing/replay-check";
import { CheckResultSchema } from "../../shared/contract/check-result";

const appInfo = createAppInfo("browser", "linux");
const quick = { connectMs: 2000, greetingMs: 10_000, commandMs: 5000 };

function recordingHub(maxConcurrent?: number) {
  const sent: ServerMessage[] = [];
  const hub = createSessionHub({ send: (m) => sent.push(ServerMessageSchema.parse(m)), appInfo, maxConcurrent });
  return { hub, sent };
}

let polite: TinySmtp;
let silent: TinySmtp;
beforeAll(async () => {
  polite = await startTinySmtp("polite");
  silent = await startTinySmtp("silent");
});
afterAll(async () => {
  await polite.close();
  await silent.close();
});

describe("app info", () => {
  it("maps Node's platforms to the contract's names and carries the package version", () => {
    expect([platformOf("win32"), platformOf("darwin"), platformOf("linux"), platformOf("freebsd")]).toEqual(["windows", "macos", "linux", "other"]);
    expect(appInfo).toEqual({ version: EHLO_VERSION, platform: "linux", face: "browser" });
  });

  it("app.info is answered with the injected info", async () => {
    const { hub, sent } = recordingHub();
    await hub.handle({ type: "app.info" });
    expect(sent).toEqual([{ type: "app.info", info: appInfo }]);
  });
});

describe("validation at the edge", () => {
  it.each([
    ["not an object", "check.start"],
    ["unknown type", { type: "check.explode", id: "a" }],
    ["bad id", { type: "check.start", id: "../etc", request: { host: "127.0.0.1" } }],
    ["missing request", { type: "check.start", id: "a1" }],
    ["cancel without id", { type: "check.cancel" }],
  ])("%s → protocol.error only", async (_name, raw) => {
    const { hub, sent } = recordingHub();
    await hub.handle(raw);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.type).toBe("protocol.error");
  });

  it("a sound envelope with a bad request field → check.error naming the field, no connection", async () => {
    const before = polite.accepted;
    const { hub, sent } = recordingHub();
    await hub.handle({ type: "check.start", id: "p1", request: { host: "127.0.0.1", port: 70000 }, secrets: { password: "hunter2" } });
    expect(sent).toEqual([{ type: "check.error", id: "p1", field: "port", message: expect.stringMatching(/port/) }]);
    expect(JSON.stringify(sent)).not.toContain("hunter2");
    expect(polite.accepted).toBe(before);
  });

  it("CR/LF in a field reaches the engine's guard → check.error with the field, no connection", async () => {
    const before = polite.accepted;
    const { hub, sent } = recordingHub();
    await hub.handle({ type: "check.start", id: "inj", request: { host: "127.0.0.1", port: polite.port, helo: "pc1\r\nRSET" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: "check.error", id: "inj", field: "helo" });
    expect(polite.accepted).toBe(before);
  });
});

describe("running checks", () => {
  it("streams every event in order, in bursts, then check.done with their count, which rebuilds the whole result", async () => {
    const { hub, sent } = recordingHub();
    await hub.handle({ type: "check.start", id: "run-1", request: { host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick } });
    const bursts = sent.filter((m) => m.type === "check.events");
    const events = bursts.flatMap((m) => m.events);
    const last = sent.at(-1);
    expect(last?.type).toBe("check.done");
    if (last?.type !== "check.done") return;
    expect(last.id).toBe("run-1");
    expect(bursts.every((m) => m.id === "run-1" && m.events.length > 0)).toBe(true);
    // Several events per message (a reply's lines and what they mean arrive together), yet the
    // stream is still live: more than one message before the end.
    expect(bursts.length).toBeGreaterThan(1);
    expect(bursts.length).toBeLessThan(events.length);
    // The transcript is not sent twice: check.done carries the count, the page puts the events back.
    expect(last.result).not.toHaveProperty("events");
    expect(last.result.eventCount).toBe(events.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    const { result } = finishedResult(sent, "run-1");
    expect(result.events).toEqual(events);
    expect(CheckResultSchema.safeParse(result).success).toBe(true);
    expect(events.some((e) => e.kind === "recv" && e.code === 220)).toBe(true);
    expect(last.result.outcome).not.toBe("failed");
    expect(hub.running).toBe(0);
  });

  it("a duplicate running id is refused; check.cancel ends the check as cancelled", async () => {
    const { hub, sent } = recordingHub();
    const accepted = silent.accepted;
    const first = hub.handle({ type: "check.start", id: "dup", request: { host: "127.0.0.1", port: silent.port, tls: "none", timeouts: quick } });
    await silent.waitForAccepted(accepted + 1);
    await hub.handle({ type: "check.start", id: "dup", request: { host: "127.0.0.1", port: silent.port } });
    expect(sent.filter((m) => m.type === "protocol.error")).toEqual([{ type: "protocol.error", message: expect.stringMatching(/already running/) }]);
    expect(silent.accepted).toBe(accepted + 1);
    await hub.handle({ type: "check.cancel", id: "dup" });
    await first;
    const done = sent.at(-1);
    expect(done).toMatchObject({ type: "check.done", id: "dup", result: { outcome: "cancelled" } });
  });

  it("runs checks concurrently up to the limit, refuses one more, and closeAll hangs up on all", async () => {
    const { hub, sent } = recordingHub(2);
    const accepted = silent.accepted;
    const runs = ["c1", "c2"].map((id) => hub.handle({ type: "check.start", id, request: { host: "127.0.0.1", port: silent.port, tls: "none", timeouts: quick } }));
    await silent.waitForAccepted(accepted + 2);
    expect(hub.running).toBe(2);
    await hub.handle({ type: "check.start", id: "c3", request: { host: "127.0.0.1", port: silent.port } });
    expect(sent.at(-1)).toEqual({ type: "check.error", id: "c3", field: NO_FIELD, message: expect.stringMatching(/Too many checks.*2/) });
    const countBeforeClose = sent.length;
    hub.closeAll();
    await Promise.all(runs);
    await until(() => silent.open === 0);
    expect(hub.running).toBe(0);
    // The peer is gone: nothing more is sent, not even the cancelled results.
    expect(sent.length).toBe(countBeforeClose);
    await hub.handle({ type: "app.info" });
    expect(sent.length).toBe(countBeforeClose);
  });

  it("a send that throws (peer gone) does not break the check", async () => {
    let calls = 0;
    const hub = createSessionHub({
      appInfo,
      send: () => {
        calls++;
        throw new Error("socket closed");
      },
    });
    await hub.handle({ type: "check.start", id: "gone", request: { host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick } });
    expect(calls).toBeGreaterThan(3);
    expect(hub.running).toBe(0);
  });
});
