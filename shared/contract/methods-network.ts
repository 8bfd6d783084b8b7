import { z } from "zod";
import { DiscoverRequestSchema, DiscoverResultSchema, SourceReportSchema } from "./discovery";
import { MatrixOptionsSchema, MatrixResultSchema, MatrixRowSchema, MatrixSpecSchema } from "./matrix";
import type { MethodSpec } from "./methods";

/**
 * Network methods beside single checks. Both open real sockets on request, so both are
 * cancellable (the call's signal reaches every source, probe and row) and bounded (probes and
 * rows run through a pool whose size the schema caps).
 *
 * - `discover.run`: settings discovery for an address or domain; each source's report is sent
 *   as progress the moment it ends, so the view can show "autoconfig: nothing" while probes run.
 * - `matrix.run`: the host-by-stage matrix; each row is sent as progress the moment its check
 *   ends (rows finish in any order: `index` is their place), the whole matrix as the result.
 */

/** `matrix.run` params: what to check and how (the same shapes as `ehlo matrix --json`). */
export const MatrixRunParamsSchema = z.object({
  spec: MatrixSpecSchema,
  options: MatrixOptionsSchema.prefault({}),
});
export type MatrixRunParams = z.infer<typeof MatrixRunParamsSchema>;
export type MatrixRunParamsInput = z.input<typeof MatrixRunParamsSchema>;

export const NETWORK_METHODS = {
  "discover.run": { params: DiscoverRequestSchema, result: DiscoverResultSchema, progress: SourceReportSchema },
  "matrix.run": { params: MatrixRunParamsSchema, result: MatrixResultSchema, progress: MatrixRowSchema },
} satisfies Record<string, MethodSpec>;
