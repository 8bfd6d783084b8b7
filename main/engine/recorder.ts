import { performance } from "node:perf_hooks";
import type { CheckEvent, EventDraft } from "../../shared/contract/events";

/**
 * Stamps every event with `seq` and monotonic `t` (ms since the session began, from
 * performance.now(), so wall-clock jumps never reorder a transcript) and hands it to the face
 * at once: events are emitted as they happen, not at the end.
 */
export class Recorder {
  readonly events: CheckEvent[] = [];
  private readonly origin = performance.now();

  constructor(private readonly onEvent: (event: CheckEvent) => void = () => {}) {}

  now(): number {
    return Math.round((performance.now() - this.origin) * 10) / 10;
  }

  emit<D extends EventDraft>(draft: D): D & { seq: number; t: number } {
    const event = { ...draft, seq: this.events.length, t: this.now() } as D & { seq: number; t: number };
    this.events.push(event as unknown as CheckEvent);
    try {
      this.onEvent(event as unknown as CheckEvent);
    } catch {
      // A face's listener must never break the session it observes.
    }
    return event;
  }

  get lastSeq(): number {
    return this.events.length - 1;
  }
}
