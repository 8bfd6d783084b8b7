import type { AuthMechanism } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { DiscoverResult, DiscoverySource, SourceReport, SubmissionTls } from "../../shared/contract/discovery";
import type { MatrixResult, MatrixRow } from "../../shared/contract/matrix";
import { EMPTY_GRID, gridReducer, type MatrixGridState } from "./matrix-grid";

/**
 * The helpdesk walkthrough as a state machine (a reducer, pure): from "I can't send mail" and an
 * address to a summary for the ticket. Seven steps; each one runs, can be run again, keeps the
 * helpdesk's notes, and feeds the summary. A step's results depend on what came before it
 * (the chosen server above all): changing that marks the later results stale instead of
 * silently mixing evidence about two different servers.
 */

export const GUIDED_STEPS = ["user", "settings", "network", "tls", "auth", "send", "summary"] as const;
export type GuidedStep = (typeof GUIDED_STEPS)[number];
/** Steps that run a single check through the engine. */
export const CHECK_STEPS = ["tls", "auth", "send"] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

export const MAIL_PROGRAMS = ["outlook", "apple-mail", "thunderbird", "gmail-app", "phone", "device", "website", "other"] as const;
export type MailProgram = (typeof MAIL_PROGRAMS)[number];
export const SYMPTOMS = ["cannot-send", "error-message", "password-prompt", "stuck-outbox", "certificate-warning", "some-recipients", "slow", "other"] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** Step 1: who, with what, and what happens. The advanced fields apply to every later step. */
export interface Intake {
  address: string;
  program: MailProgram | "";
  symptom: Symptom | "";
  description: string;
  dnsServer: string;
  extraCaPem: string;
}

export const EMPTY_INTAKE: Intake = { address: "", program: "", symptom: "", description: "", dnsServer: "", extraCaPem: "" };

/** The server the later steps test: a discovered candidate, or one the helpdesk typed. */
export interface ChosenServer {
  host: string;
  port: number;
  tls: SubmissionTls;
  source: DiscoverySource | "manual";
  /** Discovery's probe reached a greeting and EHLO with this TLS mode. */
  verified: boolean;
  /** A mail program may send the password here without asking (see the discovery contract). */
  trusted: boolean;
}

export type RunStatus = "idle" | "running" | "done" | "failed" | "cancelled";

export interface StepRecord {
  status: RunStatus;
  /** Ran for an earlier intake or another server: shown, but flagged, and not trusted by the summary. */
  stale: boolean;
  notes: string;
  /** A refusal or failure of the run itself (not a finding): the field at fault and why. */
  error: { field: string; message: string } | null;
  runs: number;
}

/** Step 5's and 6's inputs. The password is not here: it never enters app state. */
export interface AuthInput {
  user: string;
  mechanism: AuthMechanism | "auto";
  allowInsecureAuth: boolean;
}

export interface SendInput {
  from: string;
  to: string;
  /** Also run DATA with the labelled test message (otherwise RCPT only). */
  data: boolean;
}

export interface GuidedState {
  step: GuidedStep;
  intake: Intake;
  /** The intake the current results were made for (null until step 1 was confirmed). */
  confirmed: Intake | null;
  records: Record<GuidedStep, StepRecord>;
  sources: readonly SourceReport[];
  discovery: DiscoverResult | null;
  chosen: ChosenServer | null;
  matrix: MatrixGridState;
  checks: Record<CheckStep, CheckResult | null>;
  auth: AuthInput;
  send: SendInput;
}

const IDLE_RECORD: StepRecord = { status: "idle", stale: false, notes: "", error: null, runs: 0 };

export const INITIAL_GUIDED: GuidedState = {
  step: "user",
  intake: EMPTY_INTAKE,
  confirmed: null,
  records: Object.fromEntries(GUIDED_STEPS.map((step) => [step, IDLE_RECORD])) as Record<GuidedStep, StepRecord>,
  sources: [],
  discovery: null,
  chosen: null,
  matrix: EMPTY_GRID,
  checks: { tls: null, auth: null, send: null },
  auth: { user: "", mechanism: "auto", allowInsecureAuth: false },
  send: { from: "", to: "", data: false },
};

export type GuidedAction =
  | { type: "go"; step: GuidedStep }
  | { type: "intake"; patch: Partial<Intake> }
  /** Step 1 is complete (validated by the caller). */
  | { type: "confirm" }
  | { type: "run"; step: GuidedStep }
  | { type: "failed"; step: GuidedStep; field: string; message: string }
  | { type: "cancelled"; step: GuidedStep }
  | { type: "source"; report: SourceReport }
  | { type: "discovered"; result: DiscoverResult }
  | { type: "choose"; server: ChosenServer }
  | { type: "matrix-row"; row: MatrixRow }
  | { type: "matrix-done"; result: MatrixResult }
  | { type: "check-done"; step: CheckStep; result: CheckResult }
  | { type: "notes"; step: GuidedStep; text: string }
  | { type: "auth"; patch: Partial<AuthInput> }
  | { type: "send"; patch: Partial<SendInput> }
  | { type: "reset" };

/** Whether a step can be opened now: later steps need the intake, most need a chosen server. */
export function canEnter(state: GuidedState, step: GuidedStep): boolean {
  switch (step) {
    case "user":
      return true;
    case "settings":
    case "summary":
      return state.confirmed !== null;
    case "network":
    case "tls":
    case "auth":
    case "send":
      return state.confirmed !== null && state.chosen !== null;
  }
}

/** The step after `step`, or null after the summary. */
export function nextStep(step: GuidedStep): GuidedStep | null {
  return GUIDED_STEPS[GUIDED_STEPS.indexOf(step) + 1] ?? null;
}

export function previousStep(step: GuidedStep): GuidedStep | null {
  return GUIDED_STEPS[GUIDED_STEPS.indexOf(step) - 1] ?? null;
}

/** Steps whose results depend on the intake, or on the chosen server. */
const AFTER_INTAKE: readonly GuidedStep[] = ["settings", "network", "tls", "auth", "send"];
const AFTER_SERVER: readonly GuidedStep[] = ["network", "tls", "auth", "send"];

function markStale(records: GuidedState["records"], steps: readonly GuidedStep[]): GuidedState["records"] {
  const next = { ...records };
  for (const step of steps) if (next[step].runs > 0) next[step] = { ...next[step], stale: true };
  return next;
}

function patchRecord(state: GuidedState, step: GuidedStep, patch: Partial<StepRecord>): GuidedState["records"] {
  return { ...state.records, [step]: { ...state.records[step], ...patch } };
}

/** The same address and network settings: results made for one stay valid for the other. */
export const sameIntake = (a: Intake | null, b: Intake): boolean =>
  a !== null && a.address.trim() === b.address.trim() && a.dnsServer.trim() === b.dnsServer.trim() && a.extraCaPem.trim() === b.extraCaPem.trim();

const sameServer = (a: ChosenServer | null, b: ChosenServer): boolean => a !== null && a.host === b.host && a.port === b.port && a.tls === b.tls;

export function guidedReducer(state: GuidedState, action: GuidedAction): GuidedState {
  switch (action.type) {
    case "go":
      return canEnter(state, action.step) ? { ...state, step: action.step } : state;
    case "intake":
      return { ...state, intake: { ...state.intake, ...action.patch } };
    case "confirm": {
      const address = state.intake.address.trim();
      // A new address or network setting makes every later result about something else.
      const changed = !sameIntake(state.confirmed, state.intake);
      return {
        ...state,
        confirmed: state.intake,
        step: "settings",
        records: changed ? markStale(state.records, AFTER_INTAKE) : state.records,
        chosen: changed ? null : state.chosen,
        auth: changed || state.auth.user === "" ? { ...state.auth, user: address } : state.auth,
        send: changed || state.send.from === "" ? { ...state.send, from: address } : state.send,
      };
    }
    case "run": {
      const base: GuidedState = { ...state, records: patchRecord(state, action.step, { status: "running", stale: false, error: null, runs: state.records[action.step].runs + 1 }) };
      if (action.step === "settings") return { ...base, sources: [], discovery: null };
      if (action.step === "network") return { ...base, matrix: gridReducer(state.matrix, { type: "start" }) };
      if (action.step === "tls" || action.step === "auth" || action.step === "send") return { ...base, checks: { ...state.checks, [action.step]: null } };
      return base;
    }
    case "failed":
      if (state.records[action.step].status !== "running") return state;
      return {
        ...state,
        records: patchRecord(state, action.step, { status: "failed", error: { field: action.field, message: action.message } }),
        matrix: action.step === "network" ? gridReducer(state.matrix, { type: "failed", field: action.field, message: action.message }) : state.matrix,
      };
    case "cancelled":
      if (state.records[action.step].status !== "running") return state;
      return {
        ...state,
        records: patchRecord(state, action.step, { status: "cancelled" }),
        matrix: action.step === "network" ? gridReducer(state.matrix, { type: "cancelled" }) : state.matrix,
      };
    case "source":
      return state.records.settings.status === "running" ? { ...state, sources: [...state.sources.filter((s) => s.source !== action.report.source), action.report] } : state;
    case "discovered": {
      if (state.records.settings.status !== "running") return state;
      const records = patchRecord(state, "settings", { status: action.result.cancelled ? "cancelled" : "done" });
      const best = action.result.candidates.find((c) => c.verified) ?? null;
      // The best proved setting is preselected; the helpdesk can pick another or type one.
      const keep = state.chosen !== null && state.chosen.source === "manual";
      const chosen: ChosenServer | null = keep
        ? state.chosen
        : best
          ? { host: best.host, port: best.port, tls: best.tls, source: best.source, verified: true, trusted: best.credentialsWithoutConfirmation }
          : null;
      const moved = chosen !== null && !sameServer(state.chosen, chosen);
      return { ...state, discovery: action.result, sources: action.result.sources, chosen, records: moved ? markStale(records, AFTER_SERVER) : records };
    }
    case "choose":
      if (sameServer(state.chosen, action.server)) return { ...state, chosen: action.server };
      return { ...state, chosen: action.server, records: markStale(state.records, AFTER_SERVER) };
    case "matrix-row":
      return state.records.network.status === "running" ? { ...state, matrix: gridReducer(state.matrix, { type: "row", row: action.row }) } : state;
    case "matrix-done":
      if (state.records.network.status !== "running") return state;
      return {
        ...state,
        matrix: gridReducer(state.matrix, { type: "done", result: action.result }),
        records: patchRecord(state, "network", { status: action.result.cancelled ? "cancelled" : "done" }),
      };
    case "check-done":
      if (state.records[action.step].status !== "running") return state;
      return {
        ...state,
        checks: { ...state.checks, [action.step]: action.result },
        records: patchRecord(state, action.step, { status: action.result.outcome === "cancelled" ? "cancelled" : "done" }),
      };
    case "notes":
      return { ...state, records: patchRecord(state, action.step, { notes: action.text }) };
    case "auth":
      return { ...state, auth: { ...state.auth, ...action.patch } };
    case "send":
      return { ...state, send: { ...state.send, ...action.patch } };
    case "reset":
      return INITIAL_GUIDED;
  }
}
