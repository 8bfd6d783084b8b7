import type { FindingId } from "../../shared/contract/findings";

/**
 * What the person did with each finding's checklist (pure): the steps ticked and their notes,
 * per finding id, for the run on screen. Reports carry it (report.export's `checklistState`),
 * so a ticket shows what was already tried. Keyed by finding id like the report model, so two
 * findings with the same id (two refused recipients) share one checklist, there as here.
 */
export interface ChecklistEntry {
  checked: readonly string[];
  notes: string;
}

export type ChecklistStates = Partial<Record<FindingId, ChecklistEntry>>;

export const EMPTY_CHECKLIST: ChecklistEntry = { checked: [], notes: "" };

export type ChecklistAction =
  | { type: "check"; id: FindingId; step: string; done: boolean }
  | { type: "notes"; id: FindingId; notes: string }
  | { type: "reset" };

export function checklistReducer(state: ChecklistStates, action: ChecklistAction): ChecklistStates {
  switch (action.type) {
    case "reset":
      return {};
    case "check": {
      const entry = state[action.id] ?? EMPTY_CHECKLIST;
      const has = entry.checked.includes(action.step);
      if (has === action.done) return state;
      const checked = action.done ? [...entry.checked, action.step] : entry.checked.filter((step) => step !== action.step);
      return { ...state, [action.id]: { ...entry, checked } };
    }
    case "notes":
      return { ...state, [action.id]: { ...(state[action.id] ?? EMPTY_CHECKLIST), notes: action.notes } };
  }
}

/** The state as report.export takes it: only findings someone touched, notes trimmed at the ends. */
export function checklistForExport(state: ChecklistStates): Partial<Record<FindingId, { checked: string[]; notes: string }>> | undefined {
  const out: Partial<Record<FindingId, { checked: string[]; notes: string }>> = {};
  for (const [id, entry] of Object.entries(state) as [FindingId, ChecklistEntry | undefined][]) {
    if (!entry || (entry.checked.length === 0 && entry.notes.trim() === "")) continue;
    out[id] = { checked: [...entry.checked], notes: entry.notes.trim() };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
