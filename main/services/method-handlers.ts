import type { z } from "zod";
import type { METHODS, MethodName, MethodProgress, MethodResult } from "../../shared/contract/methods";
import type { AppServices } from "./app-services";
import { HISTORY_HANDLERS } from "./history-handlers";
import { NETWORK_HANDLERS } from "./network-handlers";

export interface MethodContext {
  signal: AbortSignal;
  progress: (update: unknown) => void;
  /** Which face asks: "electron" or "browser" (e.g. PDF printing differs). */
  face: "electron" | "browser";
  /** History and PDF printer of the hub (absent: the process defaults, `defaultAppServices()`). */
  services?: AppServices;
}

/** Params as the hub hands them over: parsed by the method's schema, defaults filled in. */
export type ParsedParams<M extends MethodName> = z.output<(typeof METHODS)[M]["params"]>;

export type MethodHandler<M extends MethodName> = (
  params: ParsedParams<M>,
  ctx: MethodContext & { progress: (update: MethodProgress<M>) => void },
) => Promise<MethodResult<M>>;

export type MethodHandlers = { [M in MethodName]: MethodHandler<M> };

/** Every method's implementation, one place; a missing handler fails to compile. */
export const METHOD_HANDLERS: MethodHandlers = { ...HISTORY_HANDLERS, ...NETWORK_HANDLERS };
