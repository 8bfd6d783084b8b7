import type { MethodHandler } from "./method-handlers";
import type { NETWORK_METHODS } from "../../shared/contract/methods-network";

/** Handlers of the discovery and matrix methods (filled in by the discovery/matrix work). */
export const NETWORK_HANDLERS: { [M in keyof typeof NETWORK_METHODS]: MethodHandler<M> } = {};
