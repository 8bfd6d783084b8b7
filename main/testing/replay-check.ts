import type { ServerMessage } from "../../shared/contract/api";
import { createCheckStreamReceiver } from "../../shared/contract/check-stream";
import type { CheckResult } from "../../shared/contract/check-result";

export type Replayed = { ok: true; result: CheckResult; historyId: string | null } | { ok: false; field: string; message: string } | { ok: null };

/**
 * What a page makes of one check's messages: they are replayed, in order, through the same
 * receiver both bridges use, so tests see the finished result exactly as the renderer does
 * (check.done carries no events: the receiver puts back the streamed ones).
 */
export function replayCheck(messages: readonly ServerMessage[], id: string): Replayed {
  const receiver = createCheckStreamReceiver();
  let outcome: Replayed = { ok: null };
  receiver.onCheckDone((_id, result, historyId) => (outcome = { ok: true, result, historyId }));
  receiver.onCheckError((_id, field, message) => (outcome = { ok: false, field, message }));
  for (const m of messages) {
    if (m.type === "check.events" && m.id === id) for (const event of m.events) receiver.event(id, event);
    else if (m.type === "check.done" && m.id === id) receiver.done(id, m.result, m.historyId ?? null);
    else if (m.type === "check.error" && m.id === id) receiver.error(id, m.field, m.message);
  }
  return outcome;
}

/** The finished result of check `id`; fails the test when it did not finish completely. */
export function finishedResult(messages: readonly ServerMessage[], id: string): { result: CheckResult; historyId: string | null } {
  const replayed = replayCheck(messages, id);
  if (replayed.ok !== true) throw new Error(`check ${id} did not finish: ${JSON.stringify(replayed)}`);
  return { result: replayed.result, historyId: replayed.historyId };
}
