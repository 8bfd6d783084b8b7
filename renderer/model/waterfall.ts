import { assertNever, type CheckEvent, type Phase } from "../../shared/contract/events";

/**
 * Events → phase waterfall (pure). Each bar is one step a helpdesk person recognises; the
 * engine's finer phases map onto them through `PHASE_GROUP`, a `Record<Phase, …>`, so a new phase
 * fails to compile until it has a bar.
 */

export const WATERFALL_GROUPS = ["dns", "connect", "greeting", "ehlo", "tls", "auth", "mailRcpt", "data", "quit"] as const;
export type WaterfallGroup = (typeof WATERFALL_GROUPS)[number];

export const PHASE_GROUP: Record<Phase, WaterfallGroup> = {
  resolve: "dns",
  connect: "connect",
  greeting: "greeting",
  ehlo: "ehlo",
  // STARTTLS wraps the handshake and the second EHLO (RFC 3207 4.2): one "TLS" bar.
  starttls: "tls",
  tls: "tls",
  auth: "auth",
  mail: "mailRcpt",
  rcpt: "mailRcpt",
  data: "data",
  quit: "quit",
};

export type BarState = "running" | "ok" | "warning" | "failed" | "interrupted";

export interface Span {
  start: number;
  /** null while the phase is still open. */
  end: number | null;
}

export interface WaterfallBar {
  group: WaterfallGroup;
  spans: Span[];
  start: number;
  /** End of the last span; for an open span, the time of the latest event. */
  end: number;
  /** Time covered by the spans (overlaps counted once). */
  durationMs: number;
  state: BarState;
}

export interface Waterfall {
  bars: WaterfallBar[];
  /** Time of the latest event: the scale of the chart. */
  totalMs: number;
  finished: boolean;
}

type Severity = "warning" | "failed" | null;

/**
 * What an event says about the health of the phase it happens in. Probes of other ports and early
 * verdicts say nothing about this connection's own phases; the final finding does.
 */
function severityOf(event: CheckEvent): Severity {
  switch (event.kind) {
    case "dns.error":
    case "tcp.error":
    case "tls.error":
      return "failed";
    case "recv":
      // RFC 5321 4.2.1: 4yz and 5yz are failures; a line with no code is a protocol error.
      return event.final && (event.code === null || event.code >= 400) ? "failed" : null;
    case "note":
      return event.level === "error" ? "failed" : event.level === "warning" ? "warning" : null;
    case "finding":
      return event.severity === "error" ? "failed" : event.severity === "warning" ? "warning" : null;
    case "session.start":
    case "phase":
    case "dns.query":
    case "dns.answer":
    case "tcp.connecting":
    case "tcp.connected":
    case "waiting":
    case "send":
    case "tls.start":
    case "tls.established":
    case "port.probe":
    case "provisional":
    case "done":
      return null;
    default:
      return assertNever(event);
  }
}

function unionLength(spans: readonly Span[], now: number): number {
  const sorted = spans.map((s) => ({ start: s.start, end: s.end ?? now })).sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const s of sorted) {
    if (s.start > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = s.start;
      curEnd = s.end;
    } else if (s.end > curEnd) {
      curEnd = s.end;
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

export function buildWaterfall(events: readonly CheckEvent[]): Waterfall {
  const spans = new Map<WaterfallGroup, Span[]>();
  const health = new Map<WaterfallGroup, Severity>();
  /** Phases open right now, innermost last: problems are charged to the innermost. */
  const open: Phase[] = [];
  let now = 0;
  let finished = false;
  for (const event of events) {
    now = Math.max(now, event.t);
    if (event.kind === "phase") {
      const group = PHASE_GROUP[event.phase];
      const list = spans.get(group) ?? [];
      if (event.state === "start") {
        list.push({ start: event.t, end: null });
        open.push(event.phase);
      } else {
        const last = [...list].reverse().find((s) => s.end === null);
        if (last) last.end = event.t;
        const at = open.lastIndexOf(event.phase);
        if (at >= 0) open.splice(at, 1);
      }
      spans.set(group, list);
      continue;
    }
    if (event.kind === "done") finished = true;
    const severity = severityOf(event);
    const innermost = open[open.length - 1];
    if (severity && innermost) {
      const group = PHASE_GROUP[innermost];
      if (health.get(group) !== "failed") health.set(group, severity);
    }
  }
  const bars = WATERFALL_GROUPS.flatMap((group): WaterfallBar[] => {
    const list = spans.get(group);
    if (!list || list.length === 0) return [];
    const stillOpen = list.some((s) => s.end === null);
    const judged = health.get(group) ?? null;
    const state: BarState =
      judged === "failed" ? "failed" : stillOpen ? (finished ? "interrupted" : "running") : judged === "warning" ? "warning" : "ok";
    const start = Math.min(...list.map((s) => s.start));
    const end = Math.max(...list.map((s) => s.end ?? now));
    return [{ group, spans: list.map((s) => ({ ...s })), start, end, durationMs: unionLength(list, now), state }];
  });
  return { bars, totalMs: now, finished };
}

/** Formatters per locale and digit count: building an Intl.NumberFormat costs far more than using one. */
const msFormats = new Map<string, Intl.NumberFormat>();

/** "183 ms", "0.4 ms", "4,210 ms": the waterfall speaks milliseconds. */
export function formatMs(ms: number, locale: string): string {
  const digits = ms < 10 ? 1 : 0;
  const key = `${locale}/${digits}`;
  let format = msFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
    msFormats.set(key, format);
  }
  return format.format(ms);
}
