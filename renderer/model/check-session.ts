import type { CheckRequestInput } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent, EventOf, Phase } from "../../shared/contract/events";
import type { HistoryHeader } from "../../shared/contract/history";
import { appendEvents, EMPTY_TIMELINE, type TimelineState } from "./timeline";

/**
 * One check as the UI follows it (a reducer, pure). Messages for other check ids are ignored, so a
 * late event of a cancelled check cannot leak into the next one.
 */
export type SessionStatus = "idle" | "running" | "done" | "refused" | "lost";

/**
 * Where the run on screen comes from: checked here just now, reopened from the history (a run
 * of this app or an imported report), or a report file the desktop app was asked to open.
 */
export type RunOrigin = { kind: "live" } | { kind: "history"; header: HistoryHeader } | { kind: "file"; fileName: string };

/** A finished run to show as it was recorded (from the history or a report file). */
export interface RecordedRun {
  result: CheckResult;
  /** The request that ran it, or one inferred from the result. */
  request: CheckRequestInput;
  exactRequest: boolean;
  origin: RunOrigin;
  historyId: string | null;
}

export interface CheckSessionState {
  id: string | null;
  status: SessionStatus;
  request: CheckRequestInput | null;
  events: readonly CheckEvent[];
  timeline: TimelineState;
  findings: readonly EventOf<"finding">[];
  result: CheckResult | null;
  /** The request was refused before connecting (`check.error`). */
  refusal: { field: string; message: string } | null;
  cancelling: boolean;
  /** The latest early verdict of a running check ("25 looks filtered, 587 works"). */
  provisional: EventOf<"provisional"> | null;
  /** The phase a running check is in, and how long it has waited there (from `waiting`). */
  current: { phase: Phase; waitingMs: number | null } | null;
  origin: RunOrigin | null;
  /** The run's id in the history (null: not saved, e.g. a report opened from a file). */
  historyId: string | null;
  /** True when `request` is the exact request of the run (so "run again" may start it as is). */
  exactRequest: boolean;
}

export const IDLE_SESSION: CheckSessionState = {
  id: null,
  status: "idle",
  request: null,
  events: [],
  timeline: EMPTY_TIMELINE,
  findings: [],
  result: null,
  refusal: null,
  cancelling: false,
  provisional: null,
  current: null,
  origin: null,
  historyId: null,
  exactRequest: false,
};

export type SessionAction =
  | { type: "start"; id: string; request: CheckRequestInput }
  | { type: "events"; id: string; events: readonly CheckEvent[] }
  | { type: "done"; id: string; result: CheckResult; historyId?: string | null }
  /** Shows a finished run as it was recorded; `id` is new, so nothing live can leak into it. */
  | ({ type: "load"; id: string } & RecordedRun)
  | { type: "refused"; id: string; field: string; message: string }
  | { type: "cancel" }
  | { type: "connection-lost" }
  | { type: "clear" };

function findingEvents(events: readonly CheckEvent[]): EventOf<"finding">[] {
  return events.filter((event): event is EventOf<"finding"> => event.kind === "finding");
}

function currentAfter(current: CheckSessionState["current"], events: readonly CheckEvent[]): CheckSessionState["current"] {
  let next = current;
  for (const event of events) {
    if (event.kind === "phase" && event.state === "start") next = { phase: event.phase, waitingMs: null };
    else if (event.kind === "waiting") next = { phase: event.phase, waitingMs: event.elapsedMs };
    else if (event.kind === "recv" || event.kind === "send") next = next ? { ...next, waitingMs: null } : next;
  }
  return next;
}

export function checkSessionReducer(state: CheckSessionState, action: SessionAction): CheckSessionState {
  switch (action.type) {
    case "start":
      return { ...IDLE_SESSION, id: action.id, status: "running", request: action.request, origin: { kind: "live" }, exactRequest: true };
    case "events": {
      if (action.id !== state.id || state.status !== "running" || action.events.length === 0) return state;
      const findings = action.events.filter((event): event is EventOf<"finding"> => event.kind === "finding");
      return {
        ...state,
        events: [...state.events, ...action.events],
        timeline: appendEvents(state.timeline, action.events),
        findings: findings.length > 0 ? [...state.findings, ...findings] : state.findings,
        current: currentAfter(state.current, action.events),
        provisional: action.events.reduce<CheckSessionState["provisional"]>(
          (latest, event) => (event.kind === "provisional" ? event : latest),
          state.provisional,
        ),
      };
    }
    case "done": {
      if (action.id !== state.id) return state;
      // The result is the complete record: if events were missed (a reconnect), it fills the gap.
      const missed = action.result.events.length > state.events.length;
      const events = missed ? action.result.events : state.events;
      return {
        ...state,
        status: "done",
        events,
        timeline: missed ? appendEvents(EMPTY_TIMELINE, events) : state.timeline,
        findings: missed ? findingEvents(events) : state.findings,
        result: action.result,
        cancelling: false,
        provisional: null,
        current: null,
        historyId: action.historyId ?? null,
      };
    }
    case "load":
      // The same rows, findings, certificate and waterfall as when it ran: all are built from
      // the recorded events, exactly as for a live run whose events were missed.
      return {
        ...IDLE_SESSION,
        id: action.id,
        status: "done",
        request: action.request,
        events: action.result.events,
        timeline: appendEvents(EMPTY_TIMELINE, action.result.events),
        findings: findingEvents(action.result.events),
        result: action.result,
        origin: action.origin,
        historyId: action.historyId,
        exactRequest: action.exactRequest,
      };
    case "refused":
      if (action.id !== state.id) return state;
      return { ...state, status: "refused", refusal: { field: action.field, message: action.message }, current: null };
    case "cancel":
      return state.status === "running" ? { ...state, cancelling: true } : state;
    case "connection-lost":
      return state.status === "running" ? { ...state, status: "lost", cancelling: false, current: null } : state;
    case "clear":
      return IDLE_SESSION;
  }
}

/** The target as the findings' placeholders need it: from the result, else the request. */
export function sessionTarget(state: CheckSessionState): { host: string; port: number; address: string | null } | null {
  if (state.result) return { host: state.result.target.host, port: state.result.target.port, address: state.result.target.address };
  const start = state.events.find((event): event is EventOf<"session.start"> => event.kind === "session.start");
  const connected = state.events.find((event): event is EventOf<"tcp.connected"> => event.kind === "tcp.connected");
  if (!start) return null;
  return { host: start.host, port: start.port, address: connected?.remoteAddress ?? null };
}

/** The negotiated TLS details, live (from the event) or from the result. */
export function sessionTls(state: CheckSessionState): EventOf<"tls.established">["details"] | null {
  if (state.result?.tls) return state.result.tls;
  for (let i = state.events.length - 1; i >= 0; i--) {
    const event = state.events[i];
    if (event?.kind === "tls.established") return event.details;
  }
  return null;
}
