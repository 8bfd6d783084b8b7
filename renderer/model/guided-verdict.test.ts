import { describe, expect, it } from "vitest";
import type { MatrixResult, MatrixRow } from "../../shared/contract/matrix";
import { guidedReducer, INITIAL_GUIDED, type CheckStep, type GuidedAction, type GuidedState } from "./guided-steps";
import { ticketText, type Translate } from "./guided-ticket";
import { guidedVerdict, stepNotes, stepOutcome } from "./guided-verdict";
import { checkResult, discoverResult, finding, matrixRow } from "../../shared/contract/test-fixtures";

const run = (state: GuidedState, ...actions: GuidedAction[]): GuidedState => actions.reduce(guidedReducer, state);

const chosen = run(
  INITIAL_GUIDED,
  { type: "intake", patch: { address: "someone@example.test", program: "outlook", symptom: "error-message", description: "Error 0x800CCC0F\nsince Monday" } },
  { type: "confirm" },
  { type: "run", step: "settings" },
  { type: "discovered", result: discoverResult([{ host: "mail.example.test", port: 587, tls: "starttls", verified: true }]) },
);

const matrixDone = (rows: MatrixRow[]): GuidedAction => ({
  type: "matrix-done",
  result: { schema: "ehlo.matrix/1", spec: { host: "mail.example.test", ports: [25, 465, 587, 2525] }, startedAt: "", durationMs: 1, concurrency: 8, peakConcurrency: 4, mx: null, implicitMx: false, rows, cancelled: false } satisfies MatrixResult,
});
const check = (step: CheckStep, outcome: Parameters<typeof checkResult>[0], findings: Parameters<typeof checkResult>[1] = []): GuidedAction[] => [
  { type: "run", step },
  { type: "check-done", step, result: checkResult(outcome, findings) },
];

const fail = { status: "fail" as const, ms: null, detail: "tcp.timeout" };
const reachable = [matrixRow(0, 465, "implicit", "pass"), matrixRow(1, 587, "none", "warn"), matrixRow(2, 587, "starttls", "pass")];

describe("step outcomes and the verdict", () => {
  it("a walk where everything works says so; nothing left untested", () => {
    const state = run(chosen, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "ok"), ...check("auth", "ok"), ...check("send", "ok"));
    const verdict = guidedVerdict(state);
    expect(verdict.outcomes).toEqual({ settings: "pass", network: "pass", tls: "pass", auth: "pass", send: "pass" });
    expect(verdict).toMatchObject({ kind: "works", failedStep: null, untested: [], findings: [] });
    expect(verdict.actions).toContain("compare-settings");
  });

  it("steps not run yet make the verdict incomplete, and are listed", () => {
    const state = run(chosen, ...check("tls", "ok"));
    const verdict = guidedVerdict(state);
    expect(verdict.kind).toBe("incomplete");
    expect(verdict.untested).toEqual(["network", "auth", "send"]);
  });

  it("a blocked chosen port with another port working → use the other port (with the port to tell the user)", () => {
    const rows = [matrixRow(0, 465, "implicit", "pass"), matrixRow(1, 587, "none", "fail", { connect: fail }), matrixRow(2, 587, "starttls", "fail", { connect: fail })];
    const state = run(chosen, { type: "run", step: "network" }, matrixDone(rows));
    expect(stepOutcome(state, "network")).toBe("fail");
    const verdict = guidedVerdict(state);
    expect(verdict).toMatchObject({ kind: "use-other-port", failedStep: "network", alternative: { port: 465, tls: "implicit" } });
  });

  it("no port working at all → the port is blocked", () => {
    const rows = [matrixRow(0, 465, "implicit", "fail", { connect: fail }), matrixRow(1, 587, "starttls", "fail", { connect: fail })];
    const verdict = guidedVerdict(run(chosen, { type: "run", step: "network" }, matrixDone(rows)));
    expect(verdict.kind).toBe("port-blocked");
    expect(verdict.actions).toEqual(["check-firewall", "try-other-network", "ask-provider"]);
  });

  it("the first failing step decides, by what its error is about; findings come errors first, one per id", () => {
    const cert = run(chosen, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "failed", [finding("tls.cert-expiring", "warning"), finding("tls.cert-untrusted")]), ...check("auth", "failed", [finding("auth.failed")]));
    const verdict = guidedVerdict(cert);
    expect(verdict).toMatchObject({ kind: "certificate-problem", failedStep: "tls" });
    expect(verdict.findings.map((f) => f.id)).toEqual(["auth.failed", "tls.cert-untrusted", "tls.cert-expiring"]);
    // A login step that could not even connect is a network problem, not a password problem.
    const login = guidedVerdict(run(chosen, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "ok"), ...check("auth", "failed", [finding("tcp.refused")])));
    expect(login.kind).toBe("port-blocked");
    const password = guidedVerdict(run(chosen, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "ok"), ...check("auth", "failed", [finding("auth.failed")])));
    expect(password.kind).toBe("login-failed");
    const relay = guidedVerdict(run(chosen, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "ok"), ...check("auth", "ok"), ...check("send", "failed", [finding("rcpt.relay-denied")])));
    expect(relay.kind).toBe("send-rejected");
  });

  it("warnings anywhere → works with warnings; an unverified or typed server is a warning of step 2", () => {
    const warned = guidedVerdict(run(chosen, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "warning", [finding("tls.cert-expiring", "warning")]), ...check("auth", "ok"), ...check("send", "ok")));
    expect(warned.kind).toBe("works-with-warnings");
    expect(warned.actions).toEqual(["compare-settings", "fix-warnings"]);
    const manual = run(chosen, { type: "choose", server: { host: "smtp.other.test", port: 587, tls: "starttls", source: "manual", verified: false, trusted: false } });
    expect(stepOutcome(manual, "settings")).toBe("warn");
    // A server nobody vouches for, everything else fine: confirm it first; no findings to fix.
    const unvouched = guidedVerdict(run(manual, { type: "run", step: "network" }, matrixDone(reachable), ...check("tls", "ok"), ...check("auth", "ok"), ...check("send", "ok")));
    expect(unvouched).toMatchObject({ kind: "works-with-warnings", actions: ["compare-settings", "confirm-server"] });
  });

  it("discovery that proved nothing → no settings; stale results are neither trusted nor counted", () => {
    const none = run(chosen, { type: "run", step: "settings" }, { type: "discovered", result: discoverResult([{ host: "smtp.example.test", port: 25, tls: "none", verified: false }]) });
    // Nothing proved: no server is preselected (the helpdesk may still pick an unproved one).
    expect(none.chosen).toBeNull();
    expect(guidedVerdict(none)).toMatchObject({ kind: "no-settings", failedStep: "settings" });
    expect(guidedVerdict(none).actions).toContain("enter-manually");
    const stale = run(chosen, ...check("tls", "failed", [finding("tls.cert-untrusted")]), { type: "choose", server: { host: "mail.example.test", port: 465, tls: "implicit", source: "autoconfig", verified: true, trusted: true } });
    expect(stepOutcome(stale, "tls")).toBe("stale");
    expect(guidedVerdict(stale)).toMatchObject({ kind: "incomplete", findings: [] });
  });
});

describe("the ticket text", () => {
  const t: Translate = (key, params) => (params && Object.keys(params).length > 0 ? `${key}${JSON.stringify(params)}` : key);

  it("has the user, the server, every step with its outcome and notes, the verdict, the actions and the findings", () => {
    const state = run(
      chosen,
      { type: "notes", step: "user", text: "Calls from\nhome office" },
      { type: "run", step: "network" },
      matrixDone(reachable),
      ...check("tls", "ok"),
      ...check("auth", "failed", [finding("auth.failed")]),
    );
    const verdict = guidedVerdict(state);
    const text = ticketText(state, verdict, t, (f) => `title of ${f.id}`);
    const lines = text.split("\n");
    expect(lines[0]).toBe("guided.ticket.title");
    expect(lines).toContain("guided.intake.address: someone@example.test");
    expect(lines).toContain("guided.intake.program: guided.program.outlook");
    expect(lines).toContain("guided.intake.description: Error 0x800CCC0F since Monday");
    expect(lines).toContain("guided.ticket.server: mail.example.test:587 (guided.tlsMode.starttls)");
    expect(lines).toContain("- guided.steps.user.title: guided.outcome.pass — Calls from home office");
    expect(lines).toContain("- guided.steps.auth.title: guided.outcome.fail");
    expect(lines).toContain("- guided.steps.send.title: guided.outcome.pending");
    expect(lines.some((l) => l.startsWith("guided.summary.verdict: guided.verdict.login-failed.title{"))).toBe(true);
    expect(lines.filter((l) => /^\d\. guided\.action\./.test(l))).toHaveLength(3);
    expect(lines).toContain("- title of auth.failed (auth.failed)");
    expect(text.endsWith("\n")).toBe(true);
    expect(stepNotes(state)).toEqual([{ step: "user", notes: "Calls from\nhome office" }]);
  });
});
