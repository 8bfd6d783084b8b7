import type { Phase } from "../../shared/contract/events";
import type { RunComparisonData } from "../../shared/contract/history";

/**
 * Two runs compared, as rows for the Compare view (pure): replies split into lines, and each
 * phase's timing with its direction and a bar length relative to the slowest phase of both runs.
 */

export type Trend = "slower" | "faster" | "same" | "missing";

export interface TimingRow {
  phase: Phase;
  beforeMs: number | null;
  afterMs: number | null;
  deltaMs: number | null;
  trend: Trend;
  /** 0–1 of the slowest phase, for the bars. */
  beforeShare: number;
  afterShare: number;
}

/** Below this a difference is noise (timer resolution, scheduling), not a change worth reading. */
export const SAME_WITHIN_MS = 0.5;

export function timingRows(timing: RunComparisonData["timing"]): TimingRow[] {
  const longest = Math.max(1, ...timing.flatMap((t) => [t.beforeMs ?? 0, t.afterMs ?? 0]));
  return timing.map((t) => {
    const trend: Trend = t.deltaMs === null ? "missing" : Math.abs(t.deltaMs) < SAME_WITHIN_MS ? "same" : t.deltaMs > 0 ? "slower" : "faster";
    return { ...t, trend, beforeShare: (t.beforeMs ?? 0) / longest, afterShare: (t.afterMs ?? 0) / longest };
  });
}

export interface ReplyRowView {
  key: string;
  command: string;
  occurrence: number;
  before: string[] | null;
  after: string[] | null;
  codeChanged: boolean;
}

export function replyRows(replies: RunComparisonData["replies"]): ReplyRowView[] {
  return replies.map((reply) => ({
    key: `${reply.command}#${reply.occurrence}`,
    command: reply.command,
    occurrence: reply.occurrence,
    before: reply.before === null ? null : reply.before.split("\n"),
    after: reply.after === null ? null : reply.after.split("\n"),
    codeChanged: reply.codeChanged,
  }));
}

/** Nothing at all differs but the clock: worth saying in one line instead of three empty sections. */
export function unchanged(comparison: RunComparisonData): boolean {
  return (
    comparison.outcome.before === comparison.outcome.after &&
    comparison.findings.added.length === 0 &&
    comparison.findings.gone.length === 0 &&
    comparison.replies.length === 0
  );
}
