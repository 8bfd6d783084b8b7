import { describe, expect, it } from "vitest";
import { checklistForExport, checklistReducer, type ChecklistAction, type ChecklistStates } from "./checklist-state";

const apply = (...actions: ChecklistAction[]): ChecklistStates => actions.reduce(checklistReducer, {});

describe("checklist state of the run on screen", () => {
  it("ticks and unticks steps per finding, keeps notes, and starts over on reset", () => {
    const state = apply(
      { type: "check", id: "rcpt.rejected", step: "s1", done: true },
      { type: "check", id: "rcpt.rejected", step: "s3", done: true },
      { type: "check", id: "rcpt.rejected", step: "s1", done: false },
      { type: "notes", id: "tls.cert-expired", notes: "Renewal ordered" },
    );
    expect(state).toEqual({ "rcpt.rejected": { checked: ["s3"], notes: "" }, "tls.cert-expired": { checked: [], notes: "Renewal ordered" } });
    expect(checklistReducer(state, { type: "check", id: "rcpt.rejected", step: "s3", done: true })).toBe(state);
    expect(checklistReducer(state, { type: "reset" })).toEqual({});
  });

  it("exports only what someone touched, notes trimmed; nothing at all as undefined", () => {
    const state = apply(
      { type: "check", id: "rcpt.rejected", step: "s2", done: true },
      { type: "notes", id: "rcpt.rejected", notes: "  called the postmaster \n" },
      { type: "check", id: "auth.failed", step: "s1", done: true },
      { type: "check", id: "auth.failed", step: "s1", done: false },
      { type: "notes", id: "tcp.timeout", notes: "   " },
    );
    expect(checklistForExport(state)).toEqual({ "rcpt.rejected": { checked: ["s2"], notes: "called the postmaster" } });
    expect(checklistForExport({})).toBeUndefined();
  });
});
