/**
 * Instrumentation injected into the page before the app loads (`page.addInitScript`), for
 * `npm run bench:ui`. It watches, on the page's own clock: WebSocket messages as they reach the
 * page (the app's socket is created later, so wrapping the constructor sees all of its traffic),
 * long tasks (PerformanceObserver 'longtask': how many tasks of 50 ms or more; their exact lengths,
 * and those of shorter tasks, come from the bench's trace, main-thread-tasks.ts), gaps between animation
 * frames (what a user sees as jank, whatever its cause), the number of DOM nodes inside the
 * timeline, and the first frame painted after the outcome appears. Bench-only code: the app
 * itself is unchanged.
 */
export interface ProbeReport {
  /** performance.now() when measuring started. */
  startedAt: number;
  events: number;
  firstEventAt: number | null;
  lastEventAt: number | null;
  /** Tasks of 50 ms or more, as the page itself sees them. */
  longTasks: number;
  maxFrameGapMs: number;
  timelineNodes: number;
  peakTimelineNodes: number;
  /** Epoch ms of the first animation frame after the outcome was in the DOM. */
  settledEpochMs: number | null;
  settledAt: number | null;
  usedHeapBytes: number | null;
}

export interface Probe {
  start(): void;
  report(): ProbeReport;
}

declare global {
  interface Window {
    __benchProbe?: Probe;
  }
}

/** Runs in the page (serialised by Playwright): keep it self-contained. */
export function installProbe(): void {
  let active = false;
  let startedAt = 0;
  let events = 0;
  let firstEventAt: number | null = null;
  let lastEventAt: number | null = null;
  let longTasks = 0;
  let maxFrameGapMs = 0;
  let peakTimelineNodes = 0;
  let settledAt: number | null = null;

  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (event: MessageEvent) => {
        if (!active || typeof event.data !== "string" || !event.data.startsWith('{"type":"check.events"')) return;
        const now = performance.now();
        // Every event has exactly one "seq" (shared/contract/events.ts); cheaper than parsing.
        events += event.data.split('"seq":').length - 1;
        firstEventAt ??= now;
        lastEventAt = now;
      });
    }
  }
  window.WebSocket = ProbedWebSocket;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!active || entry.startTime < startedAt) continue;
      longTasks++;
    }
  }).observe({ type: "longtask", buffered: true });

  const timelineNodes = (): number => document.querySelector(".tl-scroll")?.getElementsByTagName("*").length ?? 0;
  let lastFrame = 0;
  let frames = 0;
  const onFrame = (now: number): void => {
    if (active && lastFrame > 0) maxFrameGapMs = Math.max(maxFrameGapMs, now - lastFrame);
    lastFrame = now;
    // Counting nodes every frame would itself cost time; every 8th frame (~130 ms) is enough.
    if (active && ++frames % 8 === 0) peakTimelineNodes = Math.max(peakTimelineNodes, timelineNodes());
    if (active && settledAt === null && document.querySelector(".results .status:not(.status-running)")) settledAt = now;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  window.__benchProbe = {
    start() {
      active = true;
      // The bench's trace lines its clock up with this mark (main-thread-tasks.ts START_MARK).
      startedAt = performance.mark("ehlo-bench-start").startTime;
      lastFrame = 0;
    },
    report() {
      const nodes = timelineNodes();
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        startedAt,
        events,
        firstEventAt,
        lastEventAt,
        longTasks,
        maxFrameGapMs,
        timelineNodes: nodes,
        peakTimelineNodes: Math.max(peakTimelineNodes, nodes),
        settledEpochMs: settledAt === null ? null : performance.timeOrigin + settledAt,
        settledAt,
        usedHeapBytes: memory?.usedJSHeapSize ?? null,
      };
    },
  };
}
