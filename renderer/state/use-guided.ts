import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from "react";
import type { EhloBridge } from "../../shared/contract/bridge";
import { checkStepRequest, discoverParams, networkMatrixParams, type FieldErrors } from "../model/guided-requests";
import { CHECK_STEPS, guidedReducer, INITIAL_GUIDED, sameIntake, type CheckStep, type GuidedAction, type GuidedState, type Intake } from "../model/guided-steps";
import type { ConnectionMonitor } from "../transport/connection";
import { useCheckSession, type CheckSession } from "./use-check-session";
import { useMethodRunner } from "./use-method-runner";

/**
 * The walkthrough's live side: the reducer, the runs behind steps 2 to 6 and the password of
 * step 5. It lives as long as the app (not the view), so switching to the matrix or the code
 * reference and back keeps the walkthrough. The password is kept in memory only, never in the
 * reducer's state, never stored; "New walkthrough" forgets it.
 */
export interface Guided {
  state: GuidedState;
  dispatch: Dispatch<GuidedAction>;
  password: string;
  setPassword(value: string): void;
  sessions: Record<CheckStep, CheckSession>;
  /** Step 1 done (validated by the caller): discovery runs when it has not for this intake. */
  confirm(): void;
  runSettings(): void;
  runNetwork(): void;
  /** Starts a step's check, or returns the field errors that stop it. */
  runCheck(step: CheckStep): FieldErrors | null;
  cancel(step: "settings" | "network" | CheckStep): void;
  reset(): void;
}

export function useGuided(bridge: EhloBridge, connection: ConnectionMonitor): Guided {
  const [state, dispatch] = useReducer(guidedReducer, INITIAL_GUIDED);
  const [password, setPassword] = useState("");
  const discovery = useMethodRunner(bridge);
  const matrix = useMethodRunner(bridge);
  const tls = useCheckSession(bridge, connection);
  const auth = useCheckSession(bridge, connection);
  const send = useCheckSession(bridge, connection);
  const sessions = useMemo(() => ({ tls, auth, send }), [tls, auth, send]);
  const stateRef = useRef(state);
  stateRef.current = state;

  // A finished, refused or cut-off check becomes the step's result, once per check id.
  const handled = useRef<Record<CheckStep, string | null>>({ tls: null, auth: null, send: null });
  useEffect(() => {
    for (const step of CHECK_STEPS) {
      const session = sessions[step].state;
      if (session.id === null || handled.current[step] === session.id) continue;
      if (session.status === "done" && session.result) dispatch({ type: "check-done", step, result: session.result });
      else if (session.status === "refused" && session.refusal) dispatch({ type: "failed", step, field: session.refusal.field, message: session.refusal.message });
      else if (session.status === "lost") dispatch({ type: "failed", step, field: "", message: "The connection to the Ehlo host was lost during the check." });
      else continue;
      handled.current[step] = session.id;
    }
  }, [sessions]);

  const runSettings = useCallback((given?: Intake) => {
    const intake = given ?? stateRef.current.confirmed;
    if (!intake) return;
    dispatch({ type: "run", step: "settings" });
    void discovery.run("discover.run", discoverParams(intake), (report) => dispatch({ type: "source", report })).then((outcome) => {
      if (outcome.ok) dispatch({ type: "discovered", result: outcome.result });
      else if (outcome.cancelled) dispatch({ type: "cancelled", step: "settings" });
      else dispatch({ type: "failed", step: "settings", field: outcome.field, message: outcome.message });
    });
  }, [discovery]);

  const confirm = useCallback(() => {
    const current = stateRef.current;
    const fresh = !sameIntake(current.confirmed, current.intake) || current.records.settings.runs === 0;
    dispatch({ type: "confirm" });
    if (fresh) runSettings(current.intake);
  }, [runSettings]);

  const runNetwork = useCallback(() => {
    const { confirmed, chosen } = stateRef.current;
    if (!confirmed || !chosen) return;
    dispatch({ type: "run", step: "network" });
    void matrix.run("matrix.run", networkMatrixParams(confirmed, chosen), (row) => dispatch({ type: "matrix-row", row })).then((outcome) => {
      if (outcome.ok) dispatch({ type: "matrix-done", result: outcome.result });
      else if (outcome.cancelled) dispatch({ type: "cancelled", step: "network" });
      else dispatch({ type: "failed", step: "network", field: outcome.field, message: outcome.message });
    });
  }, [matrix]);

  const runCheck = useCallback(
    (step: CheckStep): FieldErrors | null => {
      const built = checkStepRequest(stateRef.current, step, { password });
      if ("errors" in built) return built.errors;
      dispatch({ type: "run", step });
      sessions[step].start(built.built.request, built.built.secrets);
      return null;
    },
    [password, sessions],
  );

  const cancel = useCallback(
    (step: "settings" | "network" | CheckStep) => {
      if (step === "settings") discovery.cancel();
      else if (step === "network") matrix.cancel();
      else sessions[step].cancel();
    },
    [discovery, matrix, sessions],
  );

  const reset = useCallback(() => {
    discovery.cancel();
    matrix.cancel();
    for (const step of CHECK_STEPS) {
      sessions[step].cancel();
      sessions[step].clear();
    }
    handled.current = { tls: null, auth: null, send: null };
    setPassword("");
    dispatch({ type: "reset" });
  }, [discovery, matrix, sessions]);

  return { state, dispatch, password, setPassword, sessions, confirm, runSettings: () => runSettings(), runNetwork, runCheck, cancel, reset };
}
