import type { MethodHandler } from "./method-handlers";
import type { HISTORY_METHODS } from "../../shared/contract/methods-history";

/** Handlers of the history and report methods (filled in by the history/reports work). */
export const HISTORY_HANDLERS: { [M in keyof typeof HISTORY_METHODS]: MethodHandler<M> } = {};
