import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import type { HistoryHeader, RunComparisonData } from "../../shared/contract/history";
import { compareRuns } from "../../shared/report/run-compare";
import { replyRows, SAME_WITHIN_MS, timingRows, unchanged } from "./run-compare-view";

const ev = (seq: number, t: number, draft: Record<string, unknown>) => ({ ...draft, seq, t }) as CheckEvent;

/** A run whose greeting takes `greetingMs` and whose RCPT gets `rcpt`. */
function runWith(greetingMs: number, rcpt: string, withRcpt = true): CheckResult {
  const g = 1 + greetingMs;
  const events: CheckEvent[] = [
    ev(0, 0, { kind: "phase", phase: "connect", state: "start" }),
    ev(1, 1, { kind: "phase", phase: "connect", state: "end" }),
    ev(2, 1, { kind: "phase", phase: "greeting", state: "start" }),
    ev(3, g, { kind: "recv", text: "220 mx ESMTP", code: 220, final: true, tls: false, bareLf: false, phase: "greeting", replyTo: null }),
    ev(4, g, { kind: "phase", phase: "greeting", state: "end" }),
  ];
  if (withRcpt) {
    events.push(
      ev(5, g, { kind: "phase", phase: "rcpt", state: "start" }),
      ev(6, g + 1, { kind: "recv", text: "250-first line", code: 250, final: false, tls: false, bareLf: false, phase: "rcpt", replyTo: "RCPT" }),
      ev(7, g + 2, { kind: "recv", text: rcpt, code: Number(rcpt.slice(0, 3)), final: true, tls: false, bareLf: false, phase: "rcpt", replyTo: "RCPT" }),
      ev(8, g + 2, { kind: "phase", phase: "rcpt", state: "end" }),
    );
  }
  return {
    schema: "ehlo.check/1",
    target: { host: "mx.example.com", port: 25, tls: "none", mx: false, address: "192.0.2.1" },
    startedAt: "2026-11-29T06:16:00.000Z",
    durationMs: g + 3,
    events,
    tls: null,
    capabilities: [],
    findings: [],
    outcome: "ok",
  };
}

const header = { id: "20261129T061600000Z-000000000001" } as HistoryHeader;
const compare = (a: CheckResult, b: CheckResult): RunComparisonData => ({ ...compareRuns(a, b), before: header, after: header });

describe("two runs as rows", () => {
  it("timing: direction, noise treated as the same, phases one run never reached, bars relative to the slowest", () => {
    const rows = timingRows(compare(runWith(40, "250 ok"), runWith(10, "250 ok", false)).timing);
    const greeting = rows.find((row) => row.phase === "greeting");
    expect(greeting).toMatchObject({ beforeMs: 40, afterMs: 10, deltaMs: -30, trend: "faster", beforeShare: 1, afterShare: 0.25 });
    expect(rows.find((row) => row.phase === "rcpt")).toMatchObject({ afterMs: null, deltaMs: null, trend: "missing", afterShare: 0 });
    expect(rows.find((row) => row.phase === "connect")?.trend).toBe("same");
    const slower = timingRows([{ phase: "ehlo", beforeMs: 1, afterMs: 1 + SAME_WITHIN_MS, deltaMs: SAME_WITHIN_MS }]);
    expect(slower[0]?.trend).toBe("slower");
  });

  it("replies: the lines of each side, and whether the code changed", () => {
    const comparison = compare(runWith(5, "250 2.1.5 ok"), runWith(5, "550 5.1.1 unknown"));
    expect(replyRows(comparison.replies)).toEqual([
      { key: "RCPT#1", command: "RCPT", occurrence: 1, before: ["250-first line", "250 2.1.5 ok"], after: ["250-first line", "550 5.1.1 unknown"], codeChanged: true },
    ]);
    expect(unchanged(comparison)).toBe(false);
    expect(unchanged(compare(runWith(5, "250 ok"), runWith(30, "250 ok")))).toBe(true);
  });
});
