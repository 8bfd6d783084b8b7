import type { Phase } from "../../shared/contract/events";
import { ChannelError } from "./channel-error";
import type { Recorder } from "./recorder";

export interface WaitSpec<T> {
  rec: Recorder;
  phase: Phase;
  timeoutMs: number;
  /** Interval of "waiting" progress events; 0 disables them. */
  progressMs: number;
  signal?: AbortSignal | undefined;
  /** Checks the condition; throws to fail the wait. */
  poll: () => { done: true; value: T } | { done: false };
  /** Registers a wake-up callback; returns the unsubscribe. */
  subscribe: (wake: () => void) => () => void;
  onTimeout: () => Error;
}

/**
 * The one way the engine waits for the network: a condition checked on every wake-up, a hard
 * timeout, cancellation through an AbortSignal, and a "still waiting" event every `progressMs`
 * so faces can show a live counter. Every timer is cleared however the wait ends.
 */
export function waitWithProgress<T>(spec: WaitSpec<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const started = spec.rec.now();
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      unsubscribe();
      spec.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const check = () => {
      try {
        const r = spec.poll();
        if (r.done) finish(() => resolve(r.value));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    const onAbort = () => finish(() => reject(new ChannelError("aborted", "cancelled")));
    const unsubscribe = spec.subscribe(check);
    if (spec.signal?.aborted) return onAbort();
    spec.signal?.addEventListener("abort", onAbort, { once: true });
    timers.push(setTimeout(() => finish(() => reject(spec.onTimeout())), spec.timeoutMs));
    if (spec.progressMs > 0) {
      const tick = setInterval(() => {
        if (!settled) spec.rec.emit({ kind: "waiting", phase: spec.phase, elapsedMs: Math.round(spec.rec.now() - started) });
      }, spec.progressMs);
      timers.push(tick);
    }
    check();
  });
}
