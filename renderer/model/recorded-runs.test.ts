import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent, TlsDetails } from "../../shared/contract/events";
import type { HistoryHeader } from "../../shared/contract/history";
import { checkSessionReducer, IDLE_SESSION, sessionTls } from "./check-session";
import { DEFAULT_FORM, toRequest, validateForm } from "./form";
import { formFromPrefill, formFromRequest, recordedFromEntry, recordedFromFile, requestFromResult, rerunPlan, targetText } from "./rerun";
import { appendEvents, EMPTY_TIMELINE } from "./timeline";

const ev = (seq: number, draft: Record<string, unknown>) => ({ ...draft, seq, t: seq * 2 }) as CheckEvent;
const tls: TlsDetails = {
  mode: "starttls",
  servername: "mx.example.com",
  protocol: "TLSv1.3",
  cipher: "TLS_AES_256_GCM_SHA384",
  chain: [],
  authorized: true,
  verifyError: null,
  verifyMessage: null,
  nameMatches: true,
  trustedBy: "bundled",
};
const events: CheckEvent[] = [
  ev(0, { kind: "session.start", host: "mx.example.com", port: 587, tls: "starttls" }),
  ev(1, { kind: "recv", text: "220 mx.example.com ESMTP", code: 220, final: true, tls: false, bareLf: false, phase: "greeting", replyTo: null }),
  ev(2, { kind: "send", text: "EHLO pc1.example.org", command: "EHLO", tls: false, redacted: false }),
  ev(3, { kind: "recv", text: "250 mx.example.com", code: 250, final: true, tls: false, bareLf: false, phase: "ehlo", replyTo: "EHLO" }),
  ev(4, { kind: "tls.established", details: tls, ms: 12 }),
  ev(5, { kind: "send", text: "MAIL FROM:<a@example.org> SIZE=120", command: "MAIL", tls: true, redacted: false }),
  ev(6, { kind: "recv", text: "250 2.1.0 Ok", code: 250, final: true, tls: true, bareLf: false, phase: "mail", replyTo: "MAIL" }),
  ev(7, { kind: "send", text: "RCPT TO:<b@example.com>", command: "RCPT", tls: true, redacted: false }),
  ev(8, { kind: "recv", text: "550 5.1.1 unknown", code: 550, final: true, tls: true, bareLf: false, phase: "rcpt", replyTo: "RCPT" }),
  ev(9, { kind: "finding", id: "rcpt.rejected", severity: "error", evidence: [8], params: { code: 550 } }),
  ev(10, { kind: "done", outcome: "failed" }),
];
const result: CheckResult = {
  schema: "ehlo.check/1",
  target: { host: "mx.example.com", port: 587, tls: "starttls", mx: false, address: "192.0.2.7" },
  startedAt: "2026-11-29T06:16:00.418Z",
  durationMs: 20,
  events,
  tls,
  capabilities: [],
  findings: [{ id: "rcpt.rejected", severity: "error", evidence: [8], params: { code: 550 } }],
  outcome: "failed",
};
const header: HistoryHeader = {
  id: "20261129T061600418Z-0123456789ab",
  savedAt: "2026-11-29T06:16:01.000Z",
  startedAt: result.startedAt,
  host: "mx.example.com",
  port: 587,
  tls: "starttls",
  outcome: "failed",
  durationMs: 20,
  findings: [{ id: "rcpt.rejected", severity: "error" }],
  source: "check",
};
const request = CheckRequestSchema.parse({ host: "mx.example.com", port: 587, tls: "starttls", helo: "pc1.example.org", from: "a@example.org", to: ["b@example.com"], timeouts: { greetingMs: 45_000 } });

describe("a recorded run on the check page", () => {
  it("loads exactly as it was: the same rows, findings, certificate and outcome as the live run", () => {
    const live = [
      { type: "start", id: "live", request },
      { type: "events", id: "live", events },
      { type: "done", id: "live", result, historyId: header.id },
    ] as const;
    const afterLive = live.reduce(checkSessionReducer, IDLE_SESSION);
    expect(afterLive).toMatchObject({ historyId: header.id, origin: { kind: "live" }, exactRequest: true });

    const loaded = checkSessionReducer(afterLive, { type: "load", id: "view-1", ...recordedFromEntry({ header, request, result }) });
    expect(loaded).toMatchObject({ status: "done", id: "view-1", historyId: header.id, origin: { kind: "history", header }, exactRequest: true, request });
    expect(loaded.timeline).toEqual(afterLive.timeline);
    expect(loaded.timeline).toEqual(appendEvents(EMPTY_TIMELINE, events));
    expect(loaded.findings).toEqual(afterLive.findings);
    expect(sessionTls(loaded)).toEqual(tls);
    // Late messages of the check that was on screen cannot leak into the loaded run.
    expect(checkSessionReducer(loaded, { type: "events", id: "live", events: events.slice(0, 1) })).toBe(loaded);
    expect(checkSessionReducer(loaded, { type: "done", id: "live", result: { ...result, outcome: "ok" } })).toBe(loaded);
  });

  it("a report opened from a file is not in the history and has only an inferred request", () => {
    const document = { schema: "ehlo.report/1", model: {}, result } as never;
    const run = recordedFromFile({ fileName: "ticket-4711.ehlo", document });
    expect(run).toMatchObject({ historyId: null, exactRequest: false, origin: { kind: "file", fileName: "ticket-4711.ehlo" } });
    expect(run.request).toMatchObject({ host: "mx.example.com", port: 587, helo: "pc1.example.org", from: "a@example.org", to: ["b@example.com"] });
  });
});

describe("run again", () => {
  it("starts the exact saved request, and the form shows what is sent", () => {
    const plan = rerunPlan({ request, exactRequest: true, result });
    expect(plan.kind).toBe("start");
    if (plan.kind !== "start") return;
    expect(plan.request).toBe(request);
    expect(plan.form).toMatchObject({ target: "mx.example.com:587", tls: "starttls", helo: "pc1.example.org", from: "a@example.org", to: ["b@example.com"], password: "" });
    expect(plan.form.timeouts.greetingMs).toBe("45");
    expect(validateForm(plan.form)).toEqual({});
    expect(toRequest(plan.form).request).toMatchObject({ host: "mx.example.com", port: 587, tls: "starttls", to: ["b@example.com"] });
  });

  it("a run that logged in fills in the form and waits for the password; an import only fills in the form", () => {
    const withAuth = { ...request, auth: { user: "helpdesk" } };
    expect(rerunPlan({ request: withAuth, exactRequest: true, result })).toMatchObject({ kind: "fill", reason: "password", form: { authUser: "helpdesk", password: "" } });
    expect(rerunPlan({ request: null, exactRequest: false, result })).toMatchObject({ kind: "fill", reason: "inferred", form: { target: "mx.example.com:587", to: ["b@example.com"] } });
    expect(rerunPlan(recordedFromEntry({ header: { ...header, source: "import" }, request: null, result })).kind).toBe("fill");
  });

  it("reads the request of an imported run from its transcript", () => {
    expect(requestFromResult(result)).toEqual({ host: "mx.example.com", port: 587, mx: false, tls: "starttls", helo: "pc1.example.org", from: "a@example.org", to: ["b@example.com"] });
    const mx = { ...result, target: { ...result.target, mx: true, port: 25 }, events: [] };
    expect(requestFromResult(mx)).toEqual({ host: "mx.example.com", mx: true, tls: "starttls", to: [] });
    expect(formFromRequest(requestFromResult(mx)).target).toBe("postmaster@mx.example.com");
  });

  it("writes targets the way the form reads them", () => {
    expect(targetText("mx.example.com", 25)).toBe("mx.example.com:25");
    expect(targetText("2001:db8::1", 25)).toBe("[2001:db8::1]:25");
    expect(targetText("2001:db8::1", undefined)).toBe("2001:db8::1");
    expect(targetText("example.com", undefined, true)).toBe("postmaster@example.com");
  });
});

describe("an ehlo:// link", () => {
  it("fills in only what it carries and resets the rest, so a typed login never goes to the link's server", () => {
    const form = formFromPrefill({ host: "mx.example.net", port: 25, tls: "none", to: ["x@example.net"] });
    expect(form).toEqual({ ...DEFAULT_FORM, target: "mx.example.net:25", tls: "none", to: ["x@example.net"] });
    expect(formFromPrefill({ host: "mx.example.net" })).toMatchObject({ target: "mx.example.net", tls: "auto", to: [""] });
  });
});
