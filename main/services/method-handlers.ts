import type { MethodName, MethodParams, MethodProgress, MethodResult } from "../../shared/contract/methods";
import { HISTORY_HANDLERS } from "./history-handlers";
import { NETWORK_HANDLERS } from "./network-handlers";

export interface MethodContext {
  signal: AbortSignal;
  progress: (update: unknown) => void;
  /** Which face asks: "electron" or "browser" (e.g. PDF printing differs). */
  face: "electron" | "browser";
}

export type MethodHandler<M extends MethodName> = (
  params: MethodParams<M> extends infer P ? P : never,
  ctx: MethodContext & { progress: (update: MethodProgress<M>) => void },
) => Promise<MethodResult<M>>;

export type MethodHandlers = { [M in MethodName]: MethodHandler<M> };

/** Every method's implementation, one place; a missing handler fails to compile. */
export const METHOD_HANDLERS: MethodHandlers = { ...HISTORY_HANDLERS, ...NETWORK_HANDLERS };
