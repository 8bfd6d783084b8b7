import { describe, expect, it } from "vitest";
import type { CheckEvent } from "../../shared/contract/events";
import { transcriptText } from "./transcript";

const events = [
  { kind: "session.start", host: "mx.example.com", port: 25, tls: "auto", seq: 0, t: 0 },
  { kind: "phase", phase: "greeting", state: "start", seq: 1, t: 1 },
  { kind: "recv", text: "220 mx.example.com ESMTP", code: 220, final: true, tls: false, bareLf: false, phase: "greeting", replyTo: null, seq: 2, t: 5 },
  { kind: "send", text: "EHLO pc1.example.com", command: "EHLO", tls: false, redacted: false, seq: 3, t: 6 },
  { kind: "send", text: "RCPT TO:<b@example.net>", command: "RCPT", tls: true, redacted: false, seq: 4, t: 7 },
  { kind: "recv", text: "550 5.1.1 no such user", code: 550, final: true, tls: true, bareLf: false, phase: "rcpt", replyTo: "RCPT", seq: 5, t: 8 },
  { kind: "finding", id: "rcpt.rejected", severity: "error", evidence: [5], params: { code: 550, to: "b@example.net" }, seq: 6, t: 9 },
  { kind: "done", outcome: "failed", seq: 7, t: 10 },
] as CheckEvent[];

describe("copy transcript", () => {
  it("uses the swaks grammar and ends with the findings", () => {
    expect(transcriptText(events).split("\n")).toEqual([
      "=== Checking mx.example.com port 25 (TLS: auto)",
      "<-  220 mx.example.com ESMTP",
      " -> EHLO pc1.example.com",
      " ~> RCPT TO:<b@example.net>",
      "<~* 550 5.1.1 no such user",
      "=== Finished: failed",
      "*** error rcpt.rejected (code=550 to=b@example.net)",
      "",
    ]);
  });

  it("adds the timing column on request", () => {
    expect(transcriptText(events, { timing: true }).split("\n")[1]).toBe("[     5.0 ms] <-  220 mx.example.com ESMTP");
  });
});
