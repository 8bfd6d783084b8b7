import type { CheckEvent, Phase } from "../contract/events";
import type { PhaseSpan } from "./report-schema";

/**
 * Phase spans from the `phase` start/end events (pure). A phase can run more than once (EHLO
 * before and after STARTTLS, RFC 3207 4.2), so each start/end pair is its own span; a phase
 * that never ended is closed at the last event's time and marked incomplete.
 */
export function phaseSpans(events: readonly CheckEvent[]): { spans: PhaseSpan[]; totalMs: number } {
  const spans: PhaseSpan[] = [];
  const open = new Map<Phase, number[]>();
  let last = 0;
  for (const event of events) {
    last = Math.max(last, event.t);
    if (event.kind !== "phase") continue;
    if (event.state === "start") {
      open.set(event.phase, [...(open.get(event.phase) ?? []), spans.length]);
      spans.push({ phase: event.phase, start: event.t, end: event.t, durationMs: 0, complete: false });
      continue;
    }
    const stack = open.get(event.phase) ?? [];
    const index = stack.pop();
    const span = index === undefined ? undefined : spans[index];
    if (span) {
      span.end = event.t;
      span.durationMs = round(event.t - span.start);
      span.complete = true;
    }
  }
  for (const span of spans) {
    if (span.complete) continue;
    span.end = last;
    span.durationMs = round(last - span.start);
  }
  return { spans, totalMs: round(last) };
}

/** Total milliseconds per phase (all its spans), for comparing two runs. */
export function phaseTotals(events: readonly CheckEvent[]): Partial<Record<Phase, number>> {
  const totals: Partial<Record<Phase, number>> = {};
  for (const span of phaseSpans(events).spans) totals[span.phase] = round((totals[span.phase] ?? 0) + span.durationMs);
  return totals;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
