/**
 * Instrumentation injected into the page before the app loads (`page.addInitScript`), for
 * `npm run bench:ui`. It watches, on the page's own clock: WebSocket messages as they reach the
 * page (the app's socket is created later, so wrapping the constructor sees all of its traffic),
 * long tasks (PerformanceObserver 'longtask': tasks of 50 ms or more), gaps between animation
 * frames (what a user sees as jank, whatever its cause), the number of DOM nodes inside the
 * timeline, and the first frame painted after the outcome appears. Bench-only code: the app
 * itself is unchanged.
 */
export interface ProbeReport {
  events: number;
  firstEventAt: number | null;
  lastEventAt: number | null;
  longestTaskMs: number;
  longTasks: number;
  /** Longest task that started before the first event (the check starting), during the flood, after the last event. */
  longestBefore: number;
  longestDuring: number;
  longestAfter: number;
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
  let longestTaskMs = 0;
  let longTasks = 0;
  const tasks: { at: number; ms: number }[] = [];
  let maxFrameGapMs = 0;
  let peakTimelineNodes = 0;
  let settledAt: number | null = null;

  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (event: MessageEvent) => {
        if (!active || typeof event.data !== "string" || !event.data.startsWith('{"type":"check.event"')) return;
        const now = performance.now();
        events++;
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
      longestTaskMs = Math.max(longestTaskMs, entry.duration);
      tasks.push({ at: entry.startTime, ms: entry.duration });
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
      startedAt = performance.now();
      lastFrame = 0;
    },
    report() {
      const nodes = timelineNodes();
      const longest = (keep: (at: number) => boolean): number => Math.max(0, ...tasks.filter((t) => keep(t.at)).map((t) => t.ms));
      const first = firstEventAt ?? Infinity;
      const last = lastEventAt ?? Infinity;
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        events,
        firstEventAt,
        lastEventAt,
        longestTaskMs,
        longTasks,
        longestBefore: longest((at) => at < first),
        longestDuring: longest((at) => at >= first && at <= last),
        longestAfter: longest((at) => at > last),
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
