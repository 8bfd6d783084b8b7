import { describe, expect, it } from "vitest";
import type { CheckEvent } from "../../shared/contract/events";
import { createEventBatcher, MAX_EVENTS_PER_MESSAGE } from "./event-batcher";

const note = (seq: number): CheckEvent => ({ kind: "note", level: "info", code: "n", text: `line ${seq}`, seq, t: seq });
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("event batcher", () => {
  it("sends one message per burst, right after it, in order", async () => {
    const sent: number[][] = [];
    const batch = createEventBatcher((events) => sent.push(events.map((e) => e.seq)));
    batch.push(note(0));
    batch.push(note(1));
    expect(sent).toEqual([]);
    await turn();
    batch.push(note(2));
    await turn();
    expect(sent).toEqual([[0, 1], [2]]);
  });

  it("drain sends what is pending at once (before check.done), and nothing twice", async () => {
    const sent: number[][] = [];
    const batch = createEventBatcher((events) => sent.push(events.map((e) => e.seq)));
    batch.push(note(0));
    batch.drain();
    expect(sent).toEqual([[0]]);
    await turn();
    batch.drain();
    expect(sent).toEqual([[0]]);
  });

  it("a huge burst is split so no message grows without bound; discard drops the rest", async () => {
    const sent: number[][] = [];
    const batch = createEventBatcher((events) => sent.push(events.map((e) => e.seq)));
    const n = MAX_EVENTS_PER_MESSAGE * 2 + 3;
    for (let i = 0; i < n; i++) batch.push(note(i));
    batch.discard();
    await turn();
    expect(sent.map((s) => s.length)).toEqual([MAX_EVENTS_PER_MESSAGE, MAX_EVENTS_PER_MESSAGE]);
    expect(sent.flat()).toEqual(Array.from({ length: MAX_EVENTS_PER_MESSAGE * 2 }, (_, i) => i));
  });
});
