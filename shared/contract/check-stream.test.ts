import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCheckStreamReceiver, INCOMPLETE_FIELD, withoutEvents } from "./check-stream";
import type { CheckResult } from "./check-result";
import { checkResult } from "./test-fixtures";
import type { CheckEvent } from "./events";

const note = (seq: number): CheckEvent => ({ kind: "note", level: "info", code: "n", text: `line ${seq}`, seq, t: seq });

const result = (events: CheckEvent[]): CheckResult => ({ ...checkResult("ok"), events });

function receiverLog() {
  const receiver = createCheckStreamReceiver();
  const log: unknown[][] = [];
  receiver.onCheckDone((id, r, historyId) => log.push(["done", id, r, historyId]));
  receiver.onCheckError((id, field, message) => log.push(["error", id, field, message]));
  return { receiver, log };
}

describe("check stream: check.done without the events already streamed", () => {
  it("withoutEvents keeps everything but the events, and counts them", () => {
    const full = result([note(0), note(1)]);
    const { eventCount, ...rest } = withoutEvents(full);
    expect(eventCount).toBe(2);
    expect({ ...rest, events: full.events }).toEqual(full);
  });

  it("puts back each check's own events: results equal what was sent, checks interleaved", () => {
    const { receiver, log } = receiverLog();
    const a = result([note(0), note(1), note(2)]);
    const b = result([note(0)]);
    receiver.event("a", note(0));
    receiver.event("b", note(0));
    receiver.event("a", note(1));
    receiver.done("b", withoutEvents(b), null);
    receiver.event("a", note(2));
    receiver.done("a", withoutEvents(a), "h-a");
    expect(log).toEqual([
      ["done", "b", b, null],
      ["done", "a", a, "h-a"],
    ]);
  });

  it("any lost or reordered event makes the check incomplete, with the counts in the message", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.boolean(), (n, pick, reorder) => {
        const { receiver, log } = receiverLog();
        const events = Array.from({ length: n }, (_, i) => note(i));
        const gone = pick % n;
        const other = (gone + 1) % n;
        const swapped = events.map((event, i) => (i === gone ? events[other] : i === other ? events[gone] : event) as CheckEvent);
        const arrived = reorder && n > 1 ? swapped : events.filter((_, i) => i !== gone);
        for (const event of arrived) receiver.event("c", event);
        receiver.done("c", withoutEvents(result(events)), null);
        expect(log).toHaveLength(1);
        expect(log[0]?.slice(0, 3)).toEqual(["error", "c", INCOMPLETE_FIELD]);
        expect(log[0]?.[3]).toContain(`(${arrived.length} of ${n} lines`);
      }),
      { numRuns: 300 },
    );
  });

  it("an error or a lost connection forgets what was collected; the next run with that id starts empty", () => {
    const { receiver, log } = receiverLog();
    receiver.event("c", note(0));
    receiver.error("c", "helo", "bad");
    receiver.event("d", note(0));
    receiver.clear();
    receiver.event("c", note(0));
    receiver.done("c", withoutEvents(result([note(0)])), null);
    receiver.done("d", withoutEvents(result([note(0)])), null);
    expect(log.map((entry) => entry.slice(0, 3))).toEqual([
      ["error", "c", "helo"],
      ["done", "c", result([note(0)])],
      ["error", "d", INCOMPLETE_FIELD],
    ]);
  });

  it("unsubscribing stops delivery", () => {
    const receiver = createCheckStreamReceiver();
    const seen: string[] = [];
    const off = receiver.onCheckEvent((id) => seen.push(id));
    receiver.event("c", note(0));
    off();
    receiver.event("c", note(1));
    expect(seen).toEqual(["c"]);
  });
});
