import type { CheckEvent } from "../../shared/contract/events";

/**
 * Groups a check's events into one message per turn of the event loop. The engine emits events
 * in bursts (every line of one TCP read, a reply and its explanation); sending each as its own
 * WebSocket or IPC message cost the page about 0.4 ms per message to receive, parse and validate,
 * which was 40% of its main thread at 1,000 lines a second. Events leave as soon as the burst
 * that made them is over (setImmediate), so nothing waits for a timer, and in order.
 */
export interface EventBatcher {
  push(event: CheckEvent): void;
  /** Sends what is pending now (before check.done, which must come after every event). */
  drain(): void;
  /** Drops what is pending (the peer is gone). */
  discard(): void;
}

/** A burst larger than this is sent in several messages, so no single frame grows without bound. */
export const MAX_EVENTS_PER_MESSAGE = 500;

export function createEventBatcher(send: (events: CheckEvent[]) => void): EventBatcher {
  let pending: CheckEvent[] = [];
  let scheduled: ReturnType<typeof setImmediate> | null = null;
  const drain = (): void => {
    if (scheduled !== null) clearImmediate(scheduled);
    scheduled = null;
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    send(events);
  };
  return {
    push(event) {
      pending.push(event);
      if (pending.length >= MAX_EVENTS_PER_MESSAGE) drain();
      else scheduled ??= setImmediate(drain);
    },
    drain,
    discard() {
      if (scheduled !== null) clearImmediate(scheduled);
      scheduled = null;
      pending = [];
    },
  };
}
