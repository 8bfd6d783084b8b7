import { setMaxListeners } from "node:events";
import { performance } from "node:perf_hooks";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import {
  MatrixOptionsSchema,
  MatrixSpecSchema,
  type MatrixOptionsInput,
  type MatrixResult,
  type MatrixRow,
  type MatrixSpecInput,
} from "../../shared/contract/matrix";
import { parseOrExplain } from "../../shared/contract/schema-errors";
import { validateCheckInput } from "../../shared/smtp/validate-request";
import { assertWireSafe } from "../../shared/smtp/wire-guard";
import { startCheck } from "./checks";
import { deriveStages } from "./matrix-stages";
import { planDomain, planHost, type PlannedRow } from "./matrix-plan";
import { createPool } from "./pool";

export interface RunMatrixOptions extends MatrixOptionsInput {
  signal?: AbortSignal;
  /** Each row as soon as its check ends (rows finish in any order; `index` is their place). */
  onCell?: (row: MatrixRow) => void;
}

/**
 * `matrix.run`: for a domain, every MX host and every address of each; for a host, each port in
 * each TLS mode that makes sense. Rows run concurrently through a bounded pool (default 16, at
 * most 100), each one a full check whose findings become the row's stage verdicts.
 */
export async function runMatrix(specInput: MatrixSpecInput, options: RunMatrixOptions = {}): Promise<MatrixResult> {
  const spec = parseOrExplain(MatrixSpecSchema, specInput, "matrix target");
  const { signal, onCell, ...rest } = options;
  const opts = parseOrExplain(MatrixOptionsSchema, rest, "matrix options");
  assertWireSafe("host", "host name", "domain" in spec ? spec.domain : spec.host);
  const startedAt = new Date();
  const started = performance.now();
  const plan = "domain" in spec ? await planDomain(spec, opts, signal) : planHost(spec, opts);
  const rows = await runRows(plan.rows, { concurrency: opts.concurrency, signal, onCell, rcpt: opts.to !== undefined, mx: "domain" in spec });
  return {
    schema: "ehlo.matrix/1",
    spec,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    concurrency: opts.concurrency,
    peakConcurrency: rows.peak,
    mx: plan.mx,
    implicitMx: plan.implicitMx,
    rows: rows.rows,
    cancelled: signal?.aborted === true,
  };
}

export interface RunRowsOptions {
  concurrency: number;
  signal?: AbortSignal | undefined;
  onCell?: ((row: MatrixRow) => void) | undefined;
  rcpt: boolean;
  /** Rows are MX hosts (server-to-server), not submission servers. */
  mx: boolean;
}

/**
 * Runs planned rows through the pool. Exported for callers that build their own targets (the
 * matrix benchmark). Every request is validated before the first socket opens, so bad input
 * fails the whole matrix at once instead of halfway through.
 */
export async function runRows(planned: PlannedRow[], options: RunRowsOptions): Promise<{ rows: MatrixRow[]; peak: number }> {
  const requests = planned.map((p) => validateCheckInput(parseOrExplain(CheckRequestSchema, p.request, "matrix row")));
  const pool = createPool(options.concurrency);
  // Each running check listens on the caller's signal: up to `concurrency` listeners is expected.
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const onAbort = () => internal.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) internal.abort();
  const rows: MatrixRow[] = [];
  await Promise.all(
    planned.map((p, index) =>
      pool.run(async () => {
        if (internal.signal.aborted) return;
        const request = requests[index];
        if (!request) return;
        const t0 = performance.now();
        // A signal per row: the engine adds and removes abort listeners all through a check, and
        // on one shared signal each removal would walk the listeners of every running row.
        const row = new AbortController();
        const cancel = () => row.abort();
        internal.signal.addEventListener("abort", cancel, { once: true });
        const result = await startCheck(request, { signal: row.signal }).finally(() => internal.signal.removeEventListener("abort", cancel));
        const { stages, verdict } = deriveStages(result, { target: p.target, pinned: p.pinned, dnsMs: p.dnsMs, rcpt: options.rcpt, mx: options.mx });
        const done: MatrixRow = { index, target: p.target, stages, verdict, durationMs: Math.round(performance.now() - t0), result };
        rows.push(done);
        options.onCell?.(done);
      }),
    ),
  );
  options.signal?.removeEventListener("abort", onAbort);
  rows.sort((a, b) => a.index - b.index);
  return { rows, peak: pool.peak };
}
