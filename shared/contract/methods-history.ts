import type { MethodSpec } from "./methods";

/**
 * History and report methods ("history.list", "history.get", "history.delete",
 * "history.compare", "history.import", "report.export"). Filled in with their schemas by the
 * history/reports work; empty until then.
 */
export const HISTORY_METHODS = {} satisfies Record<string, MethodSpec>;
