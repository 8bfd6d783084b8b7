import { describe, expect, it } from "vitest";
import type { SourceReport } from "../../shared/contract/discovery";
import { canEnter, GUIDED_STEPS, guidedReducer, INITIAL_GUIDED, nextStep, previousStep, type GuidedAction, type GuidedState } from "./guided-steps";
import { checkResult, discoverResult, matrixRow } from "../../shared/contract/test-fixtures";

const run = (state: GuidedState, ...actions: GuidedAction[]): GuidedState => actions.reduce(guidedReducer, state);

const confirmed = run(INITIAL_GUIDED, { type: "intake", patch: { address: " someone@example.test ", program: "outlook", symptom: "cannot-send" } }, { type: "confirm" });

const discovered = run(
  confirmed,
  { type: "run", step: "settings" },
  {
    type: "discovered",
    result: discoverResult([
      { host: "smtp.example.test", port: 25, tls: "none", verified: false },
      { host: "mail.example.test", port: 587, tls: "starttls", verified: true },
      { host: "mail.example.test", port: 465, tls: "implicit", verified: true, trusted: false },
    ]),
  },
);

describe("the walkthrough's steps", () => {
  it("starts at step 1 with only step 1 open; the order is fixed", () => {
    expect(INITIAL_GUIDED.step).toBe("user");
    expect(GUIDED_STEPS.filter((step) => canEnter(INITIAL_GUIDED, step))).toEqual(["user"]);
    expect(run(INITIAL_GUIDED, { type: "go", step: "tls" }).step).toBe("user");
    expect([nextStep("user"), nextStep("send"), nextStep("summary")]).toEqual(["settings", "summary", null]);
    expect([previousStep("user"), previousStep("settings")]).toEqual([null, "user"]);
  });

  it("confirming step 1 opens discovery and the summary, and prefills the login and sender with the address", () => {
    expect(confirmed.step).toBe("settings");
    expect(GUIDED_STEPS.filter((step) => canEnter(confirmed, step))).toEqual(["user", "settings", "summary"]);
    expect(confirmed.auth.user).toBe("someone@example.test");
    expect(confirmed.send.from).toBe("someone@example.test");
  });

  it("shows each source as it reports, then preselects the best proved setting and opens every step", () => {
    const report: SourceReport = { source: "srv-submission", state: "empty", ms: 12, detail: "no SRV record", candidates: 0 };
    const running = run(confirmed, { type: "run", step: "settings" }, { type: "source", report }, { type: "source", report: { ...report, ms: 13 } });
    expect(running.sources).toEqual([{ ...report, ms: 13 }]);
    expect(running.records.settings).toMatchObject({ status: "running", runs: 1 });
    expect(discovered.records.settings.status).toBe("done");
    expect(discovered.chosen).toEqual({ host: "mail.example.test", port: 587, tls: "starttls", source: "autoconfig", verified: true, trusted: true });
    expect(GUIDED_STEPS.every((step) => canEnter(discovered, step))).toBe(true);
  });

  it("choosing another server marks the results of later steps stale, and a re-run clears that", () => {
    const tested = run(
      discovered,
      { type: "run", step: "network" },
      { type: "matrix-row", row: matrixRow(0, 587, "starttls", "pass") },
      { type: "matrix-done", result: { schema: "ehlo.matrix/1", spec: { host: "mail.example.test", ports: [587] }, startedAt: "", durationMs: 1, concurrency: 8, peakConcurrency: 1, mx: null, implicitMx: false, rows: [matrixRow(0, 587, "starttls", "pass")], cancelled: false } },
      { type: "run", step: "tls" },
      { type: "check-done", step: "tls", result: checkResult("ok") },
    );
    expect(tested.records.network).toMatchObject({ status: "done", stale: false });
    expect(tested.checks.tls?.outcome).toBe("ok");
    const same = run(tested, { type: "choose", server: { ...tested.chosen!, trusted: true } });
    expect(same.records.tls.stale).toBe(false);
    const other = run(tested, { type: "choose", server: { host: "mail.example.test", port: 465, tls: "implicit", source: "autoconfig", verified: true, trusted: false } });
    expect([other.records.network.stale, other.records.tls.stale, other.records.auth.stale]).toEqual([true, true, false]);
    const rerun = run(other, { type: "run", step: "tls" });
    expect(rerun.records.tls).toMatchObject({ status: "running", stale: false, runs: 2 });
    expect(rerun.checks.tls).toBeNull();
  });

  it("a new address makes every later result stale and forgets the chosen server; the same one keeps them", () => {
    const tested = run(discovered, { type: "run", step: "tls" }, { type: "check-done", step: "tls", result: checkResult("ok") });
    const again = run(tested, { type: "go", step: "user" }, { type: "intake", patch: { description: "since Monday" } }, { type: "confirm" });
    expect(again.records.tls.stale).toBe(false);
    expect(again.chosen).not.toBeNull();
    const moved = run(tested, { type: "intake", patch: { address: "other@example.test" } }, { type: "confirm" });
    expect([moved.records.settings.stale, moved.records.tls.stale]).toEqual([true, true]);
    expect(moved.chosen).toBeNull();
    expect(moved.auth.user).toBe("other@example.test");
    expect(canEnter(moved, "tls")).toBe(false);
  });

  it("a server typed by the helpdesk survives a new discovery", () => {
    const manual = { host: "smtp.other.test", port: 2525, tls: "starttls" as const, source: "manual" as const, verified: false, trusted: false };
    const state = run(confirmed, { type: "choose", server: manual }, { type: "run", step: "settings" }, { type: "discovered", result: discoverResult([{ host: "mail.example.test", port: 587, tls: "starttls", verified: true }]) });
    expect(state.chosen).toEqual(manual);
  });

  it("ignores what arrives for a step that is not running (late progress after a cancel, a double result)", () => {
    const cancelled = run(discovered, { type: "run", step: "network" }, { type: "cancelled", step: "network" });
    expect(cancelled.records.network.status).toBe("cancelled");
    expect(cancelled.matrix.status).toBe("cancelled");
    const late = run(cancelled, { type: "matrix-row", row: matrixRow(0, 25, "none", "fail") }, { type: "check-done", step: "auth", result: checkResult("failed") });
    expect(late.matrix.rows).toEqual([]);
    expect(late.checks.auth).toBeNull();
    expect(late.records.auth.status).toBe("idle");
  });

  it("a refused run keeps its reason; notes stay with their step; reset forgets everything", () => {
    const refused = run(discovered, { type: "run", step: "auth" }, { type: "failed", step: "auth", field: "password", message: "no password" });
    expect(refused.records.auth).toMatchObject({ status: "failed", error: { field: "password", message: "no password" } });
    const noted = run(refused, { type: "notes", step: "auth", text: "User changed the password on Monday" });
    expect(noted.records.auth.notes).toBe("User changed the password on Monday");
    expect(noted.records.tls.notes).toBe("");
    expect(run(noted, { type: "reset" })).toBe(INITIAL_GUIDED);
  });
});
