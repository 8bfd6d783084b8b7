import type { MethodSpec } from "./methods";

/**
 * Network methods beside single checks ("discover.run", "matrix.run" with progress rows).
 * Filled in with their schemas by the discovery/matrix work; empty until then.
 */
export const NETWORK_METHODS = {} satisfies Record<string, MethodSpec>;
