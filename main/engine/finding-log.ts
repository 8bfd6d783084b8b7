import type { Outcome } from "../../shared/contract/check-result";
import type { Finding, FindingId, Severity } from "../../shared/contract/findings";
import type { Recorder } from "./recorder";

/** The findings of one session: each recorded once, emitted as an event, and summed up. */
export class FindingLog {
  readonly list: Finding[] = [];

  constructor(private readonly rec: Recorder) {}

  add(id: FindingId, severity: Severity, evidence: number[], params: Record<string, string | number> = {}): void {
    const key = JSON.stringify(params);
    if (this.list.some((f) => f.id === id && JSON.stringify(f.params) === key)) return;
    this.list.push({ id, severity, evidence, params });
    this.rec.emit({ kind: "finding", id, severity, evidence, params });
  }

  has(id: FindingId): boolean {
    return this.list.some((f) => f.id === id);
  }

  outcome(cancelled: boolean): Outcome {
    if (cancelled) return "cancelled";
    if (this.list.some((f) => f.severity === "error")) return "failed";
    if (this.list.some((f) => f.severity === "warning")) return "warning";
    return "ok";
  }
}
