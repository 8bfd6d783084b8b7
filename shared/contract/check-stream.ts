import { z } from "zod";
import type { EhloBridge } from "./bridge";
import { CheckResultSchema, type CheckResult } from "./check-result";
import type { CheckEvent } from "./events";

/**
 * How a finished check travels to a renderer (the host's `check.done`, Electron's check-done
 * channel): the result without its events, which already reached the same peer one by one, in
 * order, as `check.events`. Sending the transcript a second time made the page receive, parse and
 * validate all of it again in one task at the very end of the check (45 ms for 10,000 lines,
 * the longest task of a whole flood). `eventCount` says how many events the result has; the
 * receiving bridge puts back the events it collected and checks that none is missing.
 */
export const FinishedCheckSchema = CheckResultSchema.omit({ events: true }).extend({
  eventCount: z.number().int().min(0),
});
export type FinishedCheck = z.infer<typeof FinishedCheckSchema>;

export function withoutEvents(result: CheckResult): FinishedCheck {
  const { events, ...rest } = result;
  return { ...rest, eventCount: events.length };
}

/** The `field` of a check whose transcript arrived with lines missing (not a form field). */
export const INCOMPLETE_FIELD = "transcript";

type Subscriptions = Pick<EhloBridge, "onCheckEvent" | "onCheckDone" | "onCheckError">;

/**
 * The receiving end of a check stream, shared by both bridges (the host's WebSocket and the
 * Electron preload): it fans each message out to the page's listeners and keeps each running
 * check's events, by check id, to give the finished check its events back. The streams it reads
 * are ordered and reliable (one WebSocket, one IPC pipe), so a gap means a message was dropped
 * on the way (e.g. one that failed validation): the check is then reported as incomplete rather
 * than shown with lines silently missing.
 */
export interface CheckStreamReceiver extends Subscriptions {
  event(id: string, event: CheckEvent): void;
  done(id: string, finished: FinishedCheck, historyId: string | null): void;
  error(id: string, field: string, message: string): void;
  /** Forget every check: the connection that carried them is gone, none of them will finish. */
  clear(): void;
}

export function createCheckStreamReceiver(): CheckStreamReceiver {
  const transcripts = new Map<string, CheckEvent[]>();
  const listeners = {
    event: new Set<(id: string, event: CheckEvent) => void>(),
    done: new Set<(id: string, result: CheckResult, historyId: string | null) => void>(),
    error: new Set<(id: string, field: string, message: string) => void>(),
  };
  const subscribe = <T>(set: Set<T>, listener: T): (() => void) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  const error = (id: string, field: string, message: string): void => {
    transcripts.delete(id);
    for (const listener of listeners.error) listener(id, field, message);
  };
  return {
    event(id, event) {
      const events = transcripts.get(id);
      if (events) events.push(event);
      else transcripts.set(id, [event]);
      for (const listener of listeners.event) listener(id, event);
    },
    done(id, finished, historyId) {
      const events = transcripts.get(id) ?? [];
      transcripts.delete(id);
      // The engine numbers events 0, 1, 2 … in the order it emits them (main/engine/recorder.ts).
      const complete = events.length === finished.eventCount && events.every((event, i) => event.seq === i);
      if (!complete) {
        const message = `The transcript of this check arrived incomplete (${events.length} of ${finished.eventCount} lines reached this window). Run the check again, or open it from the history.`;
        error(id, INCOMPLETE_FIELD, message);
        return;
      }
      const { eventCount: _count, ...rest } = finished;
      const result: CheckResult = { ...rest, events };
      for (const listener of listeners.done) listener(id, result, historyId);
    },
    error,
    clear() {
      transcripts.clear();
    },
    onCheckEvent: (listener) => subscribe(listeners.event, listener),
    onCheckDone: (listener) => subscribe(listeners.done, listener),
    onCheckError: (listener) => subscribe(listeners.error, listener),
  };
}
