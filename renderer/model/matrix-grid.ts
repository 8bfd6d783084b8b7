import type { Phase } from "../../shared/contract/events";
import { FINDING_IDS, type FindingId } from "../../shared/contract/findings";
import { MATRIX_STAGES, type MatrixResult, type MatrixRow, type MatrixStage, type MatrixTarget, type StageCell } from "../../shared/contract/matrix";

/**
 * The host-by-stage grid as the views show it (pure). Rows arrive as `matrix.run` progress in
 * whatever order their checks end; each has an `index` (its place in the plan), so the grid
 * stays in plan order however they arrive, and the final result replaces them all.
 */

export type GridStatus = "idle" | "running" | "done" | "failed" | "cancelled";

export interface MatrixGridState {
  status: GridStatus;
  /** Sorted by `index`, one per index. */
  rows: readonly MatrixRow[];
  /** The full result, once the run has ended. */
  result: MatrixResult | null;
  /** Why the run was refused or failed (a form field and a message). */
  error: { field: string; message: string } | null;
}

export const EMPTY_GRID: MatrixGridState = { status: "idle", rows: [], result: null, error: null };

export type GridAction =
  | { type: "start" }
  | { type: "row"; row: MatrixRow }
  | { type: "done"; result: MatrixResult }
  | { type: "failed"; field: string; message: string }
  | { type: "cancelled" }
  | { type: "clear" };

export function gridReducer(state: MatrixGridState, action: GridAction): MatrixGridState {
  switch (action.type) {
    case "start":
      return { ...EMPTY_GRID, status: "running" };
    case "row":
      // A late row of a run that was cancelled or replaced is not this grid's any more.
      return state.status === "running" ? { ...state, rows: insertRow(state.rows, action.row) } : state;
    case "done": {
      if (state.status !== "running") return state;
      // The result is the complete record: rows missed on the way (a reconnect) are filled in.
      const rows = action.result.rows.reduce<readonly MatrixRow[]>((all, row) => insertRow(all, row), state.rows);
      return { ...state, status: action.result.cancelled ? "cancelled" : "done", rows, result: action.result };
    }
    case "failed":
      return state.status === "running" ? { ...state, status: "failed", error: { field: action.field, message: action.message } } : state;
    case "cancelled":
      return state.status === "running" ? { ...state, status: "cancelled" } : state;
    case "clear":
      return EMPTY_GRID;
  }
}

/** Inserts a row in index order; a second row with the same index replaces the first. */
export function insertRow(rows: readonly MatrixRow[], row: MatrixRow): readonly MatrixRow[] {
  const without = rows.filter((r) => r.index !== row.index);
  const at = without.findIndex((r) => r.index > row.index);
  return at === -1 ? [...without, row] : [...without.slice(0, at), row, ...without.slice(at)];
}

/** "mx1.example.com [192.0.2.1]:25 STARTTLS": the row's name as helpdesk people read it. */
export function targetLabel(target: MatrixTarget): string {
  const where = target.address && target.address !== target.host ? `${target.host} [${target.address}]` : target.host;
  return `${where}:${target.port}`;
}

export interface GridCounts {
  pass: number;
  warn: number;
  fail: number;
}

export function gridCounts(rows: readonly MatrixRow[]): GridCounts {
  const counts: GridCounts = { pass: 0, warn: 0, fail: 0 };
  for (const row of rows) counts[row.verdict]++;
  return counts;
}

/** The finding behind a cell, when its detail is a finding id (the knowledge base explains those). */
export function cellFinding(cell: StageCell): FindingId | null {
  return cell.detail !== null && (FINDING_IDS as readonly string[]).includes(cell.detail) ? (cell.detail as FindingId) : null;
}

/** The engine phases whose events are each stage's evidence. */
const STAGE_PHASES: Record<MatrixStage, readonly Phase[]> = {
  dns: ["resolve"],
  connect: ["connect"],
  greeting: ["greeting"],
  ehlo: ["ehlo"],
  tls: ["starttls", "tls"],
  certificate: ["tls"],
  // The AUTH verdict reads the mechanisms the EHLO reply offers (the matrix never logs in).
  auth: ["ehlo", "auth"],
  rcpt: ["mail", "rcpt", "data"],
};

/**
 * The transcript lines (event `seq`s) behind one cell: the events of the stage's phases, and
 * the evidence of the finding the cell names. Opening a cell highlights these.
 */
export function stageEvidence(row: MatrixRow, stage: MatrixStage): number[] {
  const phases = STAGE_PHASES[stage];
  const seqs = new Set<number>();
  let phase: Phase | null = null;
  for (const event of row.result.events) {
    if (event.kind === "phase") {
      phase = event.state === "start" ? event.phase : phase;
      continue;
    }
    const relevant = stage === "certificate" ? event.kind === "tls.established" || event.kind === "tls.error" : phase !== null && phases.includes(phase);
    if (relevant && event.kind !== "finding") seqs.add(event.seq);
  }
  const finding = cellFinding(row.stages[stage]);
  if (finding) {
    for (const f of row.result.findings) if (f.id === finding) for (const seq of f.evidence) seqs.add(seq);
  }
  return [...seqs].sort((a, b) => a - b);
}

/** Ports that worked end to end (greeting and EHLO passed, no failing stage), in order. */
export function workingPorts(rows: readonly MatrixRow[]): { port: number; tls: MatrixTarget["tls"] }[] {
  return rows
    .filter((row) => row.verdict !== "fail" && row.stages.greeting.status === "pass" && row.stages.ehlo.status === "pass")
    .map((row) => ({ port: row.target.port, tls: row.target.tls }))
    .sort((a, b) => a.port - b.port);
}

/** The worst status among the rows of one port (the stepper's "is the chosen port reachable"). */
export function portVerdict(rows: readonly MatrixRow[], port: number): "pass" | "warn" | "fail" | null {
  const mine = rows.filter((row) => row.target.port === port);
  if (mine.length === 0) return null;
  // A port is reachable when any mode of it works: plain text failing on a TLS-only port is normal.
  if (mine.some((row) => row.verdict === "pass")) return "pass";
  if (mine.some((row) => row.verdict === "warn")) return "warn";
  return "fail";
}

export { MATRIX_STAGES };
