import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { startCheck } from "../../main/services/checks";
import { certs } from "../../main/testing/certs";
import { startScriptedServer, type ScriptedServer } from "../../main/testing/scripted-server";
import { smtpScript } from "../../main/testing/smtp-script";
import { appendEvents, badgeOf, buildTimeline, directionMarker, EMPTY_TIMELINE, evidenceRows, replyBody, rowIndexOfSeq, type TimelineRow } from "./timeline";

/** Stamps seq and t on drafts, the way the engine's recorder does. */
function stamp(drafts: Record<string, unknown>[]): CheckEvent[] {
  return drafts.map((draft, seq) => ({ ...draft, seq, t: seq * 10 }) as CheckEvent);
}

const recv = (text: string, code: number | null, final: boolean, extra: Record<string, unknown> = {}) => ({
  kind: "recv",
  text,
  code,
  final,
  tls: false,
  bareLf: false,
  phase: "ehlo",
  replyTo: "EHLO",
  ...extra,
});

describe("timeline rows from a real check (engine → scripted SMTP server over STARTTLS)", () => {
  let server: ScriptedServer;
  let result: CheckResult;
  beforeAll(async () => {
    const cert = certs.valid();
    server = await startScriptedServer(
      smtpScript({
        starttls: { cert: cert.cert, key: cert.key },
        rules: [
          {
            match: "RCPT TO",
            reply: {
              kind: "send",
              data: "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550 5.1.1 double-checking the recipient's email address - gsmtp\r\n",
            },
          },
        ],
      }),
    );
    result = await startCheck({
      host: "127.0.0.1",
      port: server.port,
      tls: "starttls",
      helo: "pc1.example.com",
      from: "a@example.com",
      to: ["b@example.com"],
      extraCaPem: cert.caPem,
    });
  });
  afterAll(() => server?.close());

  it("groups each multiline reply into one row that ends with its final line", () => {
    const { rows } = buildTimeline(result.events);
    const ehloReplies = rows.filter((row) => row.type === "reply" && row.replyTo === "EHLO");
    expect(ehloReplies).toHaveLength(2); // before and after STARTTLS (RFC 3207 4.2)
    for (const reply of ehloReplies) {
      if (reply.type !== "reply") throw new Error("not a reply");
      expect(reply.complete).toBe(true);
      expect(reply.lines.length).toBeGreaterThan(3);
      expect(reply.lines[0]?.raw).toMatch(/^250-/);
      expect(reply.lines.at(-1)?.raw).toMatch(/^250 /);
      expect(reply.badge).toBe("2xx");
    }
    const recvCount = result.events.filter((event) => event.kind === "recv").length;
    const lineCount = rows.reduce((n, row) => n + (row.type === "reply" ? row.lines.length : 0), 0);
    expect(lineCount).toBe(recvCount);
  });

  it("tells client and server lines apart by marker, and marks TLS lines", () => {
    const { rows } = buildTimeline(result.events);
    const sends = rows.filter((row) => row.type === "send");
    expect(sends.map((row) => (row.type === "send" ? directionMarker(row) : ""))).toEqual(["->", "->", "~>", "~>", "~>", "~>"]);
    const quitReply = rows.find((row) => row.type === "reply" && row.replyTo === "QUIT");
    expect(quitReply && quitReply.type === "reply" ? directionMarker(quitReply) : null).toBe("<~");
  });

  it("links the RCPT finding to the 550 reply row that proves it", () => {
    const { rows } = buildTimeline(result.events);
    const finding = rows.find((row) => row.type === "finding" && row.id === "rcpt.rejected");
    if (finding?.type !== "finding") throw new Error("no rcpt.rejected finding row");
    const [index] = evidenceRows(rows, finding.evidence);
    const evidence = rows[index ?? -1];
    expect(evidence?.type).toBe("reply");
    if (evidence?.type === "reply") {
      expect(evidence.code).toBe(550);
      expect(evidence.badge).toBe("5xx");
      expect(evidence.lines.map((line) => line.body)[0]).toMatch(/^5\.1\.1 The email account/);
    }
  });

  it("shows connection facts as meta rows and leaves phase events to the waterfall", () => {
    const { rows } = buildTimeline(result.events);
    const kinds = rows.filter((row) => row.type === "meta").map((row) => (row.type === "meta" ? row.kind : ""));
    expect(kinds).toEqual(expect.arrayContaining(["session.start", "tcp.connecting", "tcp.connected", "tls.start", "tls.established", "done"]));
    const seqsShown = new Set(rows.flatMap((row) => row.seqs));
    for (const event of result.events) {
      expect(seqsShown.has(event.seq)).toBe(event.kind !== "phase");
    }
  });
});

describe("timeline rows from hand-made streams", () => {
  it("updates one waiting row in place and settles it when the greeting arrives", () => {
    const events = stamp([
      { kind: "waiting", phase: "greeting", elapsedMs: 1000 },
      { kind: "waiting", phase: "greeting", elapsedMs: 2000 },
      { kind: "waiting", phase: "greeting", elapsedMs: 3000 },
      recv("220 mx.example.com ESMTP", 220, true, { phase: "greeting", replyTo: null }),
    ]);
    const live = buildTimeline(events.slice(0, 3));
    expect(live.rows).toHaveLength(1);
    expect(live.rows[0]).toMatchObject({ type: "waiting", elapsedMs: 3000, settled: false, seqs: [0, 1, 2] });
    const after = appendEvents(live, events.slice(3));
    expect(after.rows[0]).toMatchObject({ type: "waiting", elapsedMs: 3000, settled: true });
    expect(after.rows[1]).toMatchObject({ type: "reply", code: 220, badge: "2xx" });
    // The earlier state is untouched: rows are replaced, never mutated.
    expect(live.rows[0]).toMatchObject({ settled: false });
  });

  it("keeps one waiting row counting while other ports are probed and an early verdict arrives", () => {
    const { rows } = buildTimeline(
      stamp([
        { kind: "waiting", phase: "greeting", elapsedMs: 1000 },
        { kind: "port.probe", port: 587, state: "smtp", banner: "220 mx", ms: 8 },
        { kind: "waiting", phase: "greeting", elapsedMs: 2000 },
        { kind: "provisional", id: "greeting.timeout", evidence: [0], params: { port: 25 } },
        { kind: "waiting", phase: "greeting", elapsedMs: 3000 },
      ]),
    );
    expect(rows.map((row) => row.type)).toEqual(["waiting", "meta", "finding"]);
    expect(rows[0]).toMatchObject({ elapsedMs: 3000, settled: false, seqs: [0, 2, 4] });
    expect(rows[2]).toMatchObject({ provisional: true, severity: "warning" });
  });

  it("keeps collecting a reply across an interleaved waiting event and finds every seq", () => {
    const events = stamp([
      recv("250-first", 250, false),
      { kind: "waiting", phase: "ehlo", elapsedMs: 1000 },
      recv("250 last", 250, true),
    ]);
    const { rows } = buildTimeline(events);
    expect(rows.map((row) => row.type)).toEqual(["reply", "waiting"]);
    expect(rowIndexOfSeq(rows, 0)).toBe(0);
    expect(rowIndexOfSeq(rows, 1)).toBe(1);
    expect(rowIndexOfSeq(rows, 2)).toBe(0);
    expect(rowIndexOfSeq(rows, 99)).toBe(-1);
  });

  it("shows a line that is not a reply with no code and no class", () => {
    const { rows } = buildTimeline(stamp([recv("SSH-2.0-OpenSSH_9.6", null, true, { phase: "greeting", replyTo: null })]));
    expect(rows[0]).toMatchObject({ type: "reply", code: null, badge: "none" });
    if (rows[0]?.type === "reply") expect(rows[0].lines[0]?.body).toBe("SSH-2.0-OpenSSH_9.6");
  });

  it("gives the same rows whatever the batch boundaries (live batches vs one pass)", () => {
    const events = stamp([
      { kind: "session.start", host: "mx.example.com", port: 25, tls: "auto" },
      { kind: "waiting", phase: "greeting", elapsedMs: 1000 },
      recv("220 hi", 220, true, { phase: "greeting", replyTo: null }),
      { kind: "send", text: "EHLO pc1", command: "EHLO", tls: false, redacted: false },
      recv("250-a", 250, false),
      { kind: "waiting", phase: "ehlo", elapsedMs: 1000 },
      recv("250-b", 250, false),
      recv("250 c", 250, true),
      { kind: "note", level: "warning", code: "stray-data", text: "stray" },
      { kind: "finding", id: "server.bare-lf", severity: "warning", evidence: [6], params: {} },
      { kind: "done", outcome: "warning" },
    ]);
    const whole = buildTimeline(events).rows;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: events.length - 1 }), { maxLength: 6 }), (cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), events.length];
        let state = EMPTY_TIMELINE;
        for (let i = 0; i < bounds.length - 1; i++) state = appendEvents(state, events.slice(bounds[i], bounds[i + 1]));
        expect(state.rows).toEqual(whole);
      }),
    );
  });

  it("turns a 10,000-line flood into rows without losing a line", () => {
    const drafts = Array.from({ length: 10_000 }, (_, i) => recv(`250-line ${i}`, 250, i % 100 === 99));
    const { rows } = buildTimeline(stamp(drafts));
    expect(rows).toHaveLength(100);
    expect(rows.every((row: TimelineRow) => row.type === "reply" && row.lines.length === 100 && row.complete)).toBe(true);
  });
});

describe("reply helpers", () => {
  it("classes replies by first digit (RFC 5321 4.2.1)", () => {
    expect([220, 354, 451, 550, 199, 600, null].map(badgeOf)).toEqual(["2xx", "3xx", "4xx", "5xx", "none", "none", "none"]);
  });
  it("strips the code and separator, keeping the text", () => {
    expect(replyBody("250-PIPELINING", 250)).toBe("PIPELINING");
    expect(replyBody("250 2.1.0 Ok", 250)).toBe("2.1.0 Ok");
    expect(replyBody("250", 250)).toBe("");
    expect(replyBody("garbage", null)).toBe("garbage");
  });
});
