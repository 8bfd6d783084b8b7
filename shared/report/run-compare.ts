import type { CheckResult, Outcome } from "../contract/check-result";
import { PHASES, type Phase } from "../contract/events";
import type { Finding, FindingId } from "../contract/findings";
import { phaseTotals } from "./phase-timing";

/**
 * Two runs side by side (pure): "it worked yesterday" questions. Findings are matched by their
 * stable id (architecture convention 6); replies by the command they answer and its occurrence
 * (the second EHLO is the one after STARTTLS, RFC 3207 4.2); timings per phase.
 */

export interface ReplyChange {
  /** The command answered ("EHLO", "RCPT" …), "CONNECT" for the greeting. */
  command: string;
  /** 1 for the first reply to this command in the run, 2 for the second … */
  occurrence: number;
  /** The reply lines joined by "\n"; null when that run had no such reply. */
  before: string | null;
  after: string | null;
  /** The basic reply code differs (not just the text, e.g. a queue id). */
  codeChanged: boolean;
}

export interface PhaseTiming {
  phase: Phase;
  beforeMs: number | null;
  afterMs: number | null;
  /** after − before; null when one run did not reach the phase. */
  deltaMs: number | null;
}

export interface RunComparison {
  outcome: { before: Outcome; after: Outcome };
  findings: { added: Finding[]; gone: Finding[]; kept: FindingId[] };
  replies: ReplyChange[];
  timing: PhaseTiming[];
}

interface Reply {
  key: string;
  command: string;
  occurrence: number;
  code: number | null;
  text: string;
}

function replies(result: CheckResult): Map<string, Reply> {
  const out = new Map<string, Reply>();
  const seen = new Map<string, number>();
  let lines: string[] = [];
  for (const event of result.events) {
    if (event.kind !== "recv") continue;
    lines.push(event.text);
    if (!event.final) continue;
    const command = event.replyTo ?? "CONNECT";
    const occurrence = (seen.get(command) ?? 0) + 1;
    seen.set(command, occurrence);
    const key = `${command}#${occurrence}`;
    out.set(key, { key, command, occurrence, code: event.code, text: lines.join("\n") });
    lines = [];
  }
  return out;
}

export function compareRuns(before: CheckResult, after: CheckResult): RunComparison {
  const beforeIds = new Set(before.findings.map((f) => f.id));
  const afterIds = new Set(after.findings.map((f) => f.id));
  const a = replies(before);
  const b = replies(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const replyChanges = keys.flatMap((key): ReplyChange[] => {
    const x = a.get(key);
    const y = b.get(key);
    if (x && y && x.text === y.text) return [];
    const any = (x ?? y) as Reply;
    return [{ command: any.command, occurrence: any.occurrence, before: x?.text ?? null, after: y?.text ?? null, codeChanged: x?.code !== y?.code }];
  });
  const ta = phaseTotals(before.events);
  const tb = phaseTotals(after.events);
  const timing = PHASES.flatMap((phase): PhaseTiming[] => {
    const x = ta[phase] ?? null;
    const y = tb[phase] ?? null;
    if (x === null && y === null) return [];
    return [{ phase, beforeMs: x, afterMs: y, deltaMs: x !== null && y !== null ? Math.round((y - x) * 10) / 10 : null }];
  });
  return {
    outcome: { before: before.outcome, after: after.outcome },
    findings: {
      added: after.findings.filter((f) => !beforeIds.has(f.id)),
      gone: before.findings.filter((f) => !afterIds.has(f.id)),
      kept: [...afterIds].filter((id) => beforeIds.has(id)),
    },
    replies: replyChanges,
    timing,
  };
}
