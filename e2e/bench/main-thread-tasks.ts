/**
 * Every task the page's main thread ran, read from a Chromium trace, for `npm run bench:ui`.
 * The page's own PerformanceObserver('longtask') reports only tasks of 50 ms or more, so once
 * the target is met it can only say "none": the trace gives the real longest task, however
 * short. Only the `toplevel` category is recorded (one event per task), which costs the page
 * next to nothing, and a user-timing mark lines the trace clock up with the page's clock.
 */
import type { Browser, Page } from "playwright-core";

/** performance.mark name the probe sets when measuring starts (see page-probe.ts). */
export const START_MARK = "ehlo-bench-start";

export const TRACE_CATEGORIES = ["toplevel", "blink.user_timing", "__metadata"];

export async function startTaskTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
}

export interface MainThreadTask {
  /** Start on the page's clock (performance.now() ms). */
  at: number;
  ms: number;
}

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * Tasks of the page's main thread from the start mark on. `startedAt` is the page's
 * performance.now() when the mark was set. Nested task events (a task the scheduler runs inside
 * another) are folded into the outer one.
 */
export function mainThreadTasks(trace: Buffer, startedAt: number): MainThreadTask[] {
  const parsed = JSON.parse(trace.toString("utf8")) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mark = events.find((e) => e.name === START_MARK && typeof e.ts === "number");
  if (!mark || mark.ts === undefined) throw new Error(`the trace has no "${START_MARK}" mark`);
  // The thread that set the mark is the page's main thread (CrRendererMain).
  const thread = (e: TraceEvent) => e.pid === mark.pid && e.tid === mark.tid;
  const tasks = events
    .filter((e) => thread(e) && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && e.ts !== undefined && e.ts >= mark.ts! && e.dur !== undefined)
    .sort((a, b) => a.ts! - b.ts!);
  const outer: TraceEvent[] = [];
  for (const task of tasks) {
    const last = outer.at(-1);
    if (last && task.ts! < last.ts! + last.dur!) continue;
    outer.push(task);
  }
  return outer.map((task) => ({ at: startedAt + (task.ts! - mark.ts!) / 1000, ms: task.dur! / 1000 }));
}
