import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { checkSessionReducer, IDLE_SESSION, sessionTarget, type CheckSessionState } from "./check-session";

const request = { host: "mx.example.com", port: 25 };
const ev = (seq: number, draft: Record<string, unknown>) => ({ ...draft, seq, t: seq }) as CheckEvent;
const events: CheckEvent[] = [
  ev(0, { kind: "session.start", host: "mx.example.com", port: 25, tls: "auto" }),
  ev(1, { kind: "phase", phase: "greeting", state: "start" }),
  ev(2, { kind: "waiting", phase: "greeting", elapsedMs: 3000 }),
  ev(3, { kind: "provisional", id: "tcp.timeout", evidence: [2], params: { port: 25 } }),
  ev(4, { kind: "recv", text: "220 hi", code: 220, final: true, tls: false, bareLf: false, phase: "greeting", replyTo: null }),
  ev(5, { kind: "finding", id: "greeting.slow", severity: "warning", evidence: [4], params: { seconds: 3 } }),
  ev(6, { kind: "done", outcome: "warning" }),
];
const result: CheckResult = {
  schema: "ehlo.check/1",
  target: { host: "mx.example.com", port: 25, tls: "auto", mx: false, address: "192.0.2.1" },
  startedAt: "2025-01-01T00:00:00Z",
  durationMs: 6,
  events,
  tls: null,
  capabilities: [],
  findings: [{ id: "greeting.slow", severity: "warning", evidence: [4], params: { seconds: 3 } }],
  outcome: "warning",
};

function run(...actions: Parameters<typeof checkSessionReducer>[1][]): CheckSessionState {
  return actions.reduce(checkSessionReducer, IDLE_SESSION);
}

describe("check session reducer", () => {
  it("follows a check: phase, waiting time, early verdict, findings, result", () => {
    const live = run({ type: "start", id: "a", request }, { type: "events", id: "a", events: events.slice(0, 4) });
    expect(live).toMatchObject({ status: "running", current: { phase: "greeting", waitingMs: 3000 } });
    expect(live.provisional?.id).toBe("tcp.timeout");
    const later = checkSessionReducer(live, { type: "events", id: "a", events: events.slice(4, 6) });
    expect(later.current).toEqual({ phase: "greeting", waitingMs: null });
    expect(later.findings.map((f) => f.id)).toEqual(["greeting.slow"]);
    const done = checkSessionReducer(later, { type: "done", id: "a", result });
    expect(done).toMatchObject({ status: "done", provisional: null, current: null, result });
    expect(sessionTarget(done)).toEqual({ host: "mx.example.com", port: 25, address: "192.0.2.1" });
  });

  it("ignores messages of another (older) check", () => {
    const state = run({ type: "start", id: "new", request }, { type: "events", id: "old", events }, { type: "done", id: "old", result });
    expect(state).toMatchObject({ status: "running", events: [], result: null });
  });

  it("fills events missed during a reconnect from the result", () => {
    const state = run({ type: "start", id: "a", request }, { type: "events", id: "a", events: events.slice(0, 2) }, { type: "done", id: "a", result });
    expect(state.events).toHaveLength(events.length);
    expect(state.timeline.rows.some((row) => row.type === "reply")).toBe(true);
    expect(state.findings).toHaveLength(1);
  });

  it("records a refusal and a lost connection", () => {
    expect(run({ type: "start", id: "a", request }, { type: "refused", id: "a", field: "helo", message: "bad" })).toMatchObject({ status: "refused", refusal: { field: "helo", message: "bad" } });
    expect(run({ type: "start", id: "a", request }, { type: "cancel" }).cancelling).toBe(true);
    expect(run({ type: "start", id: "a", request }, { type: "connection-lost" }).status).toBe("lost");
    expect(run({ type: "connection-lost" }).status).toBe("idle");
  });
});
