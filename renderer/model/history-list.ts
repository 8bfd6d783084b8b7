import type { Outcome } from "../../shared/contract/check-result";
import type { Severity } from "../../shared/contract/findings";
import type { HistoryHeader } from "../../shared/contract/history";
import type { MethodParams } from "../../shared/contract/methods";
import { targetText } from "./rerun";

/**
 * The history list as the History view shows it (pure): filters into `history.list` params,
 * the selection of two runs to compare, and what each row displays.
 */

export interface HistoryFilters {
  /** Part of the server name, as typed. */
  host: string;
  outcome: Outcome | "";
  /** Calendar days as <input type="date"> gives them ("2026-11-29"), in the viewer's time zone. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: HistoryFilters = { host: "", outcome: "", from: "", to: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A local calendar day's first or last millisecond as an ISO instant (null for no or a bad day). */
export function dayBound(day: string, end: boolean): string | null {
  if (!DAY.test(day)) return null;
  const date = new Date(`${day}T${end ? "23:59:59.999" : "00:00:00.000"}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function listParams(filters: HistoryFilters): MethodParams<"history.list"> {
  const params: MethodParams<"history.list"> = {};
  const host = filters.host.trim();
  if (host !== "") params.host = host.slice(0, 255);
  if (filters.outcome !== "") params.outcome = filters.outcome;
  const from = dayBound(filters.from, false);
  const to = dayBound(filters.to, true);
  if (from) params.from = from;
  if (to) params.to = to;
  return params;
}

export function hasFilters(filters: HistoryFilters): boolean {
  return filters.host.trim() !== "" || filters.outcome !== "" || filters.from !== "" || filters.to !== "";
}

/** "mx.example.com:587", "[::1]:25": the server of a run, as the form would take it. */
export function runTarget(header: Pick<HistoryHeader, "host" | "port">): string {
  return targetText(header.host, header.port);
}

export function severityCounts(header: HistoryHeader): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of header.findings) counts[finding.severity]++;
  return counts;
}

/** Ticks a run for comparison; a third tick lets go of the earliest of the two. */
export function toggleSelected(selected: readonly string[], id: string, on: boolean): string[] {
  const rest = selected.filter((x) => x !== id);
  if (!on) return rest;
  return [...rest, id].slice(-2);
}

export type CompareChoice =
  | { ready: true; before: HistoryHeader; after: HistoryHeader }
  | { ready: false; reason: "count" }
  | { ready: false; reason: "target"; targets: [string, string] };

/** Two runs of the same server, earlier one first; anything else says why not. */
export function compareChoice(selected: readonly string[], runs: readonly HistoryHeader[]): CompareChoice {
  const picked = selected.flatMap((id) => runs.filter((run) => run.id === id));
  const [a, b] = picked;
  if (picked.length !== 2 || !a || !b) return { ready: false, reason: "count" };
  if (a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return { ready: false, reason: "target", targets: [runTarget(a), runTarget(b)] };
  // Ids start with the start time, so they order runs in time (history-store).
  return a.id < b.id ? { ready: true, before: a, after: b } : { ready: true, before: b, after: a };
}
