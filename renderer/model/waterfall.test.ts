import { describe, expect, it } from "vitest";
import { PHASES, type CheckEvent } from "../../shared/contract/events";
import { buildWaterfall, formatMs, PHASE_GROUP, WATERFALL_GROUPS } from "./waterfall";

function at(t: number, draft: Record<string, unknown>, seq = Math.round(t * 10)): CheckEvent {
  return { ...draft, seq, t } as CheckEvent;
}
const phase = (t: number, name: string, state: "start" | "end") => at(t, { kind: "phase", phase: name, state });

describe("phase waterfall", () => {
  it("maps every engine phase to a bar", () => {
    for (const p of PHASES) expect(WATERFALL_GROUPS).toContain(PHASE_GROUP[p]);
  });

  it("draws bars in a helpdesk's order with durations from phase events", () => {
    const model = buildWaterfall([
      phase(0, "resolve", "start"),
      phase(4, "resolve", "end"),
      phase(4, "connect", "start"),
      phase(24, "connect", "end"),
      phase(24, "greeting", "start"),
      phase(31, "greeting", "end"),
      phase(31, "ehlo", "start"),
      phase(62, "ehlo", "end"),
      phase(62, "quit", "start"),
      phase(70, "quit", "end"),
      at(71, { kind: "done", outcome: "ok" }),
    ]);
    expect(model.bars.map((bar) => [bar.group, bar.start, bar.durationMs, bar.state])).toEqual([
      ["dns", 0, 4, "ok"],
      ["connect", 4, 20, "ok"],
      ["greeting", 24, 7, "ok"],
      ["ehlo", 31, 31, "ok"],
      ["quit", 62, 8, "ok"],
    ]);
    expect(model.totalMs).toBe(71);
    expect(model.finished).toBe(true);
  });

  it("merges STARTTLS and the nested handshake into one TLS bar, counting overlap once", () => {
    const model = buildWaterfall([
      phase(60, "starttls", "start"),
      phase(70, "tls", "start"),
      phase(180, "tls", "end"),
      phase(182, "starttls", "end"),
    ]);
    expect(model.bars).toHaveLength(1);
    expect(model.bars[0]).toMatchObject({ group: "tls", start: 60, end: 182, durationMs: 122, state: "ok" });
  });

  it("charges a failure to the innermost open phase and marks MAIL/RCPT as failed", () => {
    const model = buildWaterfall([
      phase(10, "mail", "start"),
      at(11, { kind: "recv", text: "250 ok", code: 250, final: true, tls: false, bareLf: false, phase: "mail", replyTo: "MAIL" }),
      phase(12, "mail", "end"),
      phase(12, "rcpt", "start"),
      at(13, { kind: "recv", text: "550 no", code: 550, final: true, tls: false, bareLf: false, phase: "rcpt", replyTo: "RCPT" }),
      phase(14, "rcpt", "end"),
    ]);
    expect(model.bars).toEqual([expect.objectContaining({ group: "mailRcpt", state: "failed", start: 10, end: 14 })]);
  });

  it("shows an open phase as running while live and interrupted once the check is over", () => {
    const live = [phase(0, "greeting", "start"), at(4000, { kind: "waiting", phase: "greeting", elapsedMs: 4000 })];
    expect(buildWaterfall(live).bars[0]).toMatchObject({ state: "running", end: 4000, durationMs: 4000 });
    const over = [...live, at(5000, { kind: "done", outcome: "cancelled" })];
    expect(buildWaterfall(over).bars[0]).toMatchObject({ state: "interrupted", durationMs: 5000 });
  });

  it("marks a phase with a warning finding as completed with a warning", () => {
    const model = buildWaterfall([
      phase(0, "tls", "start"),
      at(1, { kind: "finding", id: "tls.cert-expiring", severity: "warning", evidence: [], params: {} }),
      phase(2, "tls", "end"),
    ]);
    expect(model.bars[0]?.state).toBe("warning");
  });

  it("formats milliseconds with Latin digits in every language", () => {
    expect(formatMs(0.42, "en-u-nu-latn")).toBe("0.4");
    expect(formatMs(4210.6, "en-u-nu-latn")).toBe("4,211");
    expect(formatMs(183, "ar-u-nu-latn")).toBe("183");
  });
});
