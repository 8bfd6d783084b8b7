import type { CheckEvent, EventKind, EventOf, Phase } from "../../shared/contract/events";
import type { FindingId, Severity } from "../../shared/contract/findings";

/**
 * Events → timeline rows (pure). The transcript is data (architecture convention 5): rows carry
 * raw text and facts; prefixes, colours and wording are decided by the views. Every event kind has
 * a handler in `HANDLERS`, a mapped type over `EventKind`, so a new kind fails to compile here
 * until the timeline decides what to do with it.
 */

export type BadgeClass = "2xx" | "3xx" | "4xx" | "5xx" | "none";
export type MetaTone = "info" | "muted" | "warning" | "failure";

interface RowBase {
  /** Stable React key: the seq of the row's first event. */
  key: string;
  /** Every event seq shown by the row (several for a multiline reply). */
  seqs: number[];
  t: number;
}

/** Connection facts: DNS, TCP, TLS, start and end. `message` is a UI string key. */
export interface MetaRow extends RowBase {
  type: "meta";
  kind:
    | "session.start"
    | "dns.query"
    | "dns.answer"
    | "dns.error"
    | "tcp.connecting"
    | "tcp.connected"
    | "tcp.error"
    | "tls.start"
    | "tls.established"
    | "tls.error"
    | "port.probe"
    | "done";
  tone: MetaTone;
  params: Record<string, string | number>;
}

export interface SendRow extends RowBase {
  type: "send";
  text: string;
  command: string;
  tls: boolean;
  redacted: boolean;
}

export interface ReplyLine {
  seq: number;
  /** The line as received ("250-PIPELINING"). */
  raw: string;
  /** The text after the code and separator ("PIPELINING"). */
  body: string;
  bareLf: boolean;
}

export interface ReplyRow extends RowBase {
  type: "reply";
  lines: ReplyLine[];
  code: number | null;
  badge: BadgeClass;
  /** False until the last line ("250 " rather than "250-") arrived (RFC 5321 4.2.1). */
  complete: boolean;
  tls: boolean;
  bareLf: boolean;
  phase: Phase;
  replyTo: string | null;
}

export interface WaitingRow extends RowBase {
  type: "waiting";
  phase: Phase;
  elapsedMs: number;
  /** True once anything else happened: the wait is over and the row is history. */
  settled: boolean;
}

export interface NoteRow extends RowBase {
  type: "note";
  level: "info" | "warning" | "error";
  code: string;
  text: string;
}

export interface FindingRow extends RowBase {
  type: "finding";
  /** An early verdict while the main connection still waits; the final finding follows. */
  provisional: boolean;
  id: FindingId;
  severity: Severity;
  evidence: number[];
  params: Record<string, string | number>;
}

export type TimelineRow = MetaRow | SendRow | ReplyRow | WaitingRow | NoteRow | FindingRow;
export type RowType = TimelineRow["type"];

export interface TimelineState {
  rows: readonly TimelineRow[];
  /** Index of the reply still collecting lines, if any. */
  openReply: number | null;
  /** Index of the waiting row still counting, if any. */
  openWaiting: number | null;
}

export const EMPTY_TIMELINE: TimelineState = { rows: [], openReply: null, openWaiting: null };

/** Mutable scratch state of one `appendEvents` call; rows themselves are never mutated. */
interface Builder {
  rows: TimelineRow[];
  openReply: number | null;
  openWaiting: number | null;
}

export function badgeOf(code: number | null): BadgeClass {
  if (code === null) return "none";
  const digit = Math.floor(code / 100);
  return digit === 2 ? "2xx" : digit === 3 ? "3xx" : digit === 4 ? "4xx" : digit === 5 ? "5xx" : "none";
}

/** RFC 5321 4.2: a reply line is the code, then "-" (more lines follow) or SP (last line), then text. */
export function replyBody(text: string, code: number | null): string {
  if (code === null) return text;
  const match = /^\d{3}(?:[ -](.*))?$/s.exec(text);
  return match ? (match[1] ?? "") : text;
}

/**
 * Adds a row. Anything that happens on the main connection ends a wait; `aside` rows (probes of
 * other ports, early verdicts) do not, so one waiting row keeps counting above them.
 */
function push(b: Builder, row: TimelineRow, aside = false): void {
  if (b.openWaiting !== null && !aside) {
    const waiting = b.rows[b.openWaiting];
    if (waiting?.type === "waiting") b.rows[b.openWaiting] = { ...waiting, settled: true };
    b.openWaiting = null;
  }
  b.rows.push(row);
}

function base(event: CheckEvent): RowBase {
  return { key: String(event.seq), seqs: [event.seq], t: event.t };
}

function meta(kind: MetaRow["kind"], tone: MetaTone, params: Record<string, string | number>) {
  return (b: Builder, event: CheckEvent): void => push(b, { ...base(event), type: "meta", kind, tone, params });
}

function onRecv(b: Builder, e: EventOf<"recv">): void {
  const line: ReplyLine = { seq: e.seq, raw: e.text, body: replyBody(e.text, e.code), bareLf: e.bareLf };
  const open = b.openReply === null ? undefined : b.rows[b.openReply];
  if (open?.type === "reply" && b.openReply !== null) {
    b.rows[b.openReply] = {
      ...open,
      seqs: [...open.seqs, e.seq],
      lines: [...open.lines, line],
      complete: e.final,
      bareLf: open.bareLf || e.bareLf,
      tls: open.tls || e.tls,
    };
  } else {
    push(b, {
      ...base(e),
      type: "reply",
      lines: [line],
      code: e.code,
      badge: badgeOf(e.code),
      complete: e.final,
      tls: e.tls,
      bareLf: e.bareLf,
      phase: e.phase,
      replyTo: e.replyTo,
    });
    if (!e.final) b.openReply = b.rows.length - 1;
  }
  if (e.final) b.openReply = null;
}

function onWaiting(b: Builder, e: EventOf<"waiting">): void {
  const open = b.openWaiting === null ? undefined : b.rows[b.openWaiting];
  if (open?.type === "waiting" && open.phase === e.phase && b.openWaiting !== null) {
    b.rows[b.openWaiting] = { ...open, elapsedMs: e.elapsedMs, seqs: [...open.seqs, e.seq] };
    return;
  }
  push(b, { ...base(e), type: "waiting", phase: e.phase, elapsedMs: e.elapsedMs, settled: false });
  b.openWaiting = b.rows.length - 1;
}

type Handler<K extends EventKind> = (b: Builder, event: EventOf<K>) => void;

const HANDLERS: { [K in EventKind]: Handler<K> } = {
  "session.start": (b, e) => meta("session.start", "info", { host: e.host, port: e.port, tls: e.tls })(b, e),
  // Phases are drawn by the waterfall; in the transcript they would only repeat the lines.
  phase: () => undefined,
  "dns.query": (b, e) => meta("dns.query", "muted", { rrtype: e.rrtype, name: e.name, server: e.server ?? "" })(b, e),
  "dns.answer": (b, e) =>
    meta("dns.answer", "muted", { rrtype: e.rrtype, name: e.name, records: e.records.join(", "), count: e.records.length, ms: e.ms })(b, e),
  "dns.error": (b, e) => meta("dns.error", "failure", { rrtype: e.rrtype, name: e.name, code: e.code, ms: e.ms })(b, e),
  "tcp.connecting": (b, e) => meta("tcp.connecting", "info", { address: e.address, port: e.port, family: e.family })(b, e),
  "tcp.connected": (b, e) =>
    meta("tcp.connected", "info", {
      address: e.remoteAddress,
      port: e.remotePort,
      localAddress: e.localAddress,
      localPort: e.localPort,
      ms: e.ms,
    })(b, e),
  "tcp.error": (b, e) => meta("tcp.error", "failure", { code: e.code, message: e.message })(b, e),
  waiting: onWaiting,
  send: (b, e) => push(b, { ...base(e), type: "send", text: e.text, command: e.command, tls: e.tls, redacted: e.redacted }),
  recv: onRecv,
  "tls.start": (b, e) => meta("tls.start", "info", { servername: e.servername ?? "" })(b, e),
  "tls.established": (b, e) => {
    const d = e.details;
    const verified = d.authorized && d.nameMatches;
    meta("tls.established", verified ? "info" : "warning", {
      protocol: d.protocol ?? "?",
      cipher: d.cipher ?? "",
      verified: verified ? "yes" : "no",
      ms: e.ms,
    })(b, e);
  },
  "tls.error": (b, e) => meta("tls.error", "failure", { code: e.code, message: e.message })(b, e),
  note: (b, e) => push(b, { ...base(e), type: "note", level: e.level, code: e.code, text: e.text }),
  "port.probe": (b, e) =>
    push(
      b,
      {
        ...base(e),
        type: "meta",
        kind: "port.probe",
        tone: e.state === "smtp" || e.state === "tls-smtp" ? "info" : "muted",
        params: { port: e.port, state: e.state, banner: e.banner ?? "", ms: e.ms },
      },
      true,
    ),
  provisional: (b, e) =>
    push(b, { ...base(e), type: "finding", provisional: true, id: e.id, severity: "warning", evidence: e.evidence, params: e.params }, true),
  finding: (b, e) =>
    push(b, { ...base(e), type: "finding", provisional: false, id: e.id, severity: e.severity, evidence: e.evidence, params: e.params }),
  done: (b, e) => {
    const tone: MetaTone = e.outcome === "failed" ? "failure" : e.outcome === "warning" ? "warning" : "info";
    meta("done", tone, { outcome: e.outcome, ms: e.t })(b, e);
  },
};

function apply<K extends EventKind>(b: Builder, event: EventOf<K>): void {
  const handler: Handler<K> = HANDLERS[event.kind];
  handler(b, event);
}

/** Adds a batch of events; copies the row array once per batch, never mutates a row. */
export function appendEvents(state: TimelineState, events: readonly CheckEvent[]): TimelineState {
  if (events.length === 0) return state;
  const b: Builder = { rows: state.rows.slice(), openReply: state.openReply, openWaiting: state.openWaiting };
  for (const event of events) apply(b, event);
  return { rows: b.rows, openReply: b.openReply, openWaiting: b.openWaiting };
}

export function buildTimeline(events: readonly CheckEvent[]): TimelineState {
  return appendEvents(EMPTY_TIMELINE, events);
}

/**
 * The row that shows event `seq`, or -1. Rows are ordered by their first seq, so a binary search
 * finds the candidate; a multiline reply can still be collecting lines past later rows, hence the
 * short walk back.
 */
export function rowIndexOfSeq(rows: readonly TimelineRow[], seq: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const first = rows[mid]?.seqs[0] ?? Number.POSITIVE_INFINITY;
    if (first <= seq) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  for (let i = found; i >= 0; i--) {
    if (rows[i]?.seqs.includes(seq)) return i;
  }
  return -1;
}

/** The rows that show a finding's evidence, in order, without duplicates. */
export function evidenceRows(rows: readonly TimelineRow[], evidence: readonly number[]): number[] {
  const indexes = new Set<number>();
  for (const seq of evidence) {
    const index = rowIndexOfSeq(rows, seq);
    if (index >= 0) indexes.add(index);
  }
  return [...indexes].sort((a, b) => a - b);
}

/** swaks markers (`->` sent, `<-` received; `~>`/`<~` under TLS): text, never colour alone. */
export function directionMarker(row: SendRow | ReplyRow): "->" | "~>" | "<-" | "<~" {
  if (row.type === "send") return row.tls ? "~>" : "->";
  return row.tls ? "<~" : "<-";
}
