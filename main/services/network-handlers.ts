import { InputError } from "../../shared/smtp/input-error";
import type { NETWORK_METHODS } from "../../shared/contract/methods-network";
import { discover } from "./discovery";
import type { MethodHandler } from "./method-handlers";
import { runMatrix } from "./matrix";

/**
 * Handlers of `discover.run` and `matrix.run`: thin adapters over the discovery and matrix
 * services (the same calls the CLI makes), with the call's signal for cancelling and its
 * progress channel for live source reports and matrix rows.
 */

/**
 * Matrices running at once in this process, over every window and tab. Each may hold up to its
 * own concurrency of sockets (at most 100, the schema's cap); a few together are plenty for a
 * person, and a runaway page cannot multiply them without end.
 */
export const MAX_RUNNING_MATRICES = 4;
let runningMatrices = 0;

export const NETWORK_HANDLERS: { [M in keyof typeof NETWORK_METHODS]: MethodHandler<M> } = {
  "discover.run": (params, ctx) =>
    discover(params.target, {
      dnsServer: params.dnsServer,
      timeouts: params.timeouts,
      probeConcurrency: params.probeConcurrency,
      extraCaPem: params.extraCaPem,
      signal: ctx.signal,
      onSource: (report) => ctx.progress(report),
    }),

  "matrix.run": async (params, ctx) => {
    if (runningMatrices >= MAX_RUNNING_MATRICES) {
      throw new InputError("", `Too many matrices at once: at most ${MAX_RUNNING_MATRICES} can run together. Wait for one to finish or cancel one.`);
    }
    runningMatrices++;
    try {
      return await runMatrix(params.spec, { ...params.options, signal: ctx.signal, onCell: (row) => ctx.progress(row) });
    } finally {
      runningMatrices--;
    }
  },
};
