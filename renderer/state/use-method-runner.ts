import { useCallback, useEffect, useMemo, useRef } from "react";
import { MethodCallError, type EhloBridge } from "../../shared/contract/bridge";
import type { MethodName, MethodParams, MethodProgress, MethodResult } from "../../shared/contract/methods";

/** How a call ended: its result, or why not (cancelled by the user, refused, or failed). */
export type CallOutcome<M extends MethodName> =
  | { ok: true; result: MethodResult<M> }
  | { ok: false; cancelled: boolean; field: string; message: string };

export interface MethodRunner {
  /** Runs one call at a time: starting another cancels the one before. */
  run<M extends MethodName>(method: M, params: MethodParams<M>, onProgress?: (progress: MethodProgress<M>) => void): Promise<CallOutcome<M>>;
  cancel(): void;
}

/**
 * A method call the way a view runs one: cancellable (the signal reaches the host, which stops
 * every socket of the call), one at a time, and cancelled when the view's owner goes away.
 */
export function useMethodRunner(bridge: EhloBridge): MethodRunner {
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);
  const cancel = useCallback(() => current.current?.abort(), []);
  const run = useCallback(
    async <M extends MethodName>(method: M, params: MethodParams<M>, onProgress?: (progress: MethodProgress<M>) => void): Promise<CallOutcome<M>> => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      try {
        const result = await bridge.callMethod(method, params, { signal: controller.signal, ...(onProgress ? { onProgress } : {}) });
        return { ok: true, result };
      } catch (error) {
        const field = error instanceof MethodCallError ? error.field : "";
        return { ok: false, cancelled: controller.signal.aborted, field, message: error instanceof Error ? error.message : String(error) };
      } finally {
        if (current.current === controller) current.current = null;
      }
    },
    [bridge],
  );
  return useMemo(() => ({ run, cancel }), [run, cancel]);
}
